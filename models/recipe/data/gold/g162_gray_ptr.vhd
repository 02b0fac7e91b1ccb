--! Gray-code pointer for a FIFO: a binary counter and its Gray-coded copy,
--! both registered, so the Gray value can cross into another clock domain.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity gray_ptr is
  generic (
    ADDR_W : positive := 4  --! address bits; the pointer has one bit more
  );
  port (
    clk    : in  std_logic;
    srst   : in  std_logic;  --! synchronous reset, active high
    inc    : in  std_logic;  --! advance the pointer by one
    bin_o  : out std_logic_vector(ADDR_W downto 0);
    gray_o : out std_logic_vector(ADDR_W downto 0)
  );
end entity gray_ptr;

architecture rtl of gray_ptr is
  signal bin_q  : unsigned(ADDR_W downto 0);
  signal gray_q : std_logic_vector(ADDR_W downto 0);
  signal bin_n  : unsigned(ADDR_W downto 0);
begin

  bin_n <= bin_q + 1 when inc = '1' else bin_q;

  process (clk)
  begin
    if rising_edge(clk) then
      if srst = '1' then
        bin_q  <= (others => '0');
        gray_q <= (others => '0');
      else
        bin_q  <= bin_n;
        gray_q <= std_logic_vector(bin_n xor shift_right(bin_n, 1));
      end if;
    end if;
  end process;

  bin_o  <= std_logic_vector(bin_q);
  gray_o <= gray_q;

end architecture rtl;
