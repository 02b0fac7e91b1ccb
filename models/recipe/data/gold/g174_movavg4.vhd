--! Moving average of the last four samples: a running sum updated with the
--! newest sample minus the oldest, divided by four with a shift.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity movavg4 is
  generic (
    W : positive := 10   --! sample width, unsigned
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                 --! synchronous reset, active high
    in_valid : in  std_logic;
    in_data  : in  unsigned(W-1 downto 0);
    avg      : out unsigned(W-1 downto 0)
  );
end entity movavg4;

architecture rtl of movavg4 is
  type taps_t is array (0 to 3) of unsigned(W-1 downto 0);
  signal taps : taps_t;
  signal sum  : unsigned(W+1 downto 0);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        taps <= (others => (others => '0'));
        sum  <= (others => '0');
      elsif in_valid = '1' then
        taps <= in_data & taps(0 to 2);
        sum  <= sum + in_data - taps(3);
      end if;
    end if;
  end process;

  avg <= sum(W+1 downto 2);

end architecture rtl;
