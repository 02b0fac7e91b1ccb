-- Multiply-accumulate unit with accumulator clear and guard bits.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity mac_unit is
  generic (
    DATA_W  : positive := 16;
    GUARD_W : natural  := 8    -- extra accumulator bits against overflow
  );
  port (
    clk_i   : in  std_logic;
    rst_i   : in  std_logic;   -- synchronous, active high
    en_i    : in  std_logic;   -- accumulate this sample
    clr_i   : in  std_logic;   -- start a new sum with this sample
    x_i     : in  signed(DATA_W-1 downto 0);
    c_i     : in  signed(DATA_W-1 downto 0);
    acc_o   : out signed(2*DATA_W+GUARD_W-1 downto 0);
    valid_o : out std_logic
  );
end entity mac_unit;

architecture rtl of mac_unit is
  constant ACC_W : positive := 2*DATA_W + GUARD_W;
  signal prod    : signed(2*DATA_W-1 downto 0);
  signal prod_v  : std_logic;
  signal prod_c  : std_logic;
  signal acc     : signed(ACC_W-1 downto 0);
  signal acc_v   : std_logic;
begin

  process (clk_i)
  begin
    if rising_edge(clk_i) then
      if rst_i = '1' then
        prod   <= (others => '0');
        prod_v <= '0';
        prod_c <= '0';
        acc    <= (others => '0');
        acc_v  <= '0';
      else
        -- stage 1: multiply
        prod   <= x_i * c_i;
        prod_v <= en_i;
        prod_c <= clr_i;
        -- stage 2: accumulate
        acc_v  <= prod_v;
        if prod_v = '1' then
          if prod_c = '1' then
            acc <= resize(prod, ACC_W);
          else
            acc <= acc + resize(prod, ACC_W);
          end if;
        end if;
      end if;
    end if;
  end process;

  acc_o   <= acc;
  valid_o <= acc_v;

end architecture rtl;
