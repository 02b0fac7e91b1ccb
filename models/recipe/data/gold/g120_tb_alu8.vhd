--! Exhaustive check of the arithmetic operations of alu8 (g084) against
--! integer reference arithmetic, plus a few logic and shift spot checks.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_alu8 is
end entity tb_alu8;

architecture test of tb_alu8 is
  signal a, b  : std_logic_vector(7 downto 0) := (others => '0');
  signal op    : std_logic_vector(2 downto 0) := "000";
  signal cin   : std_logic := '0';
  signal y     : std_logic_vector(7 downto 0);
  signal zero  : std_logic;
  signal carry : std_logic;
  signal ovf   : std_logic;
  signal neg   : std_logic;
begin

  dut : entity work.alu8
    port map (a => a, b => b, op => op, cin => cin,
              y => y, zero => zero, carry => carry, ovf => ovf, neg => neg);

  stimulus : process
    variable expected : integer;
    variable errors   : natural := 0;
  begin
    -- ADD and SUB over all operand pairs
    for ia in 0 to 255 loop
      for ib in 0 to 255 loop
        a  <= std_logic_vector(to_unsigned(ia, 8));
        b  <= std_logic_vector(to_unsigned(ib, 8));
        op <= "000";
        wait for 1 ns;
        expected := (ia + ib) mod 256;
        if to_integer(unsigned(y)) /= expected or (carry = '1') /= (ia + ib > 255) then
          errors := errors + 1;
        end if;
        op <= "010";
        wait for 1 ns;
        expected := (ia - ib) mod 256;
        if to_integer(unsigned(y)) /= expected or (carry = '1') /= (ia < ib) then
          errors := errors + 1;
        end if;
      end loop;
    end loop;
    assert errors = 0
      report integer'image(errors) & " arithmetic mismatches" severity error;

    -- spot checks: signed overflow, zero flag, logic and shifts
    a <= x"7F"; b <= x"01"; op <= "000"; wait for 1 ns;
    assert ovf = '1' and neg = '1' report "ADD overflow flag wrong" severity error;
    a <= x"55"; b <= x"55"; op <= "101"; wait for 1 ns;
    assert zero = '1' report "XOR zero flag wrong" severity error;
    a <= x"F0"; b <= x"3C"; op <= "011"; wait for 1 ns;
    assert y = x"30" report "AND wrong" severity error;
    a <= x"81"; op <= "110"; wait for 1 ns;
    assert y = x"02" and carry = '1' report "SHL wrong" severity error;
    a <= x"81"; op <= "111"; wait for 1 ns;
    assert y = x"40" and carry = '1' report "SHR wrong" severity error;
    a <= x"FF"; b <= x"00"; cin <= '1'; op <= "001"; wait for 1 ns;
    assert y = x"00" and carry = '1' and zero = '1' report "ADC wrong" severity error;

    report "tb_alu8 done" severity note;
    wait;
  end process stimulus;

end architecture test;
