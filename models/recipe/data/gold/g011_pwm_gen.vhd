-- Single-channel PWM generator with programmable period and duty cycle.
-- New settings are taken at the start of each period so the output never
-- produces a truncated or double pulse.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity pwm_gen is
  generic (
    CNT_W : positive := 10
  );
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;
    enable : in  std_logic;
    period : in  unsigned(CNT_W-1 downto 0);  -- period - 1, in clocks
    duty   : in  unsigned(CNT_W-1 downto 0);  -- high time, in clocks
    pwm    : out std_logic
  );
end entity pwm_gen;

architecture rtl of pwm_gen is
  signal cnt        : unsigned(CNT_W-1 downto 0);
  signal period_reg : unsigned(CNT_W-1 downto 0);
  signal duty_reg   : unsigned(CNT_W-1 downto 0);
begin

  process (clk, rst)
  begin
    if rst = '1' then
      cnt        <= (others => '0');
      period_reg <= (others => '0');
      duty_reg   <= (others => '0');
      pwm        <= '0';
    elsif rising_edge(clk) then
      if enable = '0' then
        cnt <= (others => '0');
        pwm <= '0';
      else
        if cnt >= period_reg then
          cnt        <= (others => '0');
          period_reg <= period;        -- shadow registers update at period end
          duty_reg   <= duty;
        else
          cnt <= cnt + 1;
        end if;
        if cnt < duty_reg then
          pwm <= '1';
        else
          pwm <= '0';
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
