-------------------------------------------------------------------------------
-- mult_pipe : signed multiplier with three register stages, DSP-block friendly
--   stage 1 : input registers   (a_r, b_r)
--   stage 2 : product register  (p_r)
--   stage 3 : output register   (p_o)
-- No reset on purpose: DSP slices absorb the registers only without reset.
-------------------------------------------------------------------------------
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity mult_pipe is
  generic (
    A_W : positive := 18;
    B_W : positive := 18
  );
  port (
    clk : in  std_logic;
    ce  : in  std_logic;
    a   : in  std_logic_vector(A_W-1 downto 0);
    b   : in  std_logic_vector(B_W-1 downto 0);
    p   : out std_logic_vector(A_W+B_W-1 downto 0)
  );
end entity mult_pipe;

architecture rtl of mult_pipe is
  signal a_r : signed(A_W-1 downto 0)     := (others => '0');
  signal b_r : signed(B_W-1 downto 0)     := (others => '0');
  signal p_r : signed(A_W+B_W-1 downto 0) := (others => '0');
  signal p_o : signed(A_W+B_W-1 downto 0) := (others => '0');
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if ce = '1' then
        a_r <= signed(a);
        b_r <= signed(b);
        p_r <= a_r * b_r;
        p_o <= p_r;
      end if;
    end if;
  end process;

  p <= std_logic_vector(p_o);

end architecture rtl;
