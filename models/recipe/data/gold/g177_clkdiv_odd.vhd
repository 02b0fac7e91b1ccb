--! Clock divider by an odd ratio with a 50 % duty cycle: two counters, one on
--! each edge of the input clock, and the output is the OR of their waveforms.
library ieee;
use ieee.std_logic_1164.all;

entity clkdiv_odd is
  generic (
    DIV : positive := 5   --! odd division ratio, at least 3
  );
  port (
    clk_in  : in  std_logic;
    reset   : in  std_logic;   --! asynchronous reset, active high
    clk_out : out std_logic
  );
end entity clkdiv_odd;

architecture rtl of clkdiv_odd is
  signal cnt    : natural range 0 to DIV - 1;
  signal ph_pos : std_logic;
  signal ph_neg : std_logic;
begin

  assert DIV mod 2 = 1 and DIV >= 3 report "clkdiv_odd: DIV must be odd and at least 3" severity failure;

  count : process (clk_in, reset)
  begin
    if reset = '1' then
      cnt    <= 0;
      ph_pos <= '0';
    elsif rising_edge(clk_in) then
      if cnt = DIV - 1 then
        cnt <= 0;
      else
        cnt <= cnt + 1;
      end if;
      if cnt < DIV / 2 then
        ph_pos <= '1';
      else
        ph_pos <= '0';
      end if;
    end if;
  end process count;

  delay : process (clk_in, reset)
  begin
    if reset = '1' then
      ph_neg <= '0';
    elsif falling_edge(clk_in) then
      ph_neg <= ph_pos;
    end if;
  end process delay;

  clk_out <= ph_pos or ph_neg;

end architecture rtl;
