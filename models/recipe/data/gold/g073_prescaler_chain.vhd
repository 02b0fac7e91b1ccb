-- Decade prescaler chain: produces clock enables at clk/10, clk/100, ...
-- clk/10**STAGES using a generate loop of identical mod-10 stages.
-- Each stage counts only when all lower stages wrap in the same cycle.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity prescaler_chain is
  generic (
    STAGES : positive := 6
  );
  port (
    clk     : in  std_logic;
    rst     : in  std_logic;
    run     : in  std_logic;
    ce_out  : out std_logic_vector(STAGES-1 downto 0)  -- ce_out(k): clk / 10**(k+1)
  );
end entity prescaler_chain;

architecture rtl of prescaler_chain is
  signal carry : std_logic_vector(STAGES downto 0);
begin

  carry(0) <= run;

  gen_stage : for k in 0 to STAGES-1 generate
    signal cnt  : unsigned(3 downto 0);
    signal wrap : std_logic;
  begin
    wrap <= carry(k) when cnt = 9 else '0';

    stage_p : process (clk)
    begin
      if rising_edge(clk) then
        if rst = '1' then
          cnt       <= (others => '0');
          ce_out(k) <= '0';
        else
          ce_out(k) <= wrap;
          if wrap = '1' then
            cnt <= (others => '0');
          elsif carry(k) = '1' then
            cnt <= cnt + 1;
          end if;
        end if;
      end if;
    end process stage_p;

    carry(k+1) <= wrap;
  end generate gen_stage;

end architecture rtl;
