-- One-hot to binary encoder with a one-hot check.
-- Uses the OR-of-indices form: output bit b is the OR of all inputs whose
-- index has bit b set. error_o flags zero or multiple hot bits.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity onehot2bin is
  generic (
    N_IN  : positive := 8;
    N_OUT : positive := 3      -- 2**N_OUT >= N_IN
  );
  port (
    onehot_i : in  std_logic_vector(N_IN-1 downto 0);
    bin_o    : out std_logic_vector(N_OUT-1 downto 0);
    error_o  : out std_logic
  );
end entity onehot2bin;

architecture rtl of onehot2bin is
begin

  encode : process (all)
    variable acc  : std_logic_vector(N_OUT-1 downto 0);
    variable cnt  : natural range 0 to N_IN;
  begin
    acc := (others => '0');
    cnt := 0;
    for i in 0 to N_IN-1 loop
      if onehot_i(i) = '1' then
        acc := acc or std_logic_vector(to_unsigned(i, N_OUT));
        cnt := cnt + 1;
      end if;
    end loop;
    bin_o   <= acc;
    error_o <= '0' when cnt = 1 else '1';
  end process encode;

end architecture rtl;
