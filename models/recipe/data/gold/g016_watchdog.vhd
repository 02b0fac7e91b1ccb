-- Watchdog timer. Software must write the key 0x5A to kick_data with
-- kick_we set before the timeout expires, otherwise a reset request pulse
-- of RST_PULSE clocks is generated.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity watchdog is
  generic (
    TIMEOUT   : positive := 1_000_000;
    RST_PULSE : positive := 16
  );
  port (
    clk       : in  std_logic;
    areset    : in  std_logic;
    wdt_en    : in  std_logic;
    kick_we   : in  std_logic;
    kick_data : in  std_logic_vector(7 downto 0);
    wdt_reset : out std_logic;
    expired   : out std_logic
  );
end entity watchdog;

architecture rtl of watchdog is
  constant KICK_KEY : std_logic_vector(7 downto 0) := x"5A";
  signal timer     : natural range 0 to TIMEOUT;
  signal pulse_cnt : natural range 0 to RST_PULSE;
  signal bitten    : std_logic;
begin

  process (clk, areset)
  begin
    if areset = '1' then
      timer     <= 0;
      pulse_cnt <= 0;
      bitten    <= '0';
    elsif rising_edge(clk) then
      if wdt_en = '0' or (kick_we = '1' and kick_data = KICK_KEY) then
        timer <= 0;
      elsif timer = TIMEOUT then
        timer     <= 0;
        pulse_cnt <= RST_PULSE;
        bitten    <= '1';
      else
        timer <= timer + 1;
      end if;

      if pulse_cnt /= 0 and timer /= TIMEOUT then
        pulse_cnt <= pulse_cnt - 1;
      end if;
    end if;
  end process;

  wdt_reset <= '1' when pulse_cnt /= 0 else '0';
  expired   <= bitten;

end architecture rtl;
