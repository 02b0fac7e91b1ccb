-- Retriggerable one-shot (monostable) timer.
-- A trigger starts (or restarts) an output pulse of PULSE_LEN clocks.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity oneshot_timer is
  generic (
    PULSE_LEN    : positive := 1000;
    RETRIGGER    : boolean  := true
  );
  port (
    i_clk     : in  std_logic;
    i_areset  : in  std_logic;
    i_trigger : in  std_logic;
    o_pulse   : out std_logic;
    o_remain  : out unsigned(15 downto 0)
  );
end entity oneshot_timer;

architecture rtl of oneshot_timer is
  signal trig_d  : std_logic;
  signal trig_re : std_logic;
  signal count   : unsigned(15 downto 0);
begin

  -- rising edge of the trigger input (input assumed synchronous)
  trig_re <= i_trigger and not trig_d;

  process (i_clk, i_areset)
  begin
    if i_areset = '1' then
      trig_d <= '0';
      count  <= (others => '0');
    elsif rising_edge(i_clk) then
      trig_d <= i_trigger;
      if trig_re = '1' and (RETRIGGER or count = 0) then
        count <= to_unsigned(PULSE_LEN, count'length);
      elsif count /= 0 then
        count <= count - 1;
      end if;
    end if;
  end process;

  o_pulse  <= '1' when count /= 0 else '0';
  o_remain <= count;

end architecture rtl;
