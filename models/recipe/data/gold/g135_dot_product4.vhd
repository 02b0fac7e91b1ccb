-- Four-lane dot product: y = x0*c0 + x1*c1 + x2*c2 + x3*c3
-- Three pipeline stages: multiply, pairwise add, final add.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity dot_product4 is
  generic (
    XW : positive := 12;
    CW : positive := 12
  );
  port (
    clk       : in  std_logic;
    nrst      : in  std_logic;    -- synchronous, active low
    valid_in  : in  std_logic;
    x_in      : in  signed(4*XW-1 downto 0);   -- lane k at bits (k+1)*XW-1 downto k*XW
    c_in      : in  signed(4*CW-1 downto 0);
    valid_out : out std_logic;
    y_out     : out signed(XW+CW+1 downto 0)
  );
end entity dot_product4;

architecture rtl of dot_product4 is
  constant PW : positive := XW + CW;
  type prod_arr_t is array (0 to 3) of signed(PW-1 downto 0);
  type sum_arr_t  is array (0 to 1) of signed(PW downto 0);
  signal prod  : prod_arr_t;
  signal psum  : sum_arr_t;
  signal total : signed(PW+1 downto 0);
  signal vpipe : std_logic_vector(1 to 3);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      -- stage 1: four multipliers
      for k in 0 to 3 loop
        prod(k) <= x_in((k+1)*XW-1 downto k*XW) * c_in((k+1)*CW-1 downto k*CW);
      end loop;
      -- stage 2: two adders, one growth bit
      for k in 0 to 1 loop
        psum(k) <= resize(prod(2*k), PW+1) + resize(prod(2*k+1), PW+1);
      end loop;
      -- stage 3: final adder, second growth bit
      total <= resize(psum(0), PW+2) + resize(psum(1), PW+2);

      if nrst = '0' then
        vpipe <= (others => '0');
      else
        vpipe <= valid_in & vpipe(1 to 2);
      end if;
    end if;
  end process;

  y_out     <= total;
  valid_out <= vpipe(3);

end architecture rtl;
