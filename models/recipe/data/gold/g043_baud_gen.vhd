--! @brief Fractional baud-rate generator (phase accumulator / DDS).
--! Produces a one-cycle tick at BAUD*OVERSAMPLE Hz with exact average rate.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity baud_gen is
  generic (
    ACC_W : positive := 24     --! accumulator width
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    en       : in  std_logic;  --! '0' clears the phase so ticks restart aligned
    --! increment = round(2**ACC_W * f_tick / f_clk), set by software
    incr     : in  unsigned(ACC_W-1 downto 0);
    tick     : out std_logic
  );
end entity baud_gen;

architecture rtl of baud_gen is
  signal acc   : unsigned(ACC_W downto 0);   -- one extra bit catches the carry
begin

  -- Example: f_clk = 50 MHz, f_tick = 16 * 115200 = 1.8432 MHz,
  -- ACC_W = 24 -> incr = round(2**24 * 1.8432 / 50) = 618475.

  process (clk, rst)
  begin
    if rst = '1' then
      acc  <= (others => '0');
      tick <= '0';
    elsif rising_edge(clk) then
      if en = '0' then
        acc  <= (others => '0');
        tick <= '0';
      else
        acc  <= ('0' & acc(ACC_W-1 downto 0)) + ('0' & incr);
        tick <= acc(ACC_W);
      end if;
    end if;
  end process;

end architecture rtl;
