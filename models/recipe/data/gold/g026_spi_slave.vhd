-- SPI slave, mode 0, oversampled: SCLK, MOSI and CS_N are synchronised into
-- the system clock domain and edges detected there. Requires clk >= 4x SCLK.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity spi_slave is
  port (
    clk        : in  std_logic;
    reset_n    : in  std_logic;
    spi_sclk   : in  std_logic;
    spi_mosi   : in  std_logic;
    spi_miso   : out std_logic;
    spi_cs_n   : in  std_logic;
    tx_byte    : in  std_logic_vector(7 downto 0);  -- byte returned next
    rx_byte    : out std_logic_vector(7 downto 0);
    rx_strobe  : out std_logic
  );
end entity spi_slave;

architecture rtl of spi_slave is
  signal sclk_sr : std_logic_vector(2 downto 0);
  signal cs_sr   : std_logic_vector(2 downto 0);
  signal mosi_sr : std_logic_vector(1 downto 0);
  signal sclk_rise, sclk_fall, cs_active, cs_start : std_logic;
  signal rx_sh, tx_sh : std_logic_vector(7 downto 0);
  signal bit_cnt : unsigned(2 downto 0);
begin

  sync_p : process (clk, reset_n)
  begin
    if reset_n = '0' then
      sclk_sr <= (others => '0');
      cs_sr   <= (others => '1');
      mosi_sr <= (others => '0');
    elsif rising_edge(clk) then
      sclk_sr <= sclk_sr(1 downto 0) & spi_sclk;
      cs_sr   <= cs_sr(1 downto 0) & spi_cs_n;
      mosi_sr <= mosi_sr(0) & spi_mosi;
    end if;
  end process sync_p;

  sclk_rise <= sclk_sr(1) and not sclk_sr(2);
  sclk_fall <= sclk_sr(2) and not sclk_sr(1);
  cs_active <= not cs_sr(1);
  cs_start  <= cs_sr(2) and not cs_sr(1);

  shift_p : process (clk, reset_n)
  begin
    if reset_n = '0' then
      rx_sh     <= (others => '0');
      tx_sh     <= (others => '0');
      bit_cnt   <= (others => '0');
      rx_byte   <= (others => '0');
      rx_strobe <= '0';
    elsif rising_edge(clk) then
      rx_strobe <= '0';
      if cs_start = '1' then
        bit_cnt <= (others => '0');
        tx_sh   <= tx_byte;
      elsif cs_active = '1' then
        if sclk_rise = '1' then
          rx_sh   <= rx_sh(6 downto 0) & mosi_sr(1);
          bit_cnt <= bit_cnt + 1;
          if bit_cnt = 7 then
            rx_byte   <= rx_sh(6 downto 0) & mosi_sr(1);
            rx_strobe <= '1';
          end if;
        elsif sclk_fall = '1' then
          if bit_cnt = 0 then
            tx_sh <= tx_byte;               -- reload for the next byte
          else
            tx_sh <= tx_sh(6 downto 0) & '0';
          end if;
        end if;
      end if;
    end if;
  end process shift_p;

  spi_miso <= tx_sh(7) when cs_active = '1' else 'Z';

end architecture rtl;
