--! @brief Multi-channel PWM with a shared free-running period counter.
--! @details All channels are edge-aligned: they rise together at counter
--! zero and fall when the counter reaches their compare value.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package pwm_multi_pkg is
  constant PWM_BITS : positive := 8;
  type duty_array_t is array (natural range <>) of unsigned(PWM_BITS-1 downto 0);
end package pwm_multi_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.pwm_multi_pkg.all;

entity pwm_multi is
  generic (
    G_CHANNELS : positive := 6
  );
  port (
    clk_i      : in  std_logic;                                   --! clock
    arst_n_i   : in  std_logic;                                   --! async reset, active low
    ce_i       : in  std_logic;                                   --! prescaler clock enable
    duty_i     : in  duty_array_t(0 to G_CHANNELS-1);             --! compare value per channel
    pwm_o      : out std_logic_vector(G_CHANNELS-1 downto 0)      --! PWM outputs
  );
end entity pwm_multi;

architecture rtl of pwm_multi is
  signal ramp : unsigned(PWM_BITS-1 downto 0);
begin

  --! Shared 8-bit ramp, advanced by the clock enable.
  ramp_p : process (clk_i, arst_n_i)
  begin
    if arst_n_i = '0' then
      ramp <= (others => '0');
    elsif rising_edge(clk_i) then
      if ce_i = '1' then
        ramp <= ramp + 1;
      end if;
    end if;
  end process ramp_p;

  --! One comparator flop per channel.
  gen_ch : for ch in 0 to G_CHANNELS-1 generate
    cmp_p : process (clk_i, arst_n_i)
    begin
      if arst_n_i = '0' then
        pwm_o(ch) <= '0';
      elsif rising_edge(clk_i) then
        if ramp < duty_i(ch) then
          pwm_o(ch) <= '1';
        else
          pwm_o(ch) <= '0';
        end if;
      end if;
    end process cmp_p;
  end generate gen_ch;

end architecture rtl;
