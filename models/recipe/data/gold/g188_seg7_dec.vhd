--! Hexadecimal to seven-segment decoder for a common-anode display:
--! segments are active low, in the order g f e d c b a.
library ieee;
use ieee.std_logic_1164.all;

entity seg7_dec is
  port (
    hex   : in  std_logic_vector(3 downto 0);
    blank : in  std_logic;                       --! turn every segment off
    seg_n : out std_logic_vector(6 downto 0)     --! g f e d c b a, active low
  );
end entity seg7_dec;

architecture rtl of seg7_dec is
  signal seg : std_logic_vector(6 downto 0);     -- active high
begin

  with hex select seg <=
    "0111111" when x"0",
    "0000110" when x"1",
    "1011011" when x"2",
    "1001111" when x"3",
    "1100110" when x"4",
    "1101101" when x"5",
    "1111101" when x"6",
    "0000111" when x"7",
    "1111111" when x"8",
    "1101111" when x"9",
    "1110111" when x"A",
    "1111100" when x"B",
    "0111001" when x"C",
    "1011110" when x"D",
    "1111001" when x"E",
    "1110001" when x"F",
    "0000000" when others;

  seg_n <= (others => '1') when blank = '1' else not seg;

end architecture rtl;
