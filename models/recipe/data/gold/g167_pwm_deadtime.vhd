-- Complementary PWM with dead time for a half bridge: the high-side and
-- low-side gates are never on together, and each turns on DEAD clocks after
-- the other has turned off.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity pwm_deadtime is
  generic (
    CNT_W : positive := 10;   -- period = 2**CNT_W clocks
    DEAD  : natural  := 8     -- dead time in clocks
  );
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;                         -- synchronous reset, active high
    duty   : in  unsigned(CNT_W-1 downto 0);        -- high-side on-time per period
    gate_h : out std_logic;
    gate_l : out std_logic
  );
end entity pwm_deadtime;

architecture rtl of pwm_deadtime is
  signal cnt      : unsigned(CNT_W-1 downto 0);
  signal pwm_raw  : std_logic;
  signal pwm_prev : std_logic;
  signal dead_cnt : natural range 0 to DEAD;
begin

  pwm_raw <= '1' when cnt < duty else '0';

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        cnt      <= (others => '0');
        pwm_prev <= '0';
        dead_cnt <= DEAD;
        gate_h   <= '0';
        gate_l   <= '0';
      else
        cnt      <= cnt + 1;
        pwm_prev <= pwm_raw;
        if pwm_raw /= pwm_prev then
          -- the raw signal switched: both gates off, start the dead time
          gate_h   <= '0';
          gate_l   <= '0';
          dead_cnt <= DEAD;
        elsif dead_cnt /= 0 then
          dead_cnt <= dead_cnt - 1;
        else
          gate_h <= pwm_raw;
          gate_l <= not pwm_raw;
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
