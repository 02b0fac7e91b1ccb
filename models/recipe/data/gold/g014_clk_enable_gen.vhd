-- Clock-enable generator: derives several strobes (1 kHz, 1 Hz) from the
-- system clock using cascaded counters. No derived clocks are created.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity clk_enable_gen is
  generic (
    CLK_FREQ_HZ : positive := 100_000_000
  );
  port (
    sys_clk  : in  std_logic;
    sys_rst  : in  std_logic;
    ce_1khz  : out std_logic;
    ce_1hz   : out std_logic
  );
end entity clk_enable_gen;

architecture rtl of clk_enable_gen is
  constant KHZ_DIV : positive := CLK_FREQ_HZ / 1000;
  signal pre_cnt : natural range 0 to KHZ_DIV - 1;
  signal ms_cnt  : natural range 0 to 999;
  signal tick_ms : std_logic;
  signal tick_s  : std_logic;
begin

  prescale : process (sys_clk)
  begin
    if rising_edge(sys_clk) then
      if sys_rst = '1' then
        pre_cnt <= 0;
        tick_ms <= '0';
      else
        tick_ms <= '0';
        if pre_cnt = KHZ_DIV - 1 then
          pre_cnt <= 0;
          tick_ms <= '1';
        else
          pre_cnt <= pre_cnt + 1;
        end if;
      end if;
    end if;
  end process prescale;

  seconds : process (sys_clk)
  begin
    if rising_edge(sys_clk) then
      if sys_rst = '1' then
        ms_cnt <= 0;
        tick_s <= '0';
      else
        tick_s <= '0';
        if tick_ms = '1' then
          if ms_cnt = 999 then
            ms_cnt <= 0;
            tick_s <= '1';
          else
            ms_cnt <= ms_cnt + 1;
          end if;
        end if;
      end if;
    end if;
  end process seconds;

  ce_1khz <= tick_ms;
  ce_1hz  <= tick_s;

end architecture rtl;
