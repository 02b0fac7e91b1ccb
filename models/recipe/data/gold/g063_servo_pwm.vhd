-- RC servo pulse generator: 50 Hz frame, 1.0 .. 2.0 ms pulse set by an
-- 8-bit position (0 = 1.0 ms, 255 = 2.0 ms).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity servo_pwm is
  generic (
    CLK_HZ : natural := 50_000_000
  );
  port (
    clk      : in  std_logic;
    reset    : in  std_logic;
    position : in  unsigned(7 downto 0);
    servo    : out std_logic
  );
end entity servo_pwm;

architecture rtl of servo_pwm is
  constant US_DIV    : natural := CLK_HZ / 1_000_000;  -- clocks per microsecond
  constant FRAME_US  : natural := 20_000;
  constant MIN_US    : natural := 1_000;
  signal us_cnt      : natural range 0 to US_DIV-1;
  signal frame_cnt   : natural range 0 to FRAME_US-1;
  signal pulse_us    : natural range 0 to 2_000;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if reset = '1' then
        us_cnt    <= 0;
        frame_cnt <= 0;
        pulse_us  <= MIN_US;
        servo     <= '0';
      else
        if us_cnt = US_DIV-1 then
          us_cnt <= 0;
          if frame_cnt = FRAME_US-1 then
            frame_cnt <= 0;
            -- latch the new width once per frame: 1000 + position*1000/256 us
            pulse_us <= MIN_US + to_integer(position) * 1000 / 256;
          else
            frame_cnt <= frame_cnt + 1;
          end if;
        else
          us_cnt <= us_cnt + 1;
        end if;

        if frame_cnt < pulse_us then
          servo <= '1';
        else
          servo <= '0';
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
