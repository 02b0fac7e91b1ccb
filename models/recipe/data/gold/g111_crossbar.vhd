-- N x M crossbar switch: every output independently selects one input.
-- Optional output registers (G_REGISTERED).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package xbar_pkg is
  type slv_array_t is array (natural range <>) of std_logic_vector;   -- VHDL-2008
  type sel_array_t is array (natural range <>) of natural;
end package xbar_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.xbar_pkg.all;

entity crossbar is
  generic (
    G_N_IN       : positive := 4;
    G_N_OUT      : positive := 4;
    G_WIDTH      : positive := 32;
    G_REGISTERED : boolean  := true
  );
  port (
    clk    : in  std_logic;
    din    : in  slv_array_t(0 to G_N_IN-1)(G_WIDTH-1 downto 0);
    sel    : in  sel_array_t(0 to G_N_OUT-1);   -- input index per output
    dout   : out slv_array_t(0 to G_N_OUT-1)(G_WIDTH-1 downto 0)
  );
end entity crossbar;

architecture rtl of crossbar is
  signal routed : slv_array_t(0 to G_N_OUT-1)(G_WIDTH-1 downto 0);
begin

  route : process (all)
  begin
    for o in 0 to G_N_OUT-1 loop
      if sel(o) < G_N_IN then
        routed(o) <= din(sel(o));
      else
        routed(o) <= (others => '0');   -- out-of-range select gives zero
      end if;
    end loop;
  end process route;

  g_reg : if G_REGISTERED generate
    process (clk)
    begin
      if rising_edge(clk) then
        dout <= routed;
      end if;
    end process;
  end generate g_reg;

  g_comb : if not G_REGISTERED generate
    dout <= routed;
  end generate g_comb;

end architecture rtl;
