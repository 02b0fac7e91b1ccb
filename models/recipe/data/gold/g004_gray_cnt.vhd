-- Gray-code counter: keeps a binary count internally and registers its
-- Gray encoding, so exactly one output bit changes per increment.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity gray_cnt is
  generic (
    N : positive := 5
  );
  port (
    clk_i  : in  std_logic;
    rst_i  : in  std_logic;
    inc_i  : in  std_logic;
    gray_o : out std_logic_vector(N-1 downto 0);
    bin_o  : out std_logic_vector(N-1 downto 0)
  );
end entity;

architecture rtl of gray_cnt is
  signal bin_q  : unsigned(N-1 downto 0);
  signal gray_q : std_logic_vector(N-1 downto 0);
  signal bin_next : unsigned(N-1 downto 0);
begin

  bin_next <= bin_q + 1 when inc_i = '1' else bin_q;

  regs : process (clk_i, rst_i)
  begin
    if rst_i = '1' then
      bin_q  <= (others => '0');
      gray_q <= (others => '0');
    elsif rising_edge(clk_i) then
      bin_q  <= bin_next;
      -- binary to Gray: g = b xor (b >> 1)
      gray_q <= std_logic_vector(bin_next xor shift_right(bin_next, 1));
    end if;
  end process regs;

  gray_o <= gray_q;
  bin_o  <= std_logic_vector(bin_q);

end architecture;
