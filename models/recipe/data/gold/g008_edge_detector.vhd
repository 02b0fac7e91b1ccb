-- Synchronises an asynchronous input and produces single-cycle pulses on
-- its rising and falling edges.
--
-- Latency: sig_in -> pulse is 2..3 clocks (two synchroniser stages plus
-- the edge register). Pulses are exactly one clk period wide.
--
-- Ports
--   clk        system clock
--   rst        synchronous reset, active high
--   sig_in     asynchronous input
--   rise_pulse one-cycle pulse on 0->1
--   fall_pulse one-cycle pulse on 1->0
library ieee;
use ieee.std_logic_1164.all;

entity edge_detector is
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;
    sig_in    : in  std_logic;
    rise_pulse: out std_logic;
    fall_pulse: out std_logic
  );
end entity edge_detector;

architecture rtl of edge_detector is
  signal sync_ff : std_logic_vector(1 downto 0);  -- two-flop synchroniser
  signal prev    : std_logic;                     -- previous synchronised value
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        sync_ff <= (others => '0');
        prev    <= '0';
      else
        sync_ff <= sync_ff(0) & sig_in;
        prev    <= sync_ff(1);
      end if;
    end if;
  end process;

  rise_pulse <= sync_ff(1) and not prev;
  fall_pulse <= prev and not sync_ff(1);

end architecture rtl;
