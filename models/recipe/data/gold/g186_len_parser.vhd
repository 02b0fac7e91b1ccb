-- Packet header parser for a byte stream: the first byte of a packet is a type,
-- the second the payload length; the payload bytes are then counted through
-- and the packet ends after the last one.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity len_parser is
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;                        -- synchronous reset, active high
    in_valid   : in  std_logic;
    in_byte    : in  std_logic_vector(7 downto 0);
    pkt_type   : out std_logic_vector(7 downto 0);     -- valid from the start of the payload
    pay_valid  : out std_logic;                        -- in_byte is a payload byte
    pkt_done   : out std_logic                         -- one-clock pulse after the last byte
  );
end entity len_parser;

architecture rtl of len_parser is
  type state_t is (GET_TYPE, GET_LEN, PAYLOAD);
  signal state     : state_t;
  signal remaining : unsigned(7 downto 0);
begin

  pay_valid <= in_valid when state = PAYLOAD else '0';

  parse : process (clk)
  begin
    if rising_edge(clk) then
      pkt_done <= '0';
      if rst = '1' then
        state <= GET_TYPE;
      elsif in_valid = '1' then
        case state is
          when GET_TYPE =>
            pkt_type <= in_byte;
            state    <= GET_LEN;
          when GET_LEN =>
            remaining <= unsigned(in_byte);
            if unsigned(in_byte) = 0 then
              pkt_done <= '1';            -- empty payload: the header was the packet
              state    <= GET_TYPE;
            else
              state <= PAYLOAD;
            end if;
          when PAYLOAD =>
            remaining <= remaining - 1;
            if remaining = 1 then
              pkt_done <= '1';
              state    <= GET_TYPE;
            end if;
        end case;
      end if;
    end if;
  end process parse;

end architecture rtl;
