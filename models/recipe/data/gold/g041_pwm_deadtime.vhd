-- Complementary PWM with dead-time insertion for a half-bridge driver.
-- Centre-aligned (up/down) carrier. Record-based two-process style.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity pwm_deadtime is
  generic (
    PERIOD_HALF : positive := 1000;   -- carrier counts 0..PERIOD_HALF..0
    DEAD_CLKS   : positive := 20
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    duty     : in  unsigned(15 downto 0);   -- compare value 0..PERIOD_HALF
    pwm_hi   : out std_logic;               -- high-side gate
    pwm_lo   : out std_logic                -- low-side gate
  );
end entity pwm_deadtime;

architecture rtl of pwm_deadtime is
  type reg_t is record
    carrier : natural range 0 to PERIOD_HALF;
    up      : std_logic;
    ref     : std_logic;                  -- raw PWM before dead time
    dead    : natural range 0 to DEAD_CLKS;
    hi, lo  : std_logic;
  end record;
  constant REG_INIT : reg_t := (carrier => 0, up => '1', ref => '0', dead => 0,
                                hi => '0', lo => '0');
  signal r, rin : reg_t;
begin

  comb : process (r, duty)
    variable v : reg_t;
  begin
    v := r;
    -- triangular carrier
    if r.up = '1' then
      if r.carrier = PERIOD_HALF then v.up := '0'; v.carrier := r.carrier - 1;
      else v.carrier := r.carrier + 1; end if;
    else
      if r.carrier = 0 then v.up := '1'; v.carrier := 1;
      else v.carrier := r.carrier - 1; end if;
    end if;
    -- reference comparison
    if r.carrier < to_integer(duty) then v.ref := '1'; else v.ref := '0'; end if;
    -- dead time: both gates off for DEAD_CLKS after every edge of ref
    if v.ref /= r.ref then
      v.dead := DEAD_CLKS;
      v.hi := '0'; v.lo := '0';
    elsif r.dead /= 0 then
      v.dead := r.dead - 1;
    else
      v.hi := r.ref; v.lo := not r.ref;
    end if;
    rin <= v;
  end process comb;

  seq : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        r <= REG_INIT;
      else
        r <= rin;
      end if;
    end if;
  end process seq;

  pwm_hi <= r.hi;
  pwm_lo <= r.lo;

end architecture rtl;
