-- Button debouncer: a two-flop synchroniser, then a counter that must see the
-- synchronised input unchanged for G_HOLD_CYCLES clocks before the output follows.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity btn_debounce is
  generic (
    G_HOLD_CYCLES : natural := 50_000  -- clocks the input must stay unchanged (1 ms at 50 MHz)
  );
  port (
    clk   : in  std_logic;
    rst_n : in  std_logic;             -- asynchronous reset, active low
    btn_i : in  std_logic;             -- raw push button
    btn_o : out std_logic              -- debounced level
  );
end entity btn_debounce;

architecture rtl of btn_debounce is
  signal btn_sync   : std_logic_vector(1 downto 0);
  signal stable_cnt : unsigned(15 downto 0);
  signal btn_q      : std_logic;
begin

  p_debounce : process (clk, rst_n)
  begin
    if rst_n = '0' then
      btn_sync   <= (others => '0');
      stable_cnt <= (others => '0');
      btn_q      <= '0';
    elsif rising_edge(clk) then
      btn_sync <= btn_sync(0) & btn_i;
      if btn_sync(1) = btn_q then
        stable_cnt <= (others => '0');          -- nothing to confirm
      elsif stable_cnt = G_HOLD_CYCLES - 1 then
        btn_q      <= btn_sync(1);              -- held long enough: follow
        stable_cnt <= (others => '0');
      else
        stable_cnt <= stable_cnt + 1;
      end if;
    end if;
  end process p_debounce;

  btn_o <= btn_q;

end architecture rtl;
