-- Multi-digit BCD counter (e.g. for a frequency meter display).
-- Each digit is a 0..9 counter; carries ripple combinationally between digits.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity bcd_counter is
  generic (
    DIGITS : positive := 4
  );
  port (
    clk      : in  std_logic;
    reset    : in  std_logic;
    clear    : in  std_logic;
    inc      : in  std_logic;
    bcd      : out std_logic_vector(4*DIGITS-1 downto 0);
    overflow : out std_logic
  );
end bcd_counter;

architecture rtl of bcd_counter is
  type digit_array is array (0 to DIGITS-1) of unsigned(3 downto 0);
  signal digit : digit_array;
  signal carry : std_logic_vector(DIGITS downto 0);
begin

  carry(0) <= inc;

  gen_digit : for i in 0 to DIGITS-1 generate
    -- A digit passes a carry on when it is at 9 and is itself incremented.
    carry(i+1) <= carry(i) when digit(i) = 9 else '0';

    process (clk, reset)
    begin
      if reset = '1' then
        digit(i) <= (others => '0');
      elsif clk'event and clk = '1' then
        if clear = '1' then
          digit(i) <= (others => '0');
        elsif carry(i) = '1' then
          if digit(i) = 9 then
            digit(i) <= (others => '0');
          else
            digit(i) <= digit(i) + 1;
          end if;
        end if;
      end if;
    end process;

    bcd(4*i+3 downto 4*i) <= std_logic_vector(digit(i));
  end generate gen_digit;

  overflow <= carry(DIGITS);

end rtl;
