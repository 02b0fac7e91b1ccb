-- Saturating accumulator: adds a signed input every enabled clock, clips at the
-- limits of the accumulator width instead of wrapping, and remembers clipping.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sat_accum is
  generic (
    IN_W  : positive := 8;
    ACC_W : positive := 16   -- must be greater than IN_W
  );
  port (
    clk     : in  std_logic;
    arst    : in  std_logic;                      -- asynchronous reset, active high
    clear   : in  std_logic;                      -- synchronous clear of sum and flag
    en      : in  std_logic;
    din     : in  signed(IN_W-1 downto 0);
    sum     : out signed(ACC_W-1 downto 0);
    clipped : out std_logic                       -- sticky: the sum has saturated
  );
end entity sat_accum;

architecture rtl of sat_accum is
  constant MIN_V : signed(ACC_W-1 downto 0) := '1' & (ACC_W-2 downto 0 => '0');
  constant MAX_V : signed(ACC_W-1 downto 0) := not MIN_V;
  signal acc     : signed(ACC_W-1 downto 0);
  signal clip_q  : std_logic;
begin

  accumulate : process (clk, arst)
    variable wide : signed(ACC_W downto 0);
  begin
    if arst = '1' then
      acc    <= (others => '0');
      clip_q <= '0';
    elsif rising_edge(clk) then
      if clear = '1' then
        acc    <= (others => '0');
        clip_q <= '0';
      elsif en = '1' then
        wide := resize(acc, ACC_W + 1) + resize(din, ACC_W + 1);
        if wide > resize(MAX_V, ACC_W + 1) then
          acc    <= MAX_V;
          clip_q <= '1';
        elsif wide < resize(MIN_V, ACC_W + 1) then
          acc    <= MIN_V;
          clip_q <= '1';
        else
          acc <= wide(ACC_W-1 downto 0);
        end if;
      end if;
    end if;
  end process accumulate;

  sum     <= acc;
  clipped <= clip_q;

end architecture rtl;
