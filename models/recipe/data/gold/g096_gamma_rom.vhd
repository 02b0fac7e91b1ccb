-- Gamma-2.0 correction table for 8-bit video, built at elaboration time
-- from a function, stored as a constant array (ROM).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity gamma_rom is
  port (
    clk    : in  std_logic;
    rd_en  : in  std_logic;
    pix_in : in  std_logic_vector(7 downto 0);
    pix_out: out std_logic_vector(7 downto 0)
  );
end gamma_rom;

architecture rtl of gamma_rom is

  type rom_type is array (0 to 255) of std_logic_vector(7 downto 0);

  -- out = round(in^2 / 255)
  function init_rom return rom_type is
    variable r : rom_type;
  begin
    for i in 0 to 255 loop
      r(i) := std_logic_vector(to_unsigned((i * i + 127) / 255, 8));
    end loop;
    return r;
  end function;

  constant ROM : rom_type := init_rom;

begin

  process (clk)
  begin
    if clk'event and clk = '1' then
      if rd_en = '1' then
        pix_out <= ROM(to_integer(unsigned(pix_in)));
      end if;
    end if;
  end process;

end rtl;
