-------------------------------------------------------------------------------
-- fixed_sat_pkg: saturation and rounding helpers for signed fixed point
-- sat_scaler   : multiplies a sample by a gain and saturates to the output width
-------------------------------------------------------------------------------
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package fixed_sat_pkg is
  -- clamp x into a signed number of 'width' bits
  function saturate(x : signed; width : positive) return signed;
  -- drop 'shift' LSBs with round-half-up
  function round_shift(x : signed; shift : natural) return signed;
end package fixed_sat_pkg;

package body fixed_sat_pkg is

  function saturate(x : signed; width : positive) return signed is
    variable max_v : signed(width-1 downto 0) := ('0', others => '1');
    variable min_v : signed(width-1 downto 0) := ('1', others => '0');
  begin
    if x > max_v then
      return max_v;
    elsif x < min_v then
      return min_v;
    else
      return resize(x, width);
    end if;
  end function saturate;

  function round_shift(x : signed; shift : natural) return signed is
    variable t : signed(x'length downto 0);
  begin
    if shift = 0 then
      return x;
    end if;
    t := resize(x, x'length + 1) + shift_left(to_signed(1, x'length + 1), shift - 1);
    return shift_right(t, shift);
  end function round_shift;

end package body fixed_sat_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.fixed_sat_pkg.all;

entity sat_scaler is
  generic (
    IN_W   : positive := 16;
    GAIN_W : positive := 12;
    FRAC   : natural  := 8;        -- fractional bits of the gain
    OUT_W  : positive := 16
  );
  port (
    clk       : in  std_logic;
    reset     : in  std_logic;     -- synchronous, active high
    in_valid  : in  std_logic;
    in_data   : in  signed(IN_W-1 downto 0);
    gain      : in  signed(GAIN_W-1 downto 0);
    out_valid : out std_logic;
    out_data  : out signed(OUT_W-1 downto 0)
  );
end entity sat_scaler;

architecture rtl of sat_scaler is
  signal product : signed(IN_W+GAIN_W-1 downto 0);
  signal prod_v  : std_logic;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if reset = '1' then
        prod_v    <= '0';
        out_valid <= '0';
        out_data  <= (others => '0');
      else
        product   <= in_data * gain;
        prod_v    <= in_valid;
        out_valid <= prod_v;
        out_data  <= saturate(round_shift(product, FRAC), OUT_W);
      end if;
    end if;
  end process;

end architecture rtl;
