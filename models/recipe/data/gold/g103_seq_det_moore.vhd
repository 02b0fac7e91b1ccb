-- Moore sequence detector for the pattern "1011" (overlapping).
library ieee;
use ieee.std_logic_1164.all;

entity seq_det_moore is
  port (
    clk   : in  std_logic;
    rst_n : in  std_logic;     -- synchronous, active low
    din   : in  std_logic;     -- serial input, one bit per clock
    found : out std_logic      -- high for one clock after "1011" was seen
  );
end seq_det_moore;

architecture fsm of seq_det_moore is
  -- state name = longest suffix of the input that is a prefix of "1011"
  type state_t is (S_NONE, S_1, S_10, S_101, S_1011);
  signal cur_state : state_t;
  signal nxt_state : state_t;
begin

  state_reg : process (clk)
  begin
    if clk'event and clk = '1' then
      if rst_n = '0' then
        cur_state <= S_NONE;
      else
        cur_state <= nxt_state;
      end if;
    end if;
  end process;

  next_logic : process (cur_state, din)
  begin
    case cur_state is
      when S_NONE =>
        if din = '1' then nxt_state <= S_1;    else nxt_state <= S_NONE; end if;
      when S_1 =>
        if din = '1' then nxt_state <= S_1;    else nxt_state <= S_10;   end if;
      when S_10 =>
        if din = '1' then nxt_state <= S_101;  else nxt_state <= S_NONE; end if;
      when S_101 =>
        if din = '1' then nxt_state <= S_1011; else nxt_state <= S_10;   end if;
      when S_1011 =>
        if din = '1' then nxt_state <= S_1;    else nxt_state <= S_10;   end if;
    end case;
  end process;

  -- Moore output: depends on the state only
  found <= '1' when cur_state = S_1011 else '0';

end fsm;
