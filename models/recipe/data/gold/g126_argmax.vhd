-- Argmax: finds the largest of N unsigned values and its index with a
-- single-cycle linear scan; the result is registered.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity argmax is
  generic (
    N     : positive := 8;
    W     : positive := 10;
    IDX_W : positive := 3
  );
  port (
    clk       : in  std_logic;
    in_valid  : in  std_logic;
    in_flat   : in  std_logic_vector(N*W-1 downto 0);   -- value i at bits (i+1)*W-1 .. i*W
    max_value : out unsigned(W-1 downto 0);
    max_index : out unsigned(IDX_W-1 downto 0);
    out_valid : out std_logic
  );
end entity argmax;

architecture rtl of argmax is
  signal best_val : unsigned(W-1 downto 0);
  signal best_idx : unsigned(IDX_W-1 downto 0);
begin

  scan : process (all)
    variable v   : unsigned(W-1 downto 0);
    variable bv  : unsigned(W-1 downto 0);
    variable bi  : natural range 0 to N-1;
  begin
    bv := unsigned(in_flat(W-1 downto 0));
    bi := 0;
    for i in 1 to N-1 loop
      v := unsigned(in_flat((i+1)*W-1 downto i*W));
      if v > bv then            -- strict: on ties the lowest index wins
        bv := v;
        bi := i;
      end if;
    end loop;
    best_val <= bv;
    best_idx <= to_unsigned(bi, IDX_W);
  end process scan;

  outreg : process (clk)
  begin
    if rising_edge(clk) then
      out_valid <= in_valid;
      if in_valid = '1' then
        max_value <= best_val;
        max_index <= best_idx;
      end if;
    end if;
  end process outreg;

end architecture rtl;
