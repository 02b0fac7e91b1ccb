-- Saturating counter and its self-checking testbench (one file).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sat_counter is
  generic (W : positive := 4);
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    inc   : in  std_logic;
    dec   : in  std_logic;
    value : out unsigned(W-1 downto 0)
  );
end entity sat_counter;

architecture rtl of sat_counter is
  signal v : unsigned(W-1 downto 0);
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        v <= (others => '0');
      elsif inc = '1' and dec = '0' and v /= 2**W-1 then
        v <= v + 1;
      elsif dec = '1' and inc = '0' and v /= 0 then
        v <= v - 1;
      end if;
    end if;
  end process;
  value <= v;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_sat_counter is
end entity tb_sat_counter;

architecture sim of tb_sat_counter is
  constant T : time := 10 ns;
  signal clk   : std_logic := '0';
  signal rst   : std_logic := '1';
  signal inc   : std_logic := '0';
  signal dec   : std_logic := '0';
  signal value : unsigned(3 downto 0);
  signal done  : boolean := false;
begin

  clk <= not clk after T/2 when not done;

  dut : entity work.sat_counter
    generic map (W => 4)
    port map (clk => clk, rst => rst, inc => inc, dec => dec, value => value);

  stim : process
  begin
    wait for 3*T;
    wait until falling_edge(clk);
    rst <= '0';
    assert value = 0 report "not zero after reset" severity error;

    -- count up past the top: must stick at 15
    inc <= '1';
    for i in 1 to 20 loop
      wait until falling_edge(clk);
    end loop;
    assert value = 15 report "did not saturate high" severity error;

    -- inc and dec together: hold
    dec <= '1';
    wait until falling_edge(clk);
    assert value = 15 report "changed with inc and dec both set" severity error;

    -- count down past zero: must stick at 0
    inc <= '0';
    for i in 1 to 20 loop
      wait until falling_edge(clk);
    end loop;
    assert value = 0 report "did not saturate low" severity error;

    dec <= '0';
    report "tb_sat_counter: done";
    done <= true;
    wait;
  end process stim;

end architecture sim;
