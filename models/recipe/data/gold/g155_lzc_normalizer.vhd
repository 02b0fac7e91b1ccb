-- bit_utils: leading-zero count and population count.
-- lzc_normalizer: normalises an unsigned mantissa so its MSB is set and
-- reports the shift, e.g. for int-to-float conversion.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package bit_utils is
  function count_leading_zeros(v : std_logic_vector) return natural;
  function popcount(v : std_logic_vector) return natural;
end package bit_utils;

package body bit_utils is

  function count_leading_zeros(v : std_logic_vector) return natural is
    variable n : natural := 0;
  begin
    for i in v'high downto v'low loop
      exit when v(i) = '1';
      n := n + 1;
    end loop;
    return n;                    -- v'length when v is all zeros
  end function count_leading_zeros;

  function popcount(v : std_logic_vector) return natural is
    variable n : natural := 0;
  begin
    for i in v'range loop
      if v(i) = '1' then
        n := n + 1;
      end if;
    end loop;
    return n;
  end function popcount;

end package body bit_utils;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.bit_utils.all;

entity lzc_normalizer is
  port (
    clk       : in  std_logic;
    en        : in  std_logic;
    value     : in  std_logic_vector(23 downto 0);
    mantissa  : out std_logic_vector(23 downto 0);   -- value shifted left, MSB = '1'
    shift     : out unsigned(4 downto 0);            -- leading zeros removed
    is_zero   : out std_logic
  );
end entity lzc_normalizer;

architecture rtl of lzc_normalizer is
begin

  process (clk)
    variable lz : natural range 0 to 24;
  begin
    if rising_edge(clk) then
      if en = '1' then
        lz := count_leading_zeros(value);
        if lz = 24 then
          mantissa <= (others => '0');
          shift    <= (others => '0');
          is_zero  <= '1';
        else
          mantissa <= std_logic_vector(shift_left(unsigned(value), lz));
          shift    <= to_unsigned(lz, 5);
          is_zero  <= '0';
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
