-------------------------------------------------------------------------------
-- bus_arbiter
-- Round-robin bus arbiter for NMST masters, two-process "record" style:
-- all state in one record r, next state computed in a variable v.
-- A master keeps the bus until it drops its request (burst support); the
-- grant then rotates to the next requesting master.
-------------------------------------------------------------------------------
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity bus_arbiter is
  generic (
    NMST : positive := 4
  );
  port (
    clk     : in  std_logic;
    rstn    : in  std_logic;                        -- asynchronous, active low
    breq    : in  std_logic_vector(NMST-1 downto 0);
    bgnt    : out std_logic_vector(NMST-1 downto 0);
    bowner  : out integer range 0 to NMST-1;
    bbusy   : out std_logic
  );
end entity bus_arbiter;

architecture rtl of bus_arbiter is

  type reg_type is record
    owner : integer range 0 to NMST-1;
    busy  : std_logic;
    gnt   : std_logic_vector(NMST-1 downto 0);
  end record;

  constant RES_R : reg_type := (owner => 0, busy => '0', gnt => (others => '0'));

  signal r, rin : reg_type;

begin

  comb : process (r, breq)
    variable v    : reg_type;
    variable nxt  : integer range 0 to NMST-1;
  begin
    v := r;

    -- current owner releases the bus
    if r.busy = '1' and breq(r.owner) = '0' then
      v.busy := '0';
    end if;

    -- bus free: grant the next requester after the last owner
    if v.busy = '0' then
      for i in 1 to NMST loop
        nxt := (r.owner + i) mod NMST;
        if breq(nxt) = '1' then
          v.owner := nxt;
          v.busy  := '1';
          exit;
        end if;
      end loop;
    end if;

    v.gnt := (others => '0');
    if v.busy = '1' then
      v.gnt(v.owner) := '1';
    end if;

    rin    <= v;
    bgnt   <= r.gnt;
    bowner <= r.owner;
    bbusy  <= r.busy;
  end process comb;

  regs : process (clk, rstn)
  begin
    if rstn = '0' then
      r <= RES_R;
    elsif rising_edge(clk) then
      r <= rin;
    end if;
  end process regs;

end architecture rtl;
