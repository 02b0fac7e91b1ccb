-- Moving average over 2**LOG2_LEN unsigned samples, running-sum implementation.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity moving_average is
  generic (
    DATA_W   : positive := 12;
    LOG2_LEN : positive := 3     -- window of 8 samples
  );
  port (
    clk       : in  std_logic;
    reset     : in  std_logic;   -- async, active high
    sample_en : in  std_logic;
    sample    : in  unsigned(DATA_W-1 downto 0);
    average   : out unsigned(DATA_W-1 downto 0)
  );
end entity moving_average;

architecture rtl of moving_average is
  constant LEN : positive := 2**LOG2_LEN;
  type window_t is array (0 to LEN-1) of unsigned(DATA_W-1 downto 0);
  signal window : window_t;
  signal sum    : unsigned(DATA_W+LOG2_LEN-1 downto 0);
begin

  process (clk, reset)
  begin
    if reset = '1' then
      window <= (others => (others => '0'));
      sum    <= (others => '0');
    elsif rising_edge(clk) then
      if sample_en = '1' then
        -- shift the new sample in, drop the oldest one
        window(0) <= sample;
        for i in 1 to LEN-1 loop
          window(i) <= window(i-1);
        end loop;
        sum <= sum + sample - window(LEN-1);
      end if;
    end if;
  end process;

  -- divide by the window length: keep the upper bits of the sum
  average <= sum(DATA_W+LOG2_LEN-1 downto LOG2_LEN);

end architecture rtl;
