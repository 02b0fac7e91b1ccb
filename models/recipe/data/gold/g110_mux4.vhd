-- 4:1 multiplexer, generic width, conditional signal assignment.
library ieee;
use ieee.std_logic_1164.all;

entity mux4 is
  generic (
    W : positive := 8
  );
  port (
    d0, d1, d2, d3 : in  std_logic_vector(W-1 downto 0);
    sel            : in  std_logic_vector(1 downto 0);
    y              : out std_logic_vector(W-1 downto 0)
  );
end entity mux4;

architecture rtl of mux4 is
begin

  y <= d0 when sel = "00" else
       d1 when sel = "01" else
       d2 when sel = "10" else
       d3;

end architecture rtl;
