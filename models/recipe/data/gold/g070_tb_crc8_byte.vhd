-- Byte-wide CRC-8 (poly 0x07, init 0x00) and a testbench that checks it
-- against the standard check value and against a reference model written
-- in the testbench.
library ieee;
use ieee.std_logic_1164.all;

entity crc8_byte is
  port (
    clk     : in  std_logic;
    rst     : in  std_logic;
    clr     : in  std_logic;
    en      : in  std_logic;
    d       : in  std_logic_vector(7 downto 0);
    crc     : out std_logic_vector(7 downto 0)
  );
end entity crc8_byte;

architecture rtl of crc8_byte is
  signal c : std_logic_vector(7 downto 0);
begin
  process (clk, rst)
    variable v : std_logic_vector(7 downto 0);
  begin
    if rst = '1' then
      c <= (others => '0');
    elsif rising_edge(clk) then
      if clr = '1' then
        c <= (others => '0');
      elsif en = '1' then
        v := c xor d;
        for i in 0 to 7 loop
          if v(7) = '1' then v := (v(6 downto 0) & '0') xor x"07";
          else v := v(6 downto 0) & '0'; end if;
        end loop;
        c <= v;
      end if;
    end if;
  end process;
  crc <= c;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_crc8_byte is
end entity tb_crc8_byte;

architecture test of tb_crc8_byte is
  signal clk : std_logic := '0';
  signal rst, clr, en : std_logic := '0';
  signal d, crc : std_logic_vector(7 downto 0) := (others => '0');
  signal finished : boolean := false;

  -- bitwise reference model
  function ref_crc8 (s : string) return std_logic_vector is
    variable c : std_logic_vector(7 downto 0) := (others => '0');
    variable b : std_logic_vector(7 downto 0);
  begin
    for k in s'range loop
      b := std_logic_vector(to_unsigned(character'pos(s(k)), 8));
      for i in 7 downto 0 loop
        if (c(7) xor b(i)) = '1' then c := (c(6 downto 0) & '0') xor x"07";
        else c := c(6 downto 0) & '0'; end if;
      end loop;
    end loop;
    return c;
  end function;

  procedure run_string (s : string; signal dat : out std_logic_vector; signal ena : out std_logic) is
  begin
    for k in s'range loop
      dat <= std_logic_vector(to_unsigned(character'pos(s(k)), 8));
      ena <= '1';
      wait until rising_edge(clk);
    end loop;
    ena <= '0';
  end procedure;
begin
  clk <= not clk after 4 ns when not finished;

  dut : entity work.crc8_byte port map (clk, rst, clr, en, d, crc);

  process
  begin
    rst <= '1'; wait for 20 ns; rst <= '0';
    wait until rising_edge(clk);
    run_string("123456789", d, en);
    wait until rising_edge(clk);
    assert crc = x"F4" report "check value wrong" severity error;
    assert crc = ref_crc8("123456789") report "model mismatch" severity error;

    clr <= '1'; wait until rising_edge(clk); clr <= '0';
    run_string("VHDL", d, en);
    wait until rising_edge(clk);
    assert crc = ref_crc8("VHDL") report "model mismatch on VHDL" severity error;

    report "tb_crc8_byte done";
    finished <= true;
    wait;
  end process;
end architecture test;
