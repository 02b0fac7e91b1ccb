-- cpu_alu: 16-bit ALU of a small accumulator CPU.
-- The operation is an enumerated type from cpuTypes; the result is
-- combinational, the status flags (Z, N, C) are held in a register and only
-- updated by flag-setting operations.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package cpuTypes is
  type aluOp_t is (OP_PASS_B, OP_ADD, OP_SUB, OP_AND, OP_OR, OP_XOR, OP_NOT, OP_ROL);
  function setsFlags(op : aluOp_t) return boolean;
end package cpuTypes;

package body cpuTypes is
  function setsFlags(op : aluOp_t) return boolean is
  begin
    return op /= OP_PASS_B;
  end function setsFlags;
end package body cpuTypes;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.cpuTypes.all;

entity cpu_alu is
  port (
    clk       : in  std_logic;
    reset     : in  std_logic;                 -- asynchronous, active high
    aluOp     : in  aluOp_t;
    opA       : in  unsigned(15 downto 0);     -- accumulator
    opB       : in  unsigned(15 downto 0);     -- memory operand
    flagWe    : in  std_logic;                 -- instruction may update flags
    result    : out unsigned(15 downto 0);
    zeroFlag  : out std_logic;
    negFlag   : out std_logic;
    carryFlag : out std_logic
  );
end entity cpu_alu;

architecture rtl of cpu_alu is
  signal res17  : unsigned(16 downto 0);
  signal zReg, nReg, cReg : std_logic;
begin

  calc : process (aluOp, opA, opB)
  begin
    case aluOp is
      when OP_PASS_B => res17 <= '0' & opB;
      when OP_ADD    => res17 <= ('0' & opA) + ('0' & opB);
      when OP_SUB    => res17 <= ('0' & opA) - ('0' & opB);
      when OP_AND    => res17 <= '0' & (opA and opB);
      when OP_OR     => res17 <= '0' & (opA or opB);
      when OP_XOR    => res17 <= '0' & (opA xor opB);
      when OP_NOT    => res17 <= '0' & (not opA);
      when OP_ROL    => res17 <= opA(15) & opA(14 downto 0) & opA(15);
    end case;
  end process calc;

  result <= res17(15 downto 0);

  flags : process (clk, reset)
  begin
    if reset = '1' then
      zReg <= '0';
      nReg <= '0';
      cReg <= '0';
    elsif rising_edge(clk) then
      if flagWe = '1' and setsFlags(aluOp) then
        zReg <= '1' when res17(15 downto 0) = 0 else '0';
        nReg <= res17(15);
        cReg <= res17(16);
      end if;
    end if;
  end process flags;

  zeroFlag  <= zReg;
  negFlag   <= nReg;
  carryFlag <= cReg;

end architecture rtl;
