-- Testbench for traffic_light (g101) with shortened phase times.
-- Checks the safety rule (never green on both roads) continuously and
-- that a waiting car eventually gets a green light.
library ieee;
use ieee.std_logic_1164.all;

entity tb_traffic_light is
end entity tb_traffic_light;

architecture sim of tb_traffic_light is
  constant CLK_PERIOD : time := 10 ns;

  signal clk       : std_logic := '0';
  signal rst       : std_logic := '1';
  signal car_ew    : std_logic := '0';
  signal ns_red    : std_logic;
  signal ns_yellow : std_logic;
  signal ns_green  : std_logic;
  signal ew_red    : std_logic;
  signal ew_yellow : std_logic;
  signal ew_green  : std_logic;
  signal finished  : boolean := false;
begin

  clock : process
  begin
    if finished then
      wait;
    end if;
    clk <= '0';
    wait for CLK_PERIOD / 2;
    clk <= '1';
    wait for CLK_PERIOD / 2;
  end process clock;

  dut : entity work.traffic_light
    generic map (
      T_MIN_GREEN => 20,
      T_YELLOW    => 5,
      T_ALL_RED   => 2,
      T_SIDE      => 10
    )
    port map (
      clk => clk, rst => rst, car_ew => car_ew,
      ns_red => ns_red, ns_yellow => ns_yellow, ns_green => ns_green,
      ew_red => ew_red, ew_yellow => ew_yellow, ew_green => ew_green
    );

  -- safety monitor
  safety : process (clk)
  begin
    if rising_edge(clk) and rst = '0' then
      assert not ((ns_green = '1' or ns_yellow = '1') and (ew_green = '1' or ew_yellow = '1'))
        report "conflicting green/yellow on both roads" severity failure;
      assert (ns_red or ns_yellow or ns_green) = '1'
        report "no lamp lit on the main road" severity error;
    end if;
  end process safety;

  stimulus : process
  begin
    wait for 3 * CLK_PERIOD;
    rst <= '0';

    -- without a side-road car the main road stays green
    wait for 50 * CLK_PERIOD;
    assert ns_green = '1' report "main road left green without a car" severity error;

    -- a car arrives: side road must get green within a bounded time
    car_ew <= '1';
    wait until ew_green = '1' for 40 * CLK_PERIOD;
    assert ew_green = '1' report "side road never got green" severity error;
    car_ew <= '0';

    -- and the main road must come back
    wait until ns_green = '1' for 40 * CLK_PERIOD;
    assert ns_green = '1' report "main road did not return to green" severity error;

    report "tb_traffic_light passed" severity note;
    finished <= true;
    wait;
  end process stimulus;

end architecture sim;
