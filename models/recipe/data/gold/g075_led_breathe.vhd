-- "Breathing" LED: a triangle ramp drives the duty cycle of a PWM block.
-- The PWM block is a separate entity, used through a component declaration.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity pwm8 is
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    duty  : in  unsigned(7 downto 0);
    pwm_o : out std_logic
  );
end entity pwm8;

architecture rtl of pwm8 is
  signal cnt : unsigned(7 downto 0);
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        cnt   <= (others => '0');
        pwm_o <= '0';
      else
        cnt <= cnt + 1;
        if cnt < duty then pwm_o <= '1'; else pwm_o <= '0'; end if;
      end if;
    end if;
  end process;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity led_breathe is
  generic (
    STEP_CLKS : positive := 200_000    -- clocks per brightness step
  );
  port (
    clk : in  std_logic;
    rst : in  std_logic;
    led : out std_logic
  );
end entity led_breathe;

architecture struct of led_breathe is
  component pwm8 is
    port (
      clk   : in  std_logic;
      rst   : in  std_logic;
      duty  : in  unsigned(7 downto 0);
      pwm_o : out std_logic
    );
  end component pwm8;

  signal step_cnt : natural range 0 to STEP_CLKS-1;
  signal level    : unsigned(7 downto 0);
  signal rising   : boolean;
  signal duty_sq  : unsigned(15 downto 0);
begin

  ramp_p : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        step_cnt <= 0;
        level    <= (others => '0');
        rising   <= true;
      elsif step_cnt = STEP_CLKS-1 then
        step_cnt <= 0;
        if rising then
          if level = 255 then rising <= false; level <= level - 1; else level <= level + 1; end if;
        else
          if level = 0 then rising <= true; level <= level + 1; else level <= level - 1; end if;
        end if;
      else
        step_cnt <= step_cnt + 1;
      end if;
    end if;
  end process ramp_p;

  -- Square the level for a roughly perceptual (gamma 2) brightness curve.
  duty_sq <= level * level;

  u_pwm : pwm8
    port map (clk => clk, rst => rst, duty => duty_sq(15 downto 8), pwm_o => led);

end architecture struct;
