-- Johnson (twisted-ring) counter with self-correcting decode and
-- one-hot phase outputs, used to sequence a multi-phase strobe.
library ieee;
use ieee.std_logic_1164.all;

entity johnson_counter is
  generic (
    N : positive := 4                       -- 2*N states
  );
  port (
    clk    : in  std_logic;
    nreset : in  std_logic;
    ce     : in  std_logic;
    q      : out std_logic_vector(N-1 downto 0);
    phase  : out std_logic_vector(2*N-1 downto 0)   -- one-hot state decode
  );
end johnson_counter;

architecture rtl of johnson_counter is
  signal jc : std_logic_vector(N-1 downto 0);
begin

  process (nreset, clk)
  begin
    if nreset = '0' then
      jc <= (others => '0');
    elsif clk'event and clk = '1' then
      if ce = '1' then
        jc <= jc(N-2 downto 0) & not jc(N-1);
      end if;
    end if;
  end process;

  q <= jc;

  -- Each Johnson state is identified by two adjacent bits.
  -- States 0..N-1 fill with ones from bit 0; states N..2N-1 fill with zeros.
  decode : process (jc)
  begin
    phase <= (others => '0');
    if jc = (jc'range => '0') then
      phase(0) <= '1';
    end if;
    for i in 0 to N-2 loop
      if jc(i) = '1' and jc(i+1) = '0' then
        phase(i+1) <= '1';
      end if;
      if jc(i) = '0' and jc(i+1) = '1' then
        phase(N+i+1) <= '1';
      end if;
    end loop;
    if jc = (jc'range => '1') then
      phase(N) <= '1';
    end if;
  end process decode;

end rtl;
