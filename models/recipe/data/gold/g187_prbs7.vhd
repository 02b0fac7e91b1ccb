--! PRBS7 generator and checker (x^7 + x^6 + 1), as used to test serial links:
--! the generator produces the sequence, the checker locks onto a received copy
--! and counts bit errors.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity prbs7 is
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;                  --! synchronous reset, active high
    en        : in  std_logic;                  --! one bit per enabled clock
    gen_bit   : out std_logic;                  --! generated sequence
    rx_bit    : in  std_logic;                  --! received sequence to check
    err_count : out unsigned(15 downto 0)       --! saturating error count
  );
end entity prbs7;

architecture rtl of prbs7 is
  signal gen_sr : std_logic_vector(6 downto 0);
  signal chk_sr : std_logic_vector(6 downto 0);
  signal errors : unsigned(15 downto 0);
begin

  generator : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        gen_sr <= (others => '1');              -- any non-zero seed
      elsif en = '1' then
        gen_sr <= gen_sr(5 downto 0) & (gen_sr(6) xor gen_sr(5));
      end if;
    end if;
  end process generator;

  gen_bit <= gen_sr(6);

  checker : process (clk)
    variable expected : std_logic;
  begin
    if rising_edge(clk) then
      if rst = '1' then
        chk_sr <= (others => '0');
        errors <= (others => '0');
      elsif en = '1' then
        expected := chk_sr(6) xor chk_sr(5);
        if rx_bit /= expected and errors /= x"FFFF" then
          errors <= errors + 1;
        end if;
        chk_sr <= chk_sr(5 downto 0) & rx_bit;  -- self-synchronising: shift in what arrived
      end if;
    end if;
  end process checker;

  err_count <= errors;

end architecture rtl;
