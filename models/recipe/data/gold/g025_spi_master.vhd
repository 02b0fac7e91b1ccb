--! @brief SPI master, mode 0 (CPOL=0, CPHA=0), MSB first, single slave select.
--! The SCLK frequency is clk / (2 * (CLK_DIV + 1)).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity spi_master is
  generic (
    DATA_W  : positive := 8;
    CLK_DIV : natural  := 4
  );
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;
    start     : in  std_logic;                             --! begin a transfer
    tx_data   : in  std_logic_vector(DATA_W-1 downto 0);
    rx_data   : out std_logic_vector(DATA_W-1 downto 0);
    done      : out std_logic;                             --! one-cycle pulse
    busy      : out std_logic;
    sclk      : out std_logic;
    mosi      : out std_logic;
    miso      : in  std_logic;
    cs_n      : out std_logic
  );
end entity spi_master;

architecture rtl of spi_master is
  type state_type is (IDLE, TRANSFER, FINISH);
  signal state   : state_type;
  signal div     : natural range 0 to CLK_DIV;
  signal sclk_r  : std_logic;
  signal bits    : natural range 0 to DATA_W;
  signal sh_tx   : std_logic_vector(DATA_W-1 downto 0);
  signal sh_rx   : std_logic_vector(DATA_W-1 downto 0);
begin

  process (clk, rst)
  begin
    if rst = '1' then
      state  <= IDLE;
      div    <= 0;
      sclk_r <= '0';
      bits   <= 0;
      sh_tx  <= (others => '0');
      sh_rx  <= (others => '0');
      cs_n   <= '1';
      done   <= '0';
    elsif rising_edge(clk) then
      done <= '0';
      case state is
        when IDLE =>
          sclk_r <= '0';
          if start = '1' then
            sh_tx <= tx_data;
            bits  <= DATA_W;
            div   <= 0;
            cs_n  <= '0';
            state <= TRANSFER;
          end if;

        when TRANSFER =>
          if div = CLK_DIV then
            div <= 0;
            if sclk_r = '0' then
              sclk_r <= '1';                             -- rising: sample MISO
              sh_rx  <= sh_rx(DATA_W-2 downto 0) & miso;
              bits   <= bits - 1;
            else
              sclk_r <= '0';                             -- falling: shift MOSI
              sh_tx  <= sh_tx(DATA_W-2 downto 0) & '0';
              if bits = 0 then
                state <= FINISH;
              end if;
            end if;
          else
            div <= div + 1;
          end if;

        when FINISH =>
          cs_n  <= '1';
          done  <= '1';
          state <= IDLE;
      end case;
    end if;
  end process;

  sclk    <= sclk_r;
  mosi    <= sh_tx(DATA_W-1);
  rx_data <= sh_rx;
  busy    <= '0' when state = IDLE else '1';

end architecture rtl;
