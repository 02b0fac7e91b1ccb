-- Testbench for moving_average (g089): drives a step and a random sequence
-- and compares every output with a behavioural model kept in the testbench.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use ieee.math_real.all;

entity tb_moving_average is
end entity tb_moving_average;

architecture sim of tb_moving_average is
  constant DATA_W   : positive := 8;
  constant LOG2_LEN : positive := 2;
  constant LEN      : positive := 2**LOG2_LEN;
  constant TCLK     : time     := 10 ns;

  signal clk       : std_logic := '0';
  signal reset     : std_logic := '1';
  signal sample_en : std_logic := '0';
  signal sample    : unsigned(DATA_W-1 downto 0) := (others => '0');
  signal average   : unsigned(DATA_W-1 downto 0);
begin

  clk <= not clk after TCLK / 2;

  dut : entity work.moving_average
    generic map (DATA_W => DATA_W, LOG2_LEN => LOG2_LEN)
    port map (clk => clk, reset => reset, sample_en => sample_en,
              sample => sample, average => average);

  stim : process
    type hist_t is array (0 to LEN-1) of natural;
    variable hist    : hist_t := (others => 0);   -- model of the window
    variable total   : natural;
    variable s1, s2  : positive := 42;
    variable r       : real;
    variable value   : natural;
    variable errors  : natural := 0;
  begin
    wait for 3 * TCLK;
    wait until falling_edge(clk);
    reset <= '0';

    for n in 0 to 99 loop
      if n < 10 then
        value := 200;                              -- step input
      else
        uniform(s1, s2, r);
        value := integer(trunc(r * 255.0));
      end if;
      sample    <= to_unsigned(value, DATA_W);
      sample_en <= '1';
      wait until falling_edge(clk);                -- DUT updated at the rising edge

      hist  := value & hist(0 to LEN-2);
      total := 0;
      for i in hist'range loop
        total := total + hist(i);
      end loop;
      if to_integer(average) /= total / LEN then
        errors := errors + 1;
        report "sample " & integer'image(n) & ": got " & integer'image(to_integer(average))
               & ", expected " & integer'image(total / LEN) severity error;
      end if;
    end loop;

    sample_en <= '0';
    assert errors = 0 report "moving_average: mismatches found" severity failure;
    report "tb_moving_average: 100 samples checked";
    std.env.stop;
    wait;
  end process stim;

end architecture sim;
