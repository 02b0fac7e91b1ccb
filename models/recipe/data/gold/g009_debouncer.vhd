-- Counter-based switch debouncer. The output follows the (synchronised)
-- input only after it has been stable for STABLE_CYCLES clocks.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity debouncer is
  generic (
    STABLE_CYCLES : positive := 500000   -- 10 ms at 50 MHz
  );
  port (
    clk       : in  std_logic;
    rst_n     : in  std_logic;
    button    : in  std_logic;
    debounced : out std_logic
  );
end entity debouncer;

architecture behav of debouncer is
  signal meta, sync : std_logic;
  signal state      : std_logic;
  signal counter    : natural range 0 to STABLE_CYCLES-1;
begin

  process (clk, rst_n)
  begin
    if rst_n = '0' then
      meta    <= '0';
      sync    <= '0';
      state   <= '0';
      counter <= 0;
    elsif rising_edge(clk) then
      meta <= button;
      sync <= meta;
      if sync = state then
        counter <= 0;                     -- input agrees with output: nothing pending
      elsif counter = STABLE_CYCLES-1 then
        state   <= sync;                  -- stable long enough: accept new level
        counter <= 0;
      else
        counter <= counter + 1;
      end if;
    end if;
  end process;

  debounced <= state;

end architecture behav;
