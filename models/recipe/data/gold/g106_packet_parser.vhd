-- Byte-stream packet parser.
-- Frame: 0xA5 | LEN | LEN payload bytes | XOR checksum of the payload
-- Payload bytes are forwarded as they arrive; the verdict comes at the end.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity packet_parser is
  port (
    clk         : in  std_logic;
    resetn      : in  std_logic;                     -- async, active low
    rx_valid    : in  std_logic;
    rx_byte     : in  std_logic_vector(7 downto 0);
    pl_valid    : out std_logic;                     -- payload byte strobe
    pl_byte     : out std_logic_vector(7 downto 0);
    pl_last     : out std_logic;
    pkt_ok      : out std_logic;                     -- checksum matched
    pkt_err     : out std_logic                      -- checksum mismatch
  );
end entity packet_parser;

architecture rtl of packet_parser is
  constant SOF : std_logic_vector(7 downto 0) := x"A5";
  type state_t is (WAIT_SOF, GET_LEN, PAYLOAD, CHECK);
  signal state     : state_t;
  signal remaining : unsigned(7 downto 0);
  signal csum      : std_logic_vector(7 downto 0);
begin

  parse : process (clk, resetn)
  begin
    if resetn = '0' then
      state     <= WAIT_SOF;
      remaining <= (others => '0');
      csum      <= (others => '0');
      pl_valid  <= '0';
      pl_last   <= '0';
      pl_byte   <= (others => '0');
      pkt_ok    <= '0';
      pkt_err   <= '0';
    elsif rising_edge(clk) then
      pl_valid <= '0';
      pl_last  <= '0';
      pkt_ok   <= '0';
      pkt_err  <= '0';
      if rx_valid = '1' then
        case state is
          when WAIT_SOF =>
            if rx_byte = SOF then
              state <= GET_LEN;
            end if;
          when GET_LEN =>
            csum      <= (others => '0');
            remaining <= unsigned(rx_byte);
            if unsigned(rx_byte) = 0 then
              state <= CHECK;                        -- empty packet
            else
              state <= PAYLOAD;
            end if;
          when PAYLOAD =>
            pl_valid  <= '1';
            pl_byte   <= rx_byte;
            csum      <= csum xor rx_byte;
            remaining <= remaining - 1;
            if remaining = 1 then
              pl_last <= '1';
              state   <= CHECK;
            end if;
          when CHECK =>
            if rx_byte = csum then
              pkt_ok  <= '1';
            else
              pkt_err <= '1';
            end if;
            state <= WAIT_SOF;
        end case;
      end if;
    end if;
  end process parse;

end architecture rtl;
