--! Saturating up/down event counter with programmable limits, written in
--! the Gaisler two-process style: one record type for all state, a
--! combinational process working on a variable, and a register process.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sat_updown is
  generic (
    WIDTH : positive := 10
  );
  port (
    clk      : in  std_logic;
    rstn     : in  std_logic;                      --! synchronous, active low
    up_evt   : in  std_logic;
    dn_evt   : in  std_logic;
    lo_limit : in  unsigned(WIDTH-1 downto 0);
    hi_limit : in  unsigned(WIDTH-1 downto 0);
    value    : out unsigned(WIDTH-1 downto 0);
    at_hi    : out std_logic;
    at_lo    : out std_logic
  );
end entity sat_updown;

architecture rtl of sat_updown is
  type reg_type is record
    cnt  : unsigned(WIDTH-1 downto 0);
    hi   : std_logic;
    lo   : std_logic;
  end record;
  constant RES : reg_type := (cnt => (others => '0'), hi => '0', lo => '1');
  signal r, rin : reg_type;
begin

  comb : process (r, up_evt, dn_evt, lo_limit, hi_limit)
    variable v : reg_type;
  begin
    v := r;
    if up_evt = '1' and dn_evt = '0' then
      if r.cnt < hi_limit then v.cnt := r.cnt + 1; end if;
    elsif dn_evt = '1' and up_evt = '0' then
      if r.cnt > lo_limit then v.cnt := r.cnt - 1; end if;
    end if;
    -- limits may be reprogrammed: clamp into range
    if v.cnt > hi_limit then v.cnt := hi_limit; end if;
    if v.cnt < lo_limit then v.cnt := lo_limit; end if;
    if v.cnt = hi_limit then v.hi := '1'; else v.hi := '0'; end if;
    if v.cnt = lo_limit then v.lo := '1'; else v.lo := '0'; end if;
    rin <= v;
  end process comb;

  regs : process (clk)
  begin
    if rising_edge(clk) then
      if rstn = '0' then
        r <= RES;
      else
        r <= rin;
      end if;
    end if;
  end process regs;

  value <= r.cnt;
  at_hi <= r.hi;
  at_lo <= r.lo;

end architecture rtl;
