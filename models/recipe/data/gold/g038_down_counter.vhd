-- Loadable down-counter with terminal-count pulse and auto-reload.
-- camelCase naming, as used in our motor-control sources.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity downCounter is
  generic (
    cntWidth : natural := 16
  );
  port (
    clk        : in  std_logic;
    rstN       : in  std_logic;
    loadValue  : in  unsigned(cntWidth-1 downto 0);
    loadNow    : in  std_logic;
    countEn    : in  std_logic;
    autoReload : in  std_logic;
    cntValue   : out unsigned(cntWidth-1 downto 0);
    zeroPulse  : out std_logic
  );
end entity downCounter;

architecture rtl of downCounter is
  signal cntReg   : unsigned(cntWidth-1 downto 0);
  signal armed    : std_logic;
begin

  counterProc : process (clk)
  begin
    if rising_edge(clk) then
      zeroPulse <= '0';
      if rstN = '0' then
        cntReg <= (others => '0');
        armed  <= '0';
      elsif loadNow = '1' then
        cntReg <= loadValue;
        armed  <= '1';
      elsif countEn = '1' and armed = '1' then
        if cntReg = 0 then
          zeroPulse <= '1';
          if autoReload = '1' then
            cntReg <= loadValue;
          else
            armed <= '0';                -- stop at zero until reloaded
          end if;
        else
          cntReg <= cntReg - 1;
        end if;
      end if;
    end if;
  end process counterProc;

  cntValue <= cntReg;

end architecture rtl;
