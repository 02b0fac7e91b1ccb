--! UART transmitter, 8 data bits, no parity, 1 stop bit, LSB first.
--! A byte is accepted with a valid/ready handshake.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_tx8n1 is
  generic (
    CLKS_PER_BIT : positive := 868   --! 100 MHz / 115200 baud
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                      --! synchronous reset, active high
    tx_valid : in  std_logic;
    tx_ready : out std_logic;                      --! high while idle: a byte may be given
    tx_data  : in  std_logic_vector(7 downto 0);
    txd      : out std_logic                       --! serial line, idle high
  );
end entity uart_tx8n1;

architecture rtl of uart_tx8n1 is
  type state_t is (IDLE, START, DATA, STOP);
  signal state   : state_t;
  signal baud    : natural range 0 to CLKS_PER_BIT - 1;
  signal bit_idx : natural range 0 to 7;
  signal shreg   : std_logic_vector(7 downto 0);
begin

  tx_ready <= '1' when state = IDLE else '0';

  fsm : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        state <= IDLE;
        txd   <= '1';
        baud  <= 0;
      else
        case state is
          when IDLE =>
            txd <= '1';
            if tx_valid = '1' then
              shreg <= tx_data;
              state <= START;
              baud  <= 0;
              txd   <= '0';
            end if;
          when START | DATA | STOP =>
            if baud /= CLKS_PER_BIT - 1 then
              baud <= baud + 1;
            else
              baud <= 0;
              case state is
                when START =>
                  state   <= DATA;
                  bit_idx <= 0;
                  txd     <= shreg(0);
                when DATA =>
                  if bit_idx = 7 then
                    state <= STOP;
                    txd   <= '1';
                  else
                    bit_idx <= bit_idx + 1;
                    txd     <= shreg(bit_idx + 1);
                  end if;
                when others =>          -- STOP: the stop bit has lasted a full bit time
                  state <= IDLE;
              end case;
            end if;
        end case;
      end if;
    end if;
  end process fsm;

end architecture rtl;
