-- Rising/falling pulse detector with synchroniser, plus a testbench that
-- counts output pulses and checks their width.
library ieee;
use ieee.std_logic_1164.all;

entity pulse_detect is
  port (
    clk     : in  std_logic;
    arst_n  : in  std_logic;
    async_i : in  std_logic;
    rise_o  : out std_logic;
    fall_o  : out std_logic
  );
end entity pulse_detect;

architecture rtl of pulse_detect is
  signal s : std_logic_vector(2 downto 0);
begin
  process (clk, arst_n)
  begin
    if arst_n = '0' then
      s <= "000";
    elsif rising_edge(clk) then
      s <= s(1 downto 0) & async_i;
    end if;
  end process;
  rise_o <= s(1) and not s(2);
  fall_o <= s(2) and not s(1);
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;

entity tb_pulse_detect is
end entity tb_pulse_detect;

architecture bench of tb_pulse_detect is
  constant TCLK : time := 10 ns;
  signal clk     : std_logic := '0';
  signal arst_n  : std_logic := '0';
  signal async_i : std_logic := '0';
  signal rise_o, fall_o : std_logic;
  signal stop    : boolean := false;
  signal n_rise, n_fall : natural := 0;
begin
  clk <= not clk after TCLK / 2 when not stop;

  dut : entity work.pulse_detect
    port map (clk => clk, arst_n => arst_n, async_i => async_i,
              rise_o => rise_o, fall_o => fall_o);

  -- Count pulses and check that each lasts exactly one clock.
  counter : process (clk)
  begin
    if rising_edge(clk) then
      if rise_o = '1' then n_rise <= n_rise + 1; end if;
      if fall_o = '1' then n_fall <= n_fall + 1; end if;
      assert not (rise_o = '1' and fall_o = '1')
        report "rise and fall together" severity error;
    end if;
  end process counter;

  width_check : process
  begin
    wait until rise_o = '1';
    wait until rising_edge(clk);
    wait for TCLK / 4;                   -- let the outputs settle after the edge
    assert rise_o = '0' report "rise pulse longer than one clock" severity error;
  end process width_check;

  stimulus : process
  begin
    wait for 3.3 * TCLK;                 -- release reset off the clock edge
    arst_n <= '1';
    for i in 1 to 5 loop
      async_i <= '1';
      wait for 4.7 * TCLK;               -- asynchronous timing on purpose
      async_i <= '0';
      wait for 6.1 * TCLK;
    end loop;
    wait for 5 * TCLK;
    assert n_rise = 5 report "expected 5 rising pulses, got " & integer'image(n_rise) severity error;
    assert n_fall = 5 report "expected 5 falling pulses, got " & integer'image(n_fall) severity error;
    report "tb_pulse_detect complete";
    stop <= true;
    wait;
  end process stimulus;
end architecture bench;
