-- Hex digit to seven-segment decoder for a common-anode display.
-- Segment order: seg_n(6 downto 0) = g f e d c b a, active low.
library ieee;
use ieee.std_logic_1164.all;

entity seven_seg is
  port (
    hex   : in  std_logic_vector(3 downto 0);
    dp    : in  std_logic;                     -- decimal point, active high
    blank : in  std_logic;                     -- turn all segments off
    seg_n : out std_logic_vector(6 downto 0);
    dp_n  : out std_logic
  );
end entity seven_seg;

architecture dataflow of seven_seg is
  signal seg : std_logic_vector(6 downto 0);   -- active high, gfedcba
begin

  with hex select seg <=
    "0111111" when "0000",
    "0000110" when "0001",
    "1011011" when "0010",
    "1001111" when "0011",
    "1100110" when "0100",
    "1101101" when "0101",
    "1111101" when "0110",
    "0000111" when "0111",
    "1111111" when "1000",
    "1101111" when "1001",
    "1110111" when "1010",   -- A
    "1111100" when "1011",   -- b
    "0111001" when "1100",   -- C
    "1011110" when "1101",   -- d
    "1111001" when "1110",   -- E
    "1110001" when "1111",   -- F
    "0000000" when others;

  seg_n <= (others => '1') when blank = '1' else not seg;
  dp_n  <= '1' when blank = '1' else not dp;

end architecture dataflow;
