-- Free-running up counter with enable and terminal-count flag.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity up_counter is
  generic (
    WIDTH : positive := 8
  );
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;
    en      : in  std_logic;
    count   : out std_logic_vector(WIDTH-1 downto 0);
    tc      : out std_logic
  );
end entity up_counter;

architecture rtl of up_counter is
  signal cnt : unsigned(WIDTH-1 downto 0);
begin

  -- Count on every enabled clock; wraps from all-ones back to zero.
  process (clk, rst_n)
  begin
    if rst_n = '0' then
      cnt <= (others => '0');
    elsif rising_edge(clk) then
      if en = '1' then
        cnt <= cnt + 1;
      end if;
    end if;
  end process;

  count <= std_logic_vector(cnt);

  -- Terminal count is combinational: high while the counter sits at its
  -- maximum value and the enable is set, so it can drive the next stage.
  tc <= '1' when cnt = (cnt'range => '1') and en = '1' else '0';

end architecture rtl;
