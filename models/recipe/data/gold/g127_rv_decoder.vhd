-- RV32I major-opcode decoder using VHDL-2008 matching case (case?).
-- Produces the control signals of a simple single-cycle datapath.
library ieee;
use ieee.std_logic_1164.all;

entity rv_decoder is
  port (
    instr      : in  std_logic_vector(31 downto 0);
    reg_write  : out std_logic;
    mem_read   : out std_logic;
    mem_write  : out std_logic;
    branch     : out std_logic;
    jump       : out std_logic;
    alu_src    : out std_logic;    -- '1': immediate operand
    imm_type   : out std_logic_vector(2 downto 0);  -- 000 I, 001 S, 010 B, 011 U, 100 J
    illegal    : out std_logic
  );
end entity rv_decoder;

architecture rtl of rv_decoder is
begin

  decode : process (all)
  begin
    reg_write <= '0';
    mem_read  <= '0';
    mem_write <= '0';
    branch    <= '0';
    jump      <= '0';
    alu_src   <= '0';
    imm_type  <= "000";
    illegal   <= '0';

    -- bits 1..0 must be "11" for 32-bit instructions; '-' are don't-cares
    case? instr(6 downto 0) is
      when "0110011" =>                 -- OP (register-register ALU)
        reg_write <= '1';
      when "0010011" =>                 -- OP-IMM
        reg_write <= '1';
        alu_src   <= '1';
      when "0000011" =>                 -- LOAD
        reg_write <= '1';
        mem_read  <= '1';
        alu_src   <= '1';
      when "0100011" =>                 -- STORE
        mem_write <= '1';
        alu_src   <= '1';
        imm_type  <= "001";
      when "1100011" =>                 -- BRANCH
        branch    <= '1';
        imm_type  <= "010";
      when "0-10111" =>                 -- LUI (0110111) and AUIPC (0010111)
        reg_write <= '1';
        alu_src   <= '1';
        imm_type  <= "011";
      when "1101111" =>                 -- JAL
        reg_write <= '1';
        jump      <= '1';
        imm_type  <= "100";
      when "1100111" =>                 -- JALR
        reg_write <= '1';
        jump      <= '1';
        alu_src   <= '1';
      when others =>
        illegal   <= '1';
    end case?;
  end process decode;

end architecture rtl;
