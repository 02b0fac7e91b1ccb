-- Quarter-wave sine table: 2**ADDR_W samples of the first quadrant, computed
-- at elaboration with math_real, and a registered read.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use ieee.math_real.all;

entity sine_rom is
  generic (
    ADDR_W : positive := 8;
    DATA_W : positive := 12
  );
  port (
    clk  : in  std_logic;
    addr : in  unsigned(ADDR_W-1 downto 0);
    data : out unsigned(DATA_W-1 downto 0)
  );
end entity sine_rom;

architecture rtl of sine_rom is
  type table_t is array (0 to 2**ADDR_W - 1) of unsigned(DATA_W-1 downto 0);

  function make_table return table_t is
    variable t     : table_t;
    constant SCALE : real := real(2**DATA_W - 1);
  begin
    for i in table_t'range loop
      -- sample in the middle of each step, so that the quadrant is symmetric
      t(i) := to_unsigned(integer(round(SCALE * sin(MATH_PI_OVER_2 * (real(i) + 0.5) / real(2**ADDR_W)))), DATA_W);
    end loop;
    return t;
  end function make_table;

  constant TABLE : table_t := make_table;
begin

  read : process (clk)
  begin
    if rising_edge(clk) then
      data <= TABLE(to_integer(addr));
    end if;
  end process read;

end architecture rtl;
