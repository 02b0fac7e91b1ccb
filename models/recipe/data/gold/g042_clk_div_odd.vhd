-- Odd-ratio clock divider with 50% duty cycle.
-- Two counters-driven flops, one on each clock edge, are ORed together.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity clk_div_odd is
  generic (
    DIVIDE_BY : positive := 5           -- odd, >= 3
  );
  port (
    clk_in  : in  std_logic;
    rst_n   : in  std_logic;
    clk_out : out std_logic
  );
end entity clk_div_odd;

architecture rtl of clk_div_odd is
  signal cnt     : natural range 0 to DIVIDE_BY-1;
  signal pos_ff  : std_logic;
  signal neg_ff  : std_logic;
begin

  assert DIVIDE_BY mod 2 = 1 and DIVIDE_BY >= 3
    report "DIVIDE_BY must be odd and at least 3" severity failure;

  -- Rising-edge counter and flop: high for (DIVIDE_BY-1)/2 input periods.
  pos_p : process (clk_in, rst_n)
  begin
    if rst_n = '0' then
      cnt    <= 0;
      pos_ff <= '0';
    elsif rising_edge(clk_in) then
      if cnt = DIVIDE_BY-1 then
        cnt <= 0;
      else
        cnt <= cnt + 1;
      end if;
      if cnt < (DIVIDE_BY-1)/2 then
        pos_ff <= '1';
      else
        pos_ff <= '0';
      end if;
    end if;
  end process pos_p;

  -- Falling-edge copy, delayed by half an input period.
  neg_p : process (clk_in, rst_n)
  begin
    if rst_n = '0' then
      neg_ff <= '0';
    elsif falling_edge(clk_in) then
      neg_ff <= pos_ff;
    end if;
  end process neg_p;

  clk_out <= pos_ff or neg_ff;

end architecture rtl;
