-- Quarter-wave sine lookup, 16 entries x 8 bits, registered output.
-- Entry i holds round(255 * sin((i + 0.5) * pi / 32)).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sine_rom is
  port (
    clk  : in  std_logic;
    addr : in  std_logic_vector(3 downto 0);
    data : out unsigned(7 downto 0)
  );
end entity sine_rom;

architecture rtl of sine_rom is
begin

  rom : process (clk)
  begin
    if rising_edge(clk) then
      case addr is
        when x"0"   => data <= to_unsigned( 13, 8);
        when x"1"   => data <= to_unsigned( 37, 8);
        when x"2"   => data <= to_unsigned( 62, 8);
        when x"3"   => data <= to_unsigned( 86, 8);
        when x"4"   => data <= to_unsigned(109, 8);
        when x"5"   => data <= to_unsigned(131, 8);
        when x"6"   => data <= to_unsigned(152, 8);
        when x"7"   => data <= to_unsigned(171, 8);
        when x"8"   => data <= to_unsigned(189, 8);
        when x"9"   => data <= to_unsigned(205, 8);
        when x"A"   => data <= to_unsigned(219, 8);
        when x"B"   => data <= to_unsigned(231, 8);
        when x"C"   => data <= to_unsigned(240, 8);
        when x"D"   => data <= to_unsigned(247, 8);
        when x"E"   => data <= to_unsigned(252, 8);
        when x"F"   => data <= to_unsigned(255, 8);
        when others => data <= (others => '0');
      end case;
    end if;
  end process rom;

end architecture rtl;
