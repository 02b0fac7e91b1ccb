-- Exponential moving average (first-order IIR low-pass):
--   y <= y + (x - y) / 2**SHIFT
-- Extra fractional bits in the state avoid the dead band of a plain shift.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity ema_filter is
  generic (
    DW    : integer := 12;
    SHIFT : integer := 4          -- smoothing, time constant ~ 2**SHIFT samples
  );
  port (
    clk     : in  std_logic;
    reset_n : in  std_logic;      -- asynchronous, active low
    x_valid : in  std_logic;
    x       : in  unsigned(DW-1 downto 0);
    y       : out unsigned(DW-1 downto 0)
  );
end ema_filter;

architecture rtl of ema_filter is
  -- state with SHIFT fractional bits, one sign bit for the difference
  signal state : signed(DW+SHIFT downto 0);
begin

  process (clk, reset_n)
    variable xs   : signed(DW+SHIFT downto 0);
    variable diff : signed(DW+SHIFT downto 0);
  begin
    if reset_n = '0' then
      state <= (others => '0');
    elsif clk'event and clk = '1' then
      if x_valid = '1' then
        xs    := signed(resize(x, DW+SHIFT+1)) sll SHIFT;
        diff  := xs - state;
        state <= state + shift_right(diff, SHIFT);
      end if;
    end if;
  end process;

  y <= unsigned(state(DW+SHIFT-1 downto SHIFT));

end rtl;
