--! Window comparator: flags whether a sample lies below, inside or above a
--! programmable window [lo_i, hi_i]; the flags are registered.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity window_cmp is
  generic (
    W : positive := 12  --! sample width
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                   --! synchronous reset, active high
    sample_i : in  signed(W-1 downto 0);
    lo_i     : in  signed(W-1 downto 0);        --! lower bound, inclusive
    hi_i     : in  signed(W-1 downto 0);        --! upper bound, inclusive
    below_o  : out std_logic;
    inside_o : out std_logic;
    above_o  : out std_logic
  );
end entity window_cmp;

architecture rtl of window_cmp is
  signal lt_lo, gt_hi : std_logic;
begin

  lt_lo <= '1' when sample_i < lo_i else '0';
  gt_hi <= '1' when sample_i > hi_i else '0';

  flags : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        below_o  <= '0';
        inside_o <= '0';
        above_o  <= '0';
      else
        below_o  <= lt_lo;
        above_o  <= gt_hi;
        inside_o <= not (lt_lo or gt_hi);
      end if;
    end if;
  end process flags;

end architecture rtl;
