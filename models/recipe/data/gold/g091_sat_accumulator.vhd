-- Saturating accumulator: adds signed increments, clamps at the range limits
-- instead of wrapping. Used for integrator terms in control loops.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sat_accumulator is
  generic (
    IN_W  : positive := 12;
    ACC_W : positive := 20
  );
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;
    enable  : in  std_logic;
    clear   : in  std_logic;
    din     : in  signed(IN_W-1 downto 0);
    acc     : out signed(ACC_W-1 downto 0);
    sat_hi  : out std_logic;
    sat_lo  : out std_logic
  );
end sat_accumulator;

architecture rtl of sat_accumulator is
  constant MAX_V : signed(ACC_W-1 downto 0) := ('0', others => '1');
  constant MIN_V : signed(ACC_W-1 downto 0) := ('1', others => '0');
  signal acc_r   : signed(ACC_W-1 downto 0);
  signal hi_r    : std_logic;
  signal lo_r    : std_logic;
begin

  process (clk)
    variable wide : signed(ACC_W downto 0);   -- one extra bit to see overflow
  begin
    if clk'event and clk = '1' then
      if rst_n = '0' then
        acc_r <= (others => '0');
        hi_r  <= '0';
        lo_r  <= '0';
      elsif clear = '1' then
        acc_r <= (others => '0');
        hi_r  <= '0';
        lo_r  <= '0';
      elsif enable = '1' then
        wide := resize(acc_r, ACC_W+1) + resize(din, ACC_W+1);
        hi_r <= '0';
        lo_r <= '0';
        if wide > resize(MAX_V, ACC_W+1) then
          acc_r <= MAX_V;
          hi_r  <= '1';
        elsif wide < resize(MIN_V, ACC_W+1) then
          acc_r <= MIN_V;
          lo_r  <= '1';
        else
          acc_r <= wide(ACC_W-1 downto 0);
        end if;
      end if;
    end if;
  end process;

  acc    <= acc_r;
  sat_hi <= hi_r;
  sat_lo <= lo_r;

end rtl;
