-- Testbench for rr_arbiter (g081): checks one-hot grants, rotation under
-- full load, a lone requester, and the idle case.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_rr_arbiter is
end tb_rr_arbiter;

architecture behav of tb_rr_arbiter is

  component rr_arbiter
    generic (N : positive := 4);
    port (
      clk   : in  std_logic;
      rst   : in  std_logic;
      req   : in  std_logic_vector(N-1 downto 0);
      grant : out std_logic_vector(N-1 downto 0)
    );
  end component;

  signal clk      : std_logic := '0';
  signal rst      : std_logic := '1';
  signal req      : std_logic_vector(3 downto 0) := (others => '0');
  signal grant    : std_logic_vector(3 downto 0);
  signal sim_done : boolean := false;

  function count_ones(v : std_logic_vector) return natural is
    variable n : natural := 0;
  begin
    for i in v'range loop
      if v(i) = '1' then
        n := n + 1;
      end if;
    end loop;
    return n;
  end function;

begin

  uut : rr_arbiter
    generic map (N => 4)
    port map (clk => clk, rst => rst, req => req, grant => grant);

  clk_gen : process
  begin
    while not sim_done loop
      clk <= '0';
      wait for 5 ns;
      clk <= '1';
      wait for 5 ns;
    end loop;
    wait;
  end process;

  -- grants must never overlap
  onehot_check : process (clk)
  begin
    if falling_edge(clk) then
      assert count_ones(grant) <= 1
        report "more than one grant active" severity error;
    end if;
  end process;

  stim : process
  begin
    rst <= '1';
    wait for 20 ns;
    wait until falling_edge(clk);
    rst <= '0';

    -- idle: no grant
    wait until falling_edge(clk);
    assert grant = "0000" report "grant without request" severity error;

    -- full load: grants rotate 0,1,2,3,0
    req <= "1111";
    for i in 0 to 4 loop
      wait until falling_edge(clk);
      assert grant(i mod 4) = '1'
        report "rotation broken at step " & integer'image(i) severity error;
    end loop;

    -- lone requester 2 keeps the grant
    req <= "0100";
    for i in 1 to 3 loop
      wait until falling_edge(clk);
      assert grant = "0100" report "lone requester lost grant" severity error;
    end loop;

    req <= "0000";
    wait until falling_edge(clk);
    assert grant = "0000" report "grant not released" severity error;

    report "tb_rr_arbiter finished";
    sim_done <= true;
    wait;
  end process;

end behav;
