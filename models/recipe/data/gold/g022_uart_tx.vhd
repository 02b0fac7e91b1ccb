-- UART transmitter, 8N1, baud rate from a generic clock divider.
-- One-process FSM.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_tx is
  generic (
    CLK_HZ : positive := 50_000_000;
    BAUD   : positive := 115_200
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    tx_start : in  std_logic;
    tx_data  : in  std_logic_vector(7 downto 0);
    tx_busy  : out std_logic;
    tx_done  : out std_logic;
    txd      : out std_logic
  );
end entity uart_tx;

architecture rtl of uart_tx is
  constant BIT_TICKS : positive := CLK_HZ / BAUD;
  type state_t is (IDLE, START_BIT, DATA_BITS, STOP_BIT);
  signal state    : state_t;
  signal baud_cnt : natural range 0 to BIT_TICKS-1;
  signal bit_idx  : natural range 0 to 7;
  signal shreg    : std_logic_vector(7 downto 0);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      tx_done <= '0';
      if rst = '1' then
        state    <= IDLE;
        txd      <= '1';
        baud_cnt <= 0;
        bit_idx  <= 0;
      else
        case state is
          when IDLE =>
            txd <= '1';
            if tx_start = '1' then
              shreg    <= tx_data;
              baud_cnt <= 0;
              state    <= START_BIT;
            end if;
          when START_BIT =>
            txd <= '0';
            if baud_cnt = BIT_TICKS-1 then
              baud_cnt <= 0;
              bit_idx  <= 0;
              state    <= DATA_BITS;
            else
              baud_cnt <= baud_cnt + 1;
            end if;
          when DATA_BITS =>
            txd <= shreg(bit_idx);
            if baud_cnt = BIT_TICKS-1 then
              baud_cnt <= 0;
              if bit_idx = 7 then
                state <= STOP_BIT;
              else
                bit_idx <= bit_idx + 1;
              end if;
            else
              baud_cnt <= baud_cnt + 1;
            end if;
          when STOP_BIT =>
            txd <= '1';
            if baud_cnt = BIT_TICKS-1 then
              baud_cnt <= 0;
              tx_done  <= '1';
              state    <= IDLE;
            else
              baud_cnt <= baud_cnt + 1;
            end if;
        end case;
      end if;
    end if;
  end process;

  tx_busy <= '0' when state = IDLE else '1';

end architecture rtl;
