-- Two-digit BCD up/down counter (00..99) driving two seven-segment
-- displays. The segment decoder is a separate entity, instantiated twice
-- with direct entity instantiation.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity seg7_dec is
  port (
    digit : in  unsigned(3 downto 0);
    seg_n : out std_logic_vector(6 downto 0)   -- gfedcba, active low
  );
end entity seg7_dec;

architecture rtl of seg7_dec is
begin
  with to_integer(digit) select seg_n <=
    "1000000" when 0,  "1111001" when 1,  "0100100" when 2,
    "0110000" when 3,  "0011001" when 4,  "0010010" when 5,
    "0000010" when 6,  "1111000" when 7,  "0000000" when 8,
    "0010000" when 9,  "1111111" when others;   -- blank
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity bcd_display is
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    step     : in  std_logic;   -- count enable
    down     : in  std_logic;   -- '1' counts down
    seg_ones : out std_logic_vector(6 downto 0);
    seg_tens : out std_logic_vector(6 downto 0)
  );
end entity bcd_display;

architecture rtl of bcd_display is
  signal ones, tens : unsigned(3 downto 0);
begin

  count_p : process (clk, rst)
  begin
    if rst = '1' then
      ones <= (others => '0');
      tens <= (others => '0');
    elsif rising_edge(clk) then
      if step = '1' then
        if down = '0' then
          if ones = 9 then
            ones <= (others => '0');
            if tens = 9 then tens <= (others => '0'); else tens <= tens + 1; end if;
          else
            ones <= ones + 1;
          end if;
        else
          if ones = 0 then
            ones <= to_unsigned(9, 4);
            if tens = 0 then tens <= to_unsigned(9, 4); else tens <= tens - 1; end if;
          else
            ones <= ones - 1;
          end if;
        end if;
      end if;
    end if;
  end process count_p;

  u_ones : entity work.seg7_dec port map (digit => ones, seg_n => seg_ones);
  u_tens : entity work.seg7_dec port map (digit => tens, seg_n => seg_tens);

end architecture rtl;
