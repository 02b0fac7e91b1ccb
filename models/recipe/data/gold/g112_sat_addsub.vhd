-- Saturating signed adder/subtractor with registered output.
-- Instead of wrapping, results are clamped to the most positive / negative value.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sat_addsub is
  generic (
    WIDTH : positive := 16
  );
  port (
    clk    : in  std_logic;
    arst_n : in  std_logic;                   -- asynchronous reset, active low
    ce     : in  std_logic;
    sub    : in  std_logic;                   -- '0': a + b, '1': a - b
    a      : in  signed(WIDTH-1 downto 0);
    b      : in  signed(WIDTH-1 downto 0);
    y      : out signed(WIDTH-1 downto 0);
    sat    : out std_logic                    -- result was clamped
  );
end entity sat_addsub;

architecture rtl of sat_addsub is
  constant MAXV : signed(WIDTH-1 downto 0) := ('0', others => '1');
  constant MINV : signed(WIDTH-1 downto 0) := ('1', others => '0');
begin

  process (clk, arst_n)
    variable ext : signed(WIDTH downto 0);
  begin
    if arst_n = '0' then
      y   <= (others => '0');
      sat <= '0';
    elsif rising_edge(clk) then
      if ce = '1' then
        if sub = '1' then
          ext := resize(a, WIDTH+1) - resize(b, WIDTH+1);
        else
          ext := resize(a, WIDTH+1) + resize(b, WIDTH+1);
        end if;
        -- overflow when the two top bits differ
        if ext(WIDTH) /= ext(WIDTH-1) then
          sat <= '1';
          if ext(WIDTH) = '0' then
            y <= MAXV;
          else
            y <= MINV;
          end if;
        else
          sat <= '0';
          y   <= ext(WIDTH-1 downto 0);
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
