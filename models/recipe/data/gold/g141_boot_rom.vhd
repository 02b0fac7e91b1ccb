-- Boot ROM for a tiny RV32I core: sums 10 + 9 + ... + 1, stores the result
-- at address 0x40 and then spins. Word-addressed by pc(5 downto 2).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity boot_rom is
  port (
    clk     : in  std_logic;
    fetch   : in  std_logic;                        -- instruction fetch enable
    pc      : in  std_logic_vector(31 downto 0);    -- byte address
    instr   : out std_logic_vector(31 downto 0)
  );
end entity boot_rom;

architecture rtl of boot_rom is
  constant NOP : std_logic_vector(31 downto 0) := x"00000013";   -- addi x0, x0, 0
begin

  rom : process (clk)
  begin
    if rising_edge(clk) then
      if fetch = '1' then
        case pc(5 downto 2) is
          when "0000" => instr <= x"00A00093";   -- 0x00: addi x1, x0, 10
          when "0001" => instr <= x"00000113";   -- 0x04: addi x2, x0, 0
          when "0010" => instr <= x"00110133";   -- 0x08: loop: add x2, x2, x1
          when "0011" => instr <= x"FFF08093";   -- 0x0C: addi x1, x1, -1
          when "0100" => instr <= x"FE009CE3";   -- 0x10: bne x1, x0, loop
          when "0101" => instr <= x"04202023";   -- 0x14: sw x2, 0x40(x0)
          when "0110" => instr <= x"0000006F";   -- 0x18: jal x0, 0 (spin)
          when others => instr <= NOP;
        end case;
      end if;
    end if;
  end process rom;

end architecture rtl;
