-- Gray-code pointer counter for asynchronous FIFOs.
-- Keeps a binary count internally and registers its Gray image, so the
-- pointer sent to the other clock domain changes one bit at a time.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package gray_pkg is
  function to_gray(b : unsigned) return unsigned;
  function from_gray(g : unsigned) return unsigned;
end package gray_pkg;

package body gray_pkg is
  function to_gray(b : unsigned) return unsigned is
  begin
    return b xor ('0' & b(b'high downto b'low + 1));
  end function to_gray;

  function from_gray(g : unsigned) return unsigned is
    variable b : unsigned(g'range);
  begin
    for i in g'range loop
      if i = g'high then
        b(i) := g(i);
      else
        b(i) := b(i + 1) xor g(i);
      end if;
    end loop;
    return b;
  end function from_gray;
end package body gray_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.gray_pkg.all;

entity gray_counter is
  generic (
    PTR_W : positive := 5            -- FIFO depth 2**(PTR_W-1), one wrap bit
  );
  port (
    clk      : in  std_logic;
    rst_n    : in  std_logic;        -- asynchronous, active low
    inc      : in  std_logic;
    bin_ptr  : out unsigned(PTR_W-1 downto 0);
    gray_ptr : out unsigned(PTR_W-1 downto 0)
  );
end entity gray_counter;

architecture rtl of gray_counter is
  signal bin_q  : unsigned(PTR_W-1 downto 0);
  signal gray_q : unsigned(PTR_W-1 downto 0);
begin

  process (clk, rst_n)
    variable bin_next : unsigned(PTR_W-1 downto 0);
  begin
    if rst_n = '0' then
      bin_q  <= (others => '0');
      gray_q <= (others => '0');
    elsif rising_edge(clk) then
      if inc = '1' then
        bin_next := bin_q + 1;
        bin_q    <= bin_next;
        gray_q   <= to_gray(bin_next);
      end if;
    end if;
  end process;

  bin_ptr  <= bin_q;
  gray_ptr <= gray_q;

end architecture rtl;
