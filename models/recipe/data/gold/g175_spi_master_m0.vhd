-- SPI master, mode 0 (CPOL = 0, CPHA = 0), 8-bit transfers, MSB first.
-- SCLK runs at clk / (2 * HALF); chip select is held low for the whole byte.
library ieee;
use ieee.std_logic_1164.all;

entity spi_master_m0 is
  generic (
    HALF : positive := 4            -- clk cycles per half SCLK period
  );
  port (
    clk     : in  std_logic;
    rst     : in  std_logic;        -- synchronous reset, active high
    start   : in  std_logic;        -- begin a transfer (ignored while busy)
    tx_byte : in  std_logic_vector(7 downto 0);
    rx_byte : out std_logic_vector(7 downto 0);
    busy    : out std_logic;
    done    : out std_logic;        -- one-clock pulse when rx_byte is valid
    sclk    : out std_logic;
    mosi    : out std_logic;
    miso    : in  std_logic;
    cs_n    : out std_logic
  );
end entity spi_master_m0;

architecture rtl of spi_master_m0 is
  signal active  : std_logic;
  signal div     : natural range 0 to HALF - 1;
  signal sclk_q  : std_logic;
  signal edges   : natural range 0 to 16;
  signal tx_sh   : std_logic_vector(7 downto 0);
  signal rx_sh   : std_logic_vector(7 downto 0);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      done <= '0';
      if rst = '1' then
        active <= '0';
        sclk_q <= '0';
        cs_n   <= '1';
        div    <= 0;
        edges  <= 0;
      elsif active = '0' then
        if start = '1' then
          active <= '1';
          cs_n   <= '0';
          tx_sh  <= tx_byte;            -- bit 7 is on MOSI from now on
          div    <= 0;
          edges  <= 0;
        end if;
      elsif div /= HALF - 1 then
        div <= div + 1;
      else
        div    <= 0;
        sclk_q <= not sclk_q;
        edges  <= edges + 1;
        if sclk_q = '0' then            -- rising SCLK edge: sample MISO
          rx_sh <= rx_sh(6 downto 0) & miso;
        else                            -- falling SCLK edge: next bit out
          tx_sh <= tx_sh(6 downto 0) & '0';
        end if;
        if edges = 15 then              -- the sixteenth edge ends the byte
          active <= '0';
          cs_n   <= '1';
          done   <= '1';
        end if;
      end if;
    end if;
  end process;

  sclk    <= sclk_q;
  mosi    <= tx_sh(7);
  busy    <= active;
  rx_byte <= rx_sh;

end architecture rtl;
