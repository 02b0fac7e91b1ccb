-- 8-to-3 priority encoder in the style of the 74x148: active-low inputs
-- and outputs, enable input EI_n, enable output EO_n and group select GS_n.
-- Input 7 has the highest priority.
library ieee;
use ieee.std_logic_1164.all;

entity prio_enc_8to3 is
  port (
    EI_n : in  std_logic;
    I_n  : in  std_logic_vector(7 downto 0);
    A_n  : out std_logic_vector(2 downto 0);
    GS_n : out std_logic;
    EO_n : out std_logic
  );
end prio_enc_8to3;

architecture behavioral of prio_enc_8to3 is
begin

  process (EI_n, I_n)
  begin
    if EI_n = '1' then                -- disabled: everything inactive
      A_n  <= "111";
      GS_n <= '1';
      EO_n <= '1';
    elsif I_n(7) = '0' then A_n <= "000"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(6) = '0' then A_n <= "001"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(5) = '0' then A_n <= "010"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(4) = '0' then A_n <= "011"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(3) = '0' then A_n <= "100"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(2) = '0' then A_n <= "101"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(1) = '0' then A_n <= "110"; GS_n <= '0'; EO_n <= '1';
    elsif I_n(0) = '0' then A_n <= "111"; GS_n <= '0'; EO_n <= '1';
    else                              -- enabled, no input active
      A_n  <= "111";
      GS_n <= '1';
      EO_n <= '0';
    end if;
  end process;

end behavioral;
