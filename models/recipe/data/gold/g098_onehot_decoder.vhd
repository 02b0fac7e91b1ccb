-- Binary to one-hot decoder with enable (VHDL-2008).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity onehot_decoder is
  generic (
    SEL_W : positive := 3
  );
  port (
    en     : in  std_logic;
    sel    : in  std_logic_vector(SEL_W-1 downto 0);
    onehot : out std_logic_vector(2**SEL_W-1 downto 0)
  );
end entity onehot_decoder;

architecture rtl of onehot_decoder is
begin

  process (all)
  begin
    onehot <= (others => '0');
    if en = '1' then
      onehot(to_integer(unsigned(sel))) <= '1';
    end if;
  end process;

end architecture rtl;
