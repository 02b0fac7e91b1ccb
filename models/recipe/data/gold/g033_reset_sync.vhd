-- Reset synchroniser: asynchronous assertion, synchronous de-assertion.
-- Produces an active-low reset for logic in the clk domain.
-- Use one instance per clock domain; connect sync_rst_n to the async
-- reset pins of that domain's registers.
library ieee;
use ieee.std_logic_1164.all;

entity reset_sync is
  generic (
    STAGES : natural := 3
  );
  port (
    clk          : in  std_logic;
    ext_rst_n    : in  std_logic;   -- e.g. from a push-button or PLL lock
    sync_rst_n   : out std_logic
  );
end entity reset_sync;

architecture rtl of reset_sync is
  signal rst_chain : std_logic_vector(STAGES-1 downto 0) := (others => '0');
  attribute ASYNC_REG : string;
  attribute ASYNC_REG of rst_chain : signal is "TRUE";
begin

  assert STAGES >= 2
    report "reset_sync: STAGES must be at least 2"
    severity failure;

  -- When ext_rst_n goes low the whole chain clears at once (no clock
  -- needed). When it is released, '1's shift in and sync_rst_n rises
  -- STAGES clock edges later, aligned to clk.
  process (clk, ext_rst_n)
  begin
    if ext_rst_n = '0' then
      rst_chain <= (others => '0');
    elsif rising_edge(clk) then
      rst_chain <= rst_chain(STAGES-2 downto 0) & '1';
    end if;
  end process;

  sync_rst_n <= rst_chain(STAGES-1);

end architecture rtl;
