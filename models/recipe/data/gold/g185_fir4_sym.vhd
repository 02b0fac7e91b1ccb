-- Four-tap symmetric FIR filter (coefficients C0, C1, C1, C0): the two pairs of
-- samples that share a coefficient are added first, so only two products are
-- needed. Fully pipelined, one sample per clock.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity fir4_sym is
  generic (
    W  : positive := 12;
    C0 : integer  := 3;
    C1 : integer  := 13
  );
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;                      -- synchronous reset, active high
    x_in   : in  signed(W-1 downto 0);           -- one sample per clock
    y_out  : out signed(W+7 downto 0)
  );
end entity fir4_sym;

architecture rtl of fir4_sym is
  type delay_t is array (0 to 3) of signed(W-1 downto 0);
  signal x         : delay_t;
  signal pre0      : signed(W downto 0);   -- x(0) + x(3)
  signal pre1      : signed(W downto 0);   -- x(1) + x(2)
  signal p0, p1    : signed(W+7 downto 0);
begin

  pipe : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        x    <= (others => (others => '0'));
        pre0 <= (others => '0');
        pre1 <= (others => '0');
        p0   <= (others => '0');
        p1   <= (others => '0');
        y_out <= (others => '0');
      else
        x    <= x_in & x(0 to 2);
        pre0 <= resize(x(0), W+1) + resize(x(3), W+1);
        pre1 <= resize(x(1), W+1) + resize(x(2), W+1);
        p0   <= resize(pre0 * to_signed(C0, 7), W+8);
        p1   <= resize(pre1 * to_signed(C1, 7), W+8);
        y_out <= p0 + p1;
      end if;
    end if;
  end process pipe;

end architecture rtl;
