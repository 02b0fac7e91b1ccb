--! UART receiver, 8N1, 16x oversampling with mid-bit sampling.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_rx is
  generic (
    CLKS_PER_TICK : positive := 27      --! clk / (16 * baud); 50 MHz / (16*115200)
  );
  port (
    clk        : in  std_logic;
    rst_n      : in  std_logic;
    rxd        : in  std_logic;                     --! serial input, asynchronous
    rx_data    : out std_logic_vector(7 downto 0);  --! received byte
    rx_valid   : out std_logic;                     --! one-cycle strobe with rx_data
    frame_err  : out std_logic                      --! stop bit was '0'
  );
end entity uart_rx;

architecture rtl of uart_rx is
  type state_t is (S_IDLE, S_START, S_DATA, S_STOP);
  signal state    : state_t;
  signal rx_meta, rx_sync : std_logic;
  signal div_cnt  : natural range 0 to CLKS_PER_TICK-1;
  signal tick     : std_logic;
  signal os_cnt   : unsigned(3 downto 0);        --! oversample counter 0..15
  signal bit_cnt  : unsigned(2 downto 0);
  signal shreg    : std_logic_vector(7 downto 0);
begin

  --! 16x baud tick generator.
  tick_p : process (clk, rst_n)
  begin
    if rst_n = '0' then
      div_cnt <= 0;
      tick    <= '0';
    elsif rising_edge(clk) then
      tick <= '0';
      if div_cnt = CLKS_PER_TICK-1 then
        div_cnt <= 0;
        tick    <= '1';
      else
        div_cnt <= div_cnt + 1;
      end if;
    end if;
  end process tick_p;

  --! Synchroniser and receive FSM.
  rx_p : process (clk, rst_n)
  begin
    if rst_n = '0' then
      rx_meta   <= '1';
      rx_sync   <= '1';
      state     <= S_IDLE;
      os_cnt    <= (others => '0');
      bit_cnt   <= (others => '0');
      shreg     <= (others => '0');
      rx_data   <= (others => '0');
      rx_valid  <= '0';
      frame_err <= '0';
    elsif rising_edge(clk) then
      rx_meta  <= rxd;
      rx_sync  <= rx_meta;
      rx_valid <= '0';
      if tick = '1' then
        case state is
          when S_IDLE =>
            os_cnt <= (others => '0');
            if rx_sync = '0' then
              state <= S_START;
            end if;
          when S_START =>                       -- check start bit at its middle
            if os_cnt = 7 then
              os_cnt <= (others => '0');
              if rx_sync = '0' then
                bit_cnt <= (others => '0');
                state   <= S_DATA;
              else
                state <= S_IDLE;                -- glitch, not a start bit
              end if;
            else
              os_cnt <= os_cnt + 1;
            end if;
          when S_DATA =>
            os_cnt <= os_cnt + 1;
            if os_cnt = 15 then                 -- middle of the next bit
              shreg <= rx_sync & shreg(7 downto 1);
              if bit_cnt = 7 then
                state <= S_STOP;
              end if;
              bit_cnt <= bit_cnt + 1;
            end if;
          when S_STOP =>
            os_cnt <= os_cnt + 1;
            if os_cnt = 15 then
              rx_data   <= shreg;
              rx_valid  <= '1';
              frame_err <= not rx_sync;
              state     <= S_IDLE;
            end if;
        end case;
      end if;
    end if;
  end process rx_p;

end architecture rtl;
