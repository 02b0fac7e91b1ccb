--! Pipelined signed multiply-accumulate: a registered product, then an
--! accumulator that starts again with the product when first_i is set.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity mac_pipe is
  generic (
    A_W   : positive := 16;
    B_W   : positive := 16;
    ACC_W : positive := 40
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                       --! synchronous reset, active high
    valid_i  : in  std_logic;
    first_i  : in  std_logic;                       --! this product starts a new sum
    a_i      : in  signed(A_W-1 downto 0);
    b_i      : in  signed(B_W-1 downto 0);
    acc_o    : out signed(ACC_W-1 downto 0);
    valid_o  : out std_logic
  );
end entity mac_pipe;

architecture rtl of mac_pipe is
  signal prod        : signed(A_W+B_W-1 downto 0);
  signal prod_valid  : std_logic;
  signal prod_first  : std_logic;
  signal acc         : signed(ACC_W-1 downto 0);
begin

  stage1 : process (clk)
  begin
    if rising_edge(clk) then
      prod <= a_i * b_i;
      if rst = '1' then
        prod_valid <= '0';
        prod_first <= '0';
      else
        prod_valid <= valid_i;
        prod_first <= first_i;
      end if;
    end if;
  end process stage1;

  stage2 : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        acc     <= (others => '0');
        valid_o <= '0';
      else
        valid_o <= prod_valid;
        if prod_valid = '1' then
          if prod_first = '1' then
            acc <= resize(prod, ACC_W);
          else
            acc <= acc + resize(prod, ACC_W);
          end if;
        end if;
      end if;
    end if;
  end process stage2;

  acc_o <= acc;

end architecture rtl;
