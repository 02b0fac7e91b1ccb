-- 32-bit logarithmic barrel shifter: logical left, logical right,
-- arithmetic right and rotate right, in five mux stages.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity barrel_shifter is
  port (
    din   : in  std_logic_vector(31 downto 0);
    shamt : in  unsigned(4 downto 0);
    mode  : in  std_logic_vector(1 downto 0);   -- 00 SLL, 01 SRL, 10 SRA, 11 ROR
    dout  : out std_logic_vector(31 downto 0)
  );
end entity barrel_shifter;

architecture rtl of barrel_shifter is

  function reverse(v : std_logic_vector(31 downto 0)) return std_logic_vector is
    variable r : std_logic_vector(31 downto 0);
  begin
    for i in 0 to 31 loop
      r(i) := v(31 - i);
    end loop;
    return r;
  end function;

begin

  process (din, shamt, mode)
    variable x    : std_logic_vector(31 downto 0);
    variable fill : std_logic;
    variable n    : natural;
  begin
    -- left shifts reuse the right-shift network on the bit-reversed word
    if mode = "00" then
      x := reverse(din);
    else
      x := din;
    end if;
    fill := din(31) when mode = "10" else '0';

    for stage in 0 to 4 loop
      n := 2**stage;
      if shamt(stage) = '1' then
        if mode = "11" then
          x := x(n-1 downto 0) & x(31 downto n);           -- rotate
        else
          x := (31 downto 32-n => fill) & x(31 downto n);  -- shift in fill bits
        end if;
      end if;
    end loop;

    if mode = "00" then
      dout <= reverse(x);
    else
      dout <= x;
    end if;
  end process;

end architecture rtl;
