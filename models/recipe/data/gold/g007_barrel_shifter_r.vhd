--! Registered logarithmic barrel shifter: shift left/right logical or
--! arithmetic, or rotate, by 0..2**SHAMT_W-1 positions.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity barrel_shifter_r is
  generic (
    DATA_W  : positive := 32;
    SHAMT_W : positive := 5
  );
  port (
    clk     : in  std_logic;
    data_in : in  std_logic_vector(DATA_W-1 downto 0);
    shamt   : in  std_logic_vector(SHAMT_W-1 downto 0);
    op      : in  std_logic_vector(1 downto 0);  --! 00 sll, 01 srl, 10 sra, 11 ror
    result  : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity barrel_shifter_r;

architecture rtl of barrel_shifter_r is
  type stage_array is array (0 to SHAMT_W) of std_logic_vector(DATA_W-1 downto 0);
  signal stage : stage_array;
begin

  stage(0) <= data_in;

  --! One stage per shift-amount bit: stage k shifts by 2**k or passes through.
  gen_stage : for k in 0 to SHAMT_W-1 generate
    constant S : natural := 2**k;
  begin
    process (all)
      variable v : unsigned(DATA_W-1 downto 0);
    begin
      v := unsigned(stage(k));
      if shamt(k) = '1' then
        case op is
          when "00"   => v := shift_left(v, S);
          when "01"   => v := shift_right(v, S);
          when "10"   => v := unsigned(shift_right(signed(stage(k)), S));
          when others => v := rotate_right(v, S);
        end case;
      end if;
      stage(k+1) <= std_logic_vector(v);
    end process;
  end generate gen_stage;

  --! Output register.
  process (clk)
  begin
    if rising_edge(clk) then
      result <= stage(SHAMT_W);
    end if;
  end process;

end architecture rtl;
