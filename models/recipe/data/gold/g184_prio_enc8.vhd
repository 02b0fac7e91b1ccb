--! 8-input priority encoder: the index of the highest-numbered active
--! request and a valid flag, computed combinationally with a loop.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity prio_enc8 is
  port (
    req   : in  std_logic_vector(7 downto 0);
    idx   : out std_logic_vector(2 downto 0);
    valid : out std_logic
  );
end entity prio_enc8;

architecture rtl of prio_enc8 is
begin

  encode : process (req)
  begin
    idx   <= (others => '0');
    valid <= '0';
    for i in 0 to 7 loop            -- later (higher) indices override earlier ones
      if req(i) = '1' then
        idx   <= std_logic_vector(to_unsigned(i, 3));
        valid <= '1';
      end if;
    end loop;
  end process encode;

end architecture rtl;
