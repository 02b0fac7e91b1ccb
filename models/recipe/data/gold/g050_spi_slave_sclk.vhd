-- SPI slave clocked directly by SCLK (mode 0). The received word is handed
-- to the system domain with a toggle flag and a 3-flop synchroniser.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity spi_slave_sclk is
  port (
    -- SPI domain
    sclk     : in  std_logic;
    cs_n     : in  std_logic;
    mosi     : in  std_logic;
    miso     : out std_logic;
    -- system domain
    sys_clk  : in  std_logic;
    sys_rst  : in  std_logic;
    reply    : in  std_logic_vector(7 downto 0);  -- quasi-static reply byte
    rx_word  : out std_logic_vector(7 downto 0);
    rx_new   : out std_logic
  );
end entity spi_slave_sclk;

architecture rtl of spi_slave_sclk is
  signal rx_sh    : std_logic_vector(6 downto 0);
  signal bitcnt   : unsigned(2 downto 0);
  signal rx_buf   : std_logic_vector(7 downto 0);
  signal rx_tgl   : std_logic := '0';
  signal tx_sh    : std_logic_vector(7 downto 0);
  signal tgl_sync : std_logic_vector(2 downto 0);
begin

  -- Receive on rising SCLK; cs_n high holds the counter in reset.
  rx_p : process (sclk, cs_n)
  begin
    if cs_n = '1' then
      bitcnt <= (others => '0');
    elsif rising_edge(sclk) then
      rx_sh  <= rx_sh(5 downto 0) & mosi;
      bitcnt <= bitcnt + 1;
      if bitcnt = 7 then
        rx_buf <= rx_sh & mosi;
        rx_tgl <= not rx_tgl;
      end if;
    end if;
  end process rx_p;

  -- Transmit: change MISO on falling SCLK; load at the byte start.
  tx_p : process (sclk, cs_n)
  begin
    if cs_n = '1' then
      tx_sh <= reply;
    elsif falling_edge(sclk) then
      if bitcnt = 0 then
        tx_sh <= reply;
      else
        tx_sh <= tx_sh(6 downto 0) & '0';
      end if;
    end if;
  end process tx_p;

  miso <= tx_sh(7) when cs_n = '0' else 'Z';

  -- System domain: detect toggles.
  sys_p : process (sys_clk)
  begin
    if rising_edge(sys_clk) then
      if sys_rst = '1' then
        tgl_sync <= (others => '0');
        rx_new   <= '0';
      else
        tgl_sync <= tgl_sync(1 downto 0) & rx_tgl;
        rx_new   <= tgl_sync(2) xor tgl_sync(1);
        if (tgl_sync(2) xor tgl_sync(1)) = '1' then
          rx_word <= rx_buf;       -- stable: last written 2+ sys_clk cycles ago
        end if;
      end if;
    end if;
  end process sys_p;

end architecture rtl;
