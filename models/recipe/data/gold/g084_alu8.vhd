-- 8-bit ALU with add/sub/logic/shift and the usual status flags.
-- Purely combinational.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity alu8 is
  port (
    a     : in  std_logic_vector(7 downto 0);
    b     : in  std_logic_vector(7 downto 0);
    op    : in  std_logic_vector(2 downto 0);
    cin   : in  std_logic;
    y     : out std_logic_vector(7 downto 0);
    zero  : out std_logic;
    carry : out std_logic;
    ovf   : out std_logic;
    neg   : out std_logic
  );
end alu8;

architecture rtl of alu8 is
  constant OP_ADD : std_logic_vector(2 downto 0) := "000";
  constant OP_ADC : std_logic_vector(2 downto 0) := "001";
  constant OP_SUB : std_logic_vector(2 downto 0) := "010";
  constant OP_AND : std_logic_vector(2 downto 0) := "011";
  constant OP_OR  : std_logic_vector(2 downto 0) := "100";
  constant OP_XOR : std_logic_vector(2 downto 0) := "101";
  constant OP_SHL : std_logic_vector(2 downto 0) := "110";
  -- "111" : logical shift right

  signal result : std_logic_vector(7 downto 0);
begin

  process (a, b, op, cin)
    variable ua, ub : unsigned(8 downto 0);
    variable sum    : unsigned(8 downto 0);
  begin
    ua    := unsigned('0' & a);
    ub    := unsigned('0' & b);
    carry <= '0';
    ovf   <= '0';
    case op is
      when OP_ADD =>
        sum   := ua + ub;
        carry <= sum(8);
        ovf   <= (a(7) xnor b(7)) and (a(7) xor sum(7));
      when OP_ADC =>
        if cin = '1' then
          sum := ua + ub + 1;
        else
          sum := ua + ub;
        end if;
        carry <= sum(8);
        ovf   <= (a(7) xnor b(7)) and (a(7) xor sum(7));
      when OP_SUB =>
        sum   := ua - ub;
        carry <= sum(8);                -- borrow
        ovf   <= (a(7) xor b(7)) and (a(7) xor sum(7));
      when OP_AND =>
        sum := '0' & unsigned(a and b);
      when OP_OR =>
        sum := '0' & unsigned(a or b);
      when OP_XOR =>
        sum := '0' & unsigned(a xor b);
      when OP_SHL =>
        sum   := unsigned(a & '0');
        carry <= a(7);
      when others =>
        sum   := "00" & unsigned(a(7 downto 1));
        carry <= a(0);
    end case;
    result <= std_logic_vector(sum(7 downto 0));
  end process;

  y    <= result;
  zero <= '1' when result = "00000000" else '0';
  neg  <= result(7);

end rtl;
