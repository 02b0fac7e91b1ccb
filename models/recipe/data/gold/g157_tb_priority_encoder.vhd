--! Exhaustive testbench for priority_encoder (g097), 8-bit configuration.
--! Every input pattern is applied and compared with a reference model.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_priority_encoder is
end entity tb_priority_encoder;

architecture tb of tb_priority_encoder is

  component priority_encoder is
    generic (
      WIDTH : positive := 16;
      OUT_W : positive := 4
    );
    port (
      din   : in  std_logic_vector(WIDTH-1 downto 0);
      idx   : out std_logic_vector(OUT_W-1 downto 0);
      valid : out std_logic
    );
  end component priority_encoder;

  constant C_WIDTH : positive := 8;
  constant C_OUT_W : positive := 3;

  signal din   : std_logic_vector(C_WIDTH-1 downto 0) := (others => '0');
  signal idx   : std_logic_vector(C_OUT_W-1 downto 0);
  signal valid : std_logic;

  --! reference: index of the highest set bit, -1 when none
  function ref_msb(v : natural) return integer is
  begin
    for i in C_WIDTH-1 downto 0 loop
      if (v / 2**i) mod 2 = 1 then
        return i;
      end if;
    end loop;
    return -1;
  end function;

begin

  i_dut : priority_encoder
    generic map (WIDTH => C_WIDTH, OUT_W => C_OUT_W)
    port map (din => din, idx => idx, valid => valid);

  p_check : process
    variable exp    : integer;
    variable n_err  : natural := 0;
  begin
    for pattern in 0 to 2**C_WIDTH - 1 loop
      din <= std_logic_vector(to_unsigned(pattern, C_WIDTH));
      wait for 10 ns;
      exp := ref_msb(pattern);
      if exp < 0 then
        if valid /= '0' then
          report "valid set for all-zero input" severity error;
          n_err := n_err + 1;
        end if;
      elsif valid /= '1' or to_integer(unsigned(idx)) /= exp then
        report "pattern " & integer'image(pattern) & ": idx="
               & integer'image(to_integer(unsigned(idx))) & " expected "
               & integer'image(exp) severity error;
        n_err := n_err + 1;
      end if;
    end loop;

    if n_err = 0 then
      report "tb_priority_encoder: PASS (" & integer'image(2**C_WIDTH) & " patterns)";
    else
      report "tb_priority_encoder: FAIL, " & integer'image(n_err) & " errors" severity failure;
    end if;
    wait;
  end process p_check;

end architecture tb;
