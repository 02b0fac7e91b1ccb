-- Fibonacci LFSR with generic width and tap mask (XNOR feedback so the
-- all-zero state is legal; all-ones is the lock-up state instead).
library ieee;
use ieee.std_logic_1164.all;

entity lfsr is
  generic (
    WIDTH : positive := 16;
    TAPS  : std_logic_vector := x"B400";   -- x^16 + x^14 + x^13 + x^11 + 1
    SEED  : std_logic_vector := x"0000"
  );
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    step  : in  std_logic;
    q     : out std_logic_vector(WIDTH-1 downto 0);
    bit_o : out std_logic
  );
end entity lfsr;

architecture rtl of lfsr is
  signal sr : std_logic_vector(WIDTH-1 downto 0);
  -- A literal such as x"B400" given to an unconstrained generic gets an
  -- ascending range (0 to 15); renumber it so that TAPS'left is bit WIDTH-1.
  alias taps_d : std_logic_vector(TAPS'length-1 downto 0) is TAPS;
begin

  process (clk)
    variable fb : std_logic;
  begin
    if rising_edge(clk) then
      if rst = '1' then
        sr <= SEED;
      elsif step = '1' then
        fb := '0';
        for i in 0 to WIDTH-1 loop
          if taps_d(i) = '1' then
            fb := fb xor sr(i);
          end if;
        end loop;
        sr <= sr(WIDTH-2 downto 0) & not fb;
      end if;
    end if;
  end process;

  q     <= sr;
  bit_o <= sr(WIDTH-1);

end architecture rtl;
