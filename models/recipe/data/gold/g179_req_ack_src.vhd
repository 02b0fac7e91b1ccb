-- Source side of a four-phase request/acknowledge handshake: a word given with
-- load is held on data_o, req_o rises, and the next word can only be taken
-- after the sink's ack has risen and fallen again.
library ieee;
use ieee.std_logic_1164.all;

entity req_ack_src is
  generic (
    W : positive := 16
  );
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;                        -- synchronous reset, active high
    load   : in  std_logic;                        -- take din (only while ready_o)
    din    : in  std_logic_vector(W-1 downto 0);
    ready_o: out std_logic;
    req_o  : out std_logic;
    ack_i  : in  std_logic;                        -- from the sink, asynchronous
    data_o : out std_logic_vector(W-1 downto 0)
  );
end entity req_ack_src;

architecture rtl of req_ack_src is
  type phase_t is (IDLE, REQ, ACK_LOW);
  signal phase          : phase_t;
  signal ack_m, ack_s   : std_logic;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      ack_m <= ack_i;
      ack_s <= ack_m;
      if rst = '1' then
        phase <= IDLE;
        req_o <= '0';
      else
        case phase is
          when IDLE =>
            if load = '1' then
              data_o <= din;
              req_o  <= '1';
              phase  <= REQ;
            end if;
          when REQ =>                     -- wait for the sink to take the word
            if ack_s = '1' then
              req_o <= '0';
              phase <= ACK_LOW;
            end if;
          when ACK_LOW =>                 -- wait for the sink to drop ack
            if ack_s = '0' then
              phase <= IDLE;
            end if;
        end case;
      end if;
    end if;
  end process;

  ready_o <= '1' when phase = IDLE else '0';

end architecture rtl;
