--! Overlapping detector for the serial pattern 1011 (Moore machine): the
--! output is high for one clock after the last bit of each occurrence.
library ieee;
use ieee.std_logic_1164.all;

entity seq_1011 is
  port (
    clk   : in  std_logic;
    rst_n : in  std_logic;        --! asynchronous reset, active low
    en    : in  std_logic;        --! a bit is present on din
    din   : in  std_logic;
    hit   : out std_logic
  );
end entity seq_1011;

architecture rtl of seq_1011 is
  type state_t is (S0, S1, S10, S101, S1011);
  signal state : state_t;
begin

  process (clk, rst_n)
  begin
    if rst_n = '0' then
      state <= S0;
    elsif rising_edge(clk) then
      if en = '1' then
        case state is
          when S0    => if din = '1' then state <= S1;    else state <= S0;  end if;
          when S1    => if din = '0' then state <= S10;   else state <= S1;  end if;
          when S10   => if din = '1' then state <= S101;  else state <= S0;  end if;
          when S101  => if din = '1' then state <= S1011; else state <= S10; end if;
          when S1011 => if din = '1' then state <= S1;    else state <= S10; end if;
        end case;
      end if;
    end if;
  end process;

  hit <= '1' when state = S1011 else '0';

end architecture rtl;
