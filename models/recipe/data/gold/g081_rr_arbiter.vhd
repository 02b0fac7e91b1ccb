-- Round-robin arbiter: rotating priority, one registered grant per cycle.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity rr_arbiter is
  generic (
    N : positive := 4  -- number of requesters
  );
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    req   : in  std_logic_vector(N-1 downto 0);
    grant : out std_logic_vector(N-1 downto 0)
  );
end entity rr_arbiter;

architecture rtl of rr_arbiter is
  signal last_r    : integer range 0 to N-1;  -- index of the last granted requester
  signal last_nxt  : integer range 0 to N-1;
  signal grant_r   : std_logic_vector(N-1 downto 0);
  signal grant_nxt : std_logic_vector(N-1 downto 0);
begin

  -- Search from the requester after last_r, wrapping around.
  comb : process (req, last_r)
    variable idx : integer range 0 to N-1;
  begin
    grant_nxt <= (others => '0');
    last_nxt  <= last_r;
    for i in 1 to N loop
      idx := (last_r + i) mod N;
      if req(idx) = '1' then
        grant_nxt(idx) <= '1';
        last_nxt       <= idx;
        exit;
      end if;
    end loop;
  end process comb;

  -- Grant is held in a flop; the priority pointer moves on every grant.
  seq : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        grant_r <= (others => '0');
        last_r  <= N-1;
      else
        grant_r <= grant_nxt;
        last_r  <= last_nxt;
      end if;
    end if;
  end process seq;

  grant <= grant_r;

end architecture rtl;
