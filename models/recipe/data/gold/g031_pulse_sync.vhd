-- Toggle-based pulse synchroniser: transfers single-cycle pulses from
-- clk_a to clk_b. Source pulses must be at least 3 clk_b cycles apart.
library ieee;
use ieee.std_logic_1164.all;

entity pulse_sync is
  port (
    clk_a     : in  std_logic;
    rst_a_n   : in  std_logic;
    pulse_a   : in  std_logic;
    clk_b     : in  std_logic;
    rst_b_n   : in  std_logic;
    pulse_b   : out std_logic
  );
end entity pulse_sync;

architecture rtl of pulse_sync is
  signal toggle_a : std_logic;
  signal sync_b   : std_logic_vector(2 downto 0);
begin

  -- Source domain: every pulse flips the toggle flop.
  src : process (clk_a, rst_a_n)
  begin
    if rst_a_n = '0' then
      toggle_a <= '0';
    elsif rising_edge(clk_a) then
      if pulse_a = '1' then
        toggle_a <= not toggle_a;
      end if;
    end if;
  end process src;

  -- Destination domain: two-flop synchroniser plus one flop for the edge.
  dst : process (clk_b, rst_b_n)
  begin
    if rst_b_n = '0' then
      sync_b <= (others => '0');
    elsif rising_edge(clk_b) then
      sync_b <= sync_b(1 downto 0) & toggle_a;
    end if;
  end process dst;

  -- Any change of the synchronised toggle is one destination pulse.
  pulse_b <= sync_b(2) xor sync_b(1);

end architecture rtl;
