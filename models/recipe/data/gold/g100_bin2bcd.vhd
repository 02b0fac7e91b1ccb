--! @brief 8-bit binary to 3-digit BCD converter (double dabble), combinational.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity bin2bcd is
  port (
    bin      : in  std_logic_vector(7 downto 0);  --! 0 .. 255
    hundreds : out std_logic_vector(3 downto 0);  --! 0 .. 2
    tens     : out std_logic_vector(3 downto 0);
    ones     : out std_logic_vector(3 downto 0)
  );
end entity bin2bcd;

architecture rtl of bin2bcd is

  --! Shift-and-add-3: before every shift, add 3 to any BCD digit >= 5.
  function double_dabble(b : std_logic_vector(7 downto 0)) return unsigned is
    variable scratch : unsigned(19 downto 0);   -- 12 BCD bits + 8 binary bits
  begin
    scratch := (others => '0');
    scratch(7 downto 0) := unsigned(b);
    for i in 0 to 7 loop
      if scratch(11 downto 8) > 4 then
        scratch(11 downto 8) := scratch(11 downto 8) + 3;
      end if;
      if scratch(15 downto 12) > 4 then
        scratch(15 downto 12) := scratch(15 downto 12) + 3;
      end if;
      if scratch(19 downto 16) > 4 then
        scratch(19 downto 16) := scratch(19 downto 16) + 3;
      end if;
      scratch := shift_left(scratch, 1);
    end loop;
    return scratch(19 downto 8);
  end function double_dabble;

  signal bcd : unsigned(11 downto 0);

begin

  bcd      <= double_dabble(bin);
  hundreds <= std_logic_vector(bcd(11 downto 8));
  tens     <= std_logic_vector(bcd(7 downto 4));
  ones     <= std_logic_vector(bcd(3 downto 0));

end architecture rtl;
