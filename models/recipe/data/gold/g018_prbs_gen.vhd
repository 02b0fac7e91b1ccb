-- PRBS-7 / PRBS-15 / PRBS-31 generator, Galois form, producing DATA_W bits
-- per clock (parallel output for a SerDes test).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity prbs_gen is
  generic (
    POLY_LEN : positive := 31;    -- 7, 15 or 31
    DATA_W   : positive := 32
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    en       : in  std_logic;
    inject_err : in std_logic;    -- flip bit 0 of the next output word
    data_out : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity prbs_gen;

architecture rtl of prbs_gen is
  function tap2(n : positive) return natural is
  begin
    case n is
      when 7      => return 6;    -- x^7 + x^6 + 1
      when 15     => return 14;   -- x^15 + x^14 + 1
      when others => return 28;   -- x^31 + x^28 + 1
    end case;
  end function;

  constant T2 : natural := tap2(POLY_LEN);
  signal state : std_logic_vector(POLY_LEN-1 downto 0);
begin

  gen_p : process (clk, rst)
    variable s   : std_logic_vector(POLY_LEN-1 downto 0);
    variable w   : std_logic_vector(DATA_W-1 downto 0);
    variable nb  : std_logic;
  begin
    if rst = '1' then
      state    <= (others => '1');
      data_out <= (others => '0');
    elsif rising_edge(clk) then
      if en = '1' then
        s := state;
        for i in DATA_W-1 downto 0 loop
          nb   := s(POLY_LEN-1) xor s(T2-1);
          w(i) := nb;
          s    := s(POLY_LEN-2 downto 0) & nb;
        end loop;
        state <= s;
        if inject_err = '1' then
          w(0) := not w(0);
        end if;
        data_out <= w;
      end if;
    end if;
  end process gen_p;

end architecture rtl;
