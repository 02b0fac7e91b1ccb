--! @brief Self-synchronising scrambler / descrambler, polynomial
--! x^7 + x^4 + 1, processing DATA_W bits per clock (first bit = MSB).
--! One entity, mode selected by generic DESCRAMBLE.
library ieee;
use ieee.std_logic_1164.all;

entity scrambler is
  generic (
    DATA_W     : positive := 8;
    DESCRAMBLE : boolean  := false
  );
  port (
    clk      : in  std_logic;
    rst_n    : in  std_logic;
    in_vld   : in  std_logic;
    in_data  : in  std_logic_vector(DATA_W-1 downto 0);
    out_vld  : out std_logic;
    out_data : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity scrambler;

architecture rtl of scrambler is
  signal hist : std_logic_vector(6 downto 0);   --! last 7 line bits, hist(0) newest
begin

  process (clk, rst_n)
    variable h    : std_logic_vector(6 downto 0);
    variable o    : std_logic_vector(DATA_W-1 downto 0);
    variable line : std_logic;
  begin
    if rst_n = '0' then
      hist     <= (others => '1');
      out_vld  <= '0';
      out_data <= (others => '0');
    elsif rising_edge(clk) then
      out_vld <= in_vld;
      if in_vld = '1' then
        h := hist;
        for i in DATA_W-1 downto 0 loop
          o(i) := in_data(i) xor h(6) xor h(3);
          -- the history always holds the scrambled (line-side) bits
          if DESCRAMBLE then
            line := in_data(i);
          else
            line := o(i);
          end if;
          h := h(5 downto 0) & line;
        end loop;
        hist     <= h;
        out_data <= o;
      end if;
    end if;
  end process;

end architecture rtl;
