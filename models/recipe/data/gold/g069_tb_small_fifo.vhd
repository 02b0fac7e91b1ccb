-- Small register-based FIFO and its directed testbench.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity small_fifo is
  generic (W : positive := 8; D : positive := 4);
  port (
    clk, rst : in  std_logic;
    push     : in  std_logic;
    din      : in  std_logic_vector(W-1 downto 0);
    pop      : in  std_logic;
    dout     : out std_logic_vector(W-1 downto 0);
    full     : out std_logic;
    empty    : out std_logic
  );
end entity small_fifo;

architecture rtl of small_fifo is
  type arr_t is array (0 to D-1) of std_logic_vector(W-1 downto 0);
  signal mem   : arr_t;
  signal count : natural range 0 to D;
begin
  -- Shift-register FIFO: entry 0 is always the oldest word.
  process (clk)
    variable n : natural range 0 to D;
  begin
    if rising_edge(clk) then
      if rst = '1' then
        count <= 0;
      else
        n := count;
        if pop = '1' and n > 0 then
          mem(0 to D-2) <= mem(1 to D-1);
          n := n - 1;
        end if;
        if push = '1' and count < D then
          mem(n) <= din;
          n := n + 1;
        end if;
        count <= n;
      end if;
    end if;
  end process;
  dout  <= mem(0);
  full  <= '1' when count = D else '0';
  empty <= '1' when count = 0 else '0';
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_small_fifo is
end entity;

architecture sim of tb_small_fifo is
  signal clk   : std_logic := '0';
  signal rst   : std_logic := '1';
  signal push, pop, full, empty : std_logic := '0';
  signal din, dout : std_logic_vector(7 downto 0) := (others => '0');
  signal running : boolean := true;
begin
  clk <= not clk after 5 ns when running;

  uut : entity work.small_fifo
    generic map (W => 8, D => 4)
    port map (clk => clk, rst => rst, push => push, din => din, pop => pop,
              dout => dout, full => full, empty => empty);

  test : process
  begin
    wait for 20 ns;
    wait until falling_edge(clk);
    rst <= '0';
    assert empty = '1' and full = '0' report "bad flags after reset" severity failure;

    -- fill: 4 pushes, fifth is refused
    for i in 1 to 5 loop
      push <= '1'; din <= std_logic_vector(to_unsigned(i * 16, 8));
      wait until falling_edge(clk);
    end loop;
    push <= '0';
    assert full = '1' report "not full after 4 writes" severity failure;

    -- simultaneous push and pop while full: pop only (push is refused)
    push <= '1'; pop <= '1'; din <= x"EE";
    wait until falling_edge(clk);
    push <= '0';
    assert dout = x"20" report "wrong order after pop" severity failure;

    -- drain and check order
    for expect in 2 to 4 loop
      assert dout = std_logic_vector(to_unsigned(expect * 16, 8))
        report "data mismatch at " & integer'image(expect) severity failure;
      wait until falling_edge(clk);
    end loop;
    pop <= '0';
    assert empty = '1' report "not empty after drain" severity failure;

    report "tb_small_fifo: all checks passed";
    running <= false;
    wait;
  end process test;
end architecture sim;
