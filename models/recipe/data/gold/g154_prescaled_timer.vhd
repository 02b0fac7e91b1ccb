-- math_pkg: elaboration-time helpers for sizing counters.
-- prescaled_timer: periodic tick generator from a clock frequency and a
-- tick rate given as generics, with counter widths derived by math_pkg.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package math_pkg is
  function ceil_log2(n : natural) return natural;
  function ceil_div(a, b : positive) return positive;
  function max(a, b : integer) return integer;
end package math_pkg;

package body math_pkg is

  function ceil_log2(n : natural) return natural is
    variable r : natural := 0;
  begin
    while 2**r < n loop
      r := r + 1;
    end loop;
    return r;
  end function ceil_log2;

  function ceil_div(a, b : positive) return positive is
  begin
    return (a + b - 1) / b;
  end function ceil_div;

  function max(a, b : integer) return integer is
  begin
    if a > b then
      return a;
    end if;
    return b;
  end function max;

end package body math_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.math_pkg.all;

entity prescaled_timer is
  generic (
    CLK_HZ  : positive := 50_000_000;
    TICK_HZ : positive := 1_000          -- 1 ms tick
  );
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;             -- synchronous, active low
    enable  : in  std_logic;
    tick    : out std_logic;             -- one clock wide
    ticks   : out unsigned(15 downto 0)  -- free-running tick counter
  );
end entity prescaled_timer;

architecture rtl of prescaled_timer is
  constant DIV   : positive := ceil_div(CLK_HZ, TICK_HZ);
  constant CNT_W : positive := max(1, ceil_log2(DIV));
  signal presc   : unsigned(CNT_W-1 downto 0);
  signal tick_r  : std_logic;
  signal count   : unsigned(15 downto 0);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst_n = '0' then
        presc  <= (others => '0');
        tick_r <= '0';
        count  <= (others => '0');
      else
        tick_r <= '0';
        if enable = '1' then
          if presc = DIV - 1 then
            presc  <= (others => '0');
            tick_r <= '1';
            count  <= count + 1;
          else
            presc <= presc + 1;
          end if;
        end if;
      end if;
    end if;
  end process;

  tick  <= tick_r;
  ticks <= count;

end architecture rtl;
