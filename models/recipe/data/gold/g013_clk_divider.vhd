-- Even clock divider: produces a 50% duty-cycle divided clock by toggling
-- a flip-flop every DIV/2 input clocks. Intended for slow external
-- interfaces; inside the FPGA prefer a clock enable.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity clk_divider is
  generic (
    DIV : positive := 10   -- must be even and >= 2
  );
  port (
    clk_in  : in  std_logic;
    reset   : in  std_logic;
    clk_out : out std_logic
  );
end clk_divider;

architecture rtl of clk_divider is
  signal count   : integer range 0 to DIV/2 - 1;
  signal clk_reg : std_logic;
begin

  assert DIV mod 2 = 0 and DIV >= 2
    report "clk_divider: DIV must be even" severity failure;

  process (clk_in, reset)
  begin
    if reset = '1' then
      count   <= 0;
      clk_reg <= '0';
    elsif clk_in'event and clk_in = '1' then
      if count = DIV/2 - 1 then
        count   <= 0;
        clk_reg <= not clk_reg;
      else
        count <= count + 1;
      end if;
    end if;
  end process;

  clk_out <= clk_reg;

end rtl;
