--! Edge detector for N asynchronous inputs: synchronises each input, then
--! gives one-clock pulses on its rising edges, its falling edges, or both.
library ieee;
use ieee.std_logic_1164.all;

entity edge_events is
  generic (
    N : positive := 4
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                       --! synchronous reset, active high
    sig_i    : in  std_logic_vector(N-1 downto 0);  --! asynchronous inputs
    rise_o   : out std_logic_vector(N-1 downto 0);
    fall_o   : out std_logic_vector(N-1 downto 0);
    change_o : out std_logic_vector(N-1 downto 0)
  );
end entity edge_events;

architecture rtl of edge_events is
  signal meta, sync, prev : std_logic_vector(N-1 downto 0);
begin

  regs : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        meta <= (others => '0');
        sync <= (others => '0');
        prev <= (others => '0');
      else
        meta <= sig_i;
        sync <= meta;
        prev <= sync;
      end if;
    end if;
  end process regs;

  rise_o   <= sync and not prev;
  fall_o   <= prev and not sync;
  change_o <= sync xor prev;

end architecture rtl;
