-- Integrating button filter (saturating up/down counter with hysteresis)
-- and a testbench that simulates contact bounce.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity btn_filter is
  generic (MAX_COUNT : positive := 15);
  port (
    clk    : in  std_logic;
    srst_n : in  std_logic;
    raw    : in  std_logic;
    clean  : out std_logic
  );
end entity btn_filter;

architecture rtl of btn_filter is
  signal integ : natural range 0 to MAX_COUNT := 0;
  signal q     : std_logic := '0';
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if srst_n = '0' then
        integ <= 0;
        q     <= '0';
      else
        if raw = '1' and integ < MAX_COUNT then
          integ <= integ + 1;
        elsif raw = '0' and integ > 0 then
          integ <= integ - 1;
        end if;
        if integ = MAX_COUNT then q <= '1';
        elsif integ = 0 then q <= '0';
        end if;
      end if;
    end if;
  end process;
  clean <= q;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;

entity tb_btn_filter is
end entity tb_btn_filter;

architecture sim of tb_btn_filter is
  constant PERIOD : time := 20 ns;
  signal clk    : std_logic := '0';
  signal srst_n : std_logic := '0';
  signal raw    : std_logic := '0';
  signal clean  : std_logic;
  signal edges  : natural := 0;
  signal done   : boolean := false;

  -- n bounces of the given lengths, then settle at 'final'
  procedure bounce (signal s : out std_logic; final : std_logic; n : natural) is
  begin
    for i in 1 to n loop
      s <= final;      wait for (i + 1) * PERIOD;
      s <= not final;  wait for 2 * PERIOD;
    end loop;
    s <= final;
  end procedure;
begin
  clk <= not clk after PERIOD / 2 when not done;

  dut : entity work.btn_filter
    generic map (MAX_COUNT => 15)
    port map (clk => clk, srst_n => srst_n, raw => raw, clean => clean);

  edge_count : process (clean)
  begin
    if clean'event and clean = '1' then
      edges <= edges + 1;
    end if;
  end process edge_count;

  main : process
  begin
    wait for 4 * PERIOD;
    srst_n <= '1';
    bounce(raw, '1', 4);                     -- press with bounce
    wait for 40 * PERIOD;
    assert clean = '1' report "press not recognised" severity error;
    bounce(raw, '0', 4);                     -- release with bounce
    wait for 40 * PERIOD;
    assert clean = '0' report "release not recognised" severity error;
    assert edges = 1 report "output chattered: " & integer'image(edges) & " rising edges" severity error;
    report "tb_btn_filter: finished";
    done <= true;
    wait;
  end process main;
end architecture sim;
