-- Reset controller for several clock domains. Combines the external reset
-- button and PLL lock, stretches the reset, then releases each domain's
-- active-high reset synchronously to its own clock.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity reset_ctrl is
  generic (
    N_DOMAINS : positive := 3;
    STRETCH   : positive := 255      -- cycles of clks(0) held after the cause goes away
  );
  port (
    clks       : in  std_logic_vector(N_DOMAINS-1 downto 0);
    ext_reset  : in  std_logic;       -- active high, asynchronous
    pll_locked : in  std_logic;
    resets     : out std_logic_vector(N_DOMAINS-1 downto 0)  -- active high
  );
end entity reset_ctrl;

architecture rtl of reset_ctrl is
  signal any_cause : std_logic;
  signal stretch_cnt : natural range 0 to STRETCH;
  signal master_rst  : std_logic;
begin

  any_cause <= ext_reset or not pll_locked;

  -- Stretch in domain 0: asynchronous assertion, counted release.
  stretch_p : process (clks(0), any_cause)
  begin
    if any_cause = '1' then
      stretch_cnt <= 0;
      master_rst  <= '1';
    elsif rising_edge(clks(0)) then
      if stretch_cnt = STRETCH then
        master_rst <= '0';
      else
        stretch_cnt <= stretch_cnt + 1;
      end if;
    end if;
  end process stretch_p;

  -- One async-assert / sync-release chain per domain.
  gen_dom : for d in 0 to N_DOMAINS-1 generate
    signal chain : std_logic_vector(1 downto 0) := "11";
  begin
    sync_p : process (clks(d), master_rst)
    begin
      if master_rst = '1' then
        chain <= "11";
      elsif rising_edge(clks(d)) then
        chain <= chain(0) & '0';
      end if;
    end process sync_p;
    resets(d) <= chain(1);
  end generate gen_dom;

end architecture rtl;
