--! Push-button debouncer written as an explicit FSM with press/release
--! event outputs. Two-process style, enumerated states.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity debounce_fsm is
  generic (
    WAIT_CYCLES : positive := 100_000     --! 1 ms at 100 MHz
  );
  port (
    clk_i     : in  std_logic;
    rst_ni    : in  std_logic;            --! async reset, active low
    btn_i     : in  std_logic;            --! raw button, active high
    level_o   : out std_logic;            --! debounced level
    press_o   : out std_logic;            --! one-cycle press event
    release_o : out std_logic             --! one-cycle release event
  );
end entity debounce_fsm;

architecture rtl of debounce_fsm is
  type state_t is (RELEASED, WAIT_PRESS, PRESSED, WAIT_RELEASE);
  signal state_q, state_d : state_t;
  signal timer_q, timer_d : natural range 0 to WAIT_CYCLES;
  signal btn_meta, btn_s  : std_logic;
begin

  comb : process (state_q, timer_q, btn_s)
  begin
    state_d   <= state_q;
    timer_d   <= 0;
    press_o   <= '0';
    release_o <= '0';
    case state_q is
      when RELEASED =>
        if btn_s = '1' then state_d <= WAIT_PRESS; end if;
      when WAIT_PRESS =>
        if btn_s = '0' then
          state_d <= RELEASED;                       -- bounce: start over
        elsif timer_q = WAIT_CYCLES then
          state_d <= PRESSED;
          press_o <= '1';
        else
          timer_d <= timer_q + 1;
        end if;
      when PRESSED =>
        if btn_s = '0' then state_d <= WAIT_RELEASE; end if;
      when WAIT_RELEASE =>
        if btn_s = '1' then
          state_d <= PRESSED;
        elsif timer_q = WAIT_CYCLES then
          state_d   <= RELEASED;
          release_o <= '1';
        else
          timer_d <= timer_q + 1;
        end if;
    end case;
  end process comb;

  regs : process (clk_i, rst_ni)
  begin
    if rst_ni = '0' then
      state_q <= RELEASED; timer_q <= 0;
      btn_meta <= '0'; btn_s <= '0';
    elsif rising_edge(clk_i) then
      btn_meta <= btn_i;
      btn_s    <= btn_meta;
      state_q  <= state_d;
      timer_q  <= timer_d;
    end if;
  end process regs;

  level_o <= '1' when state_q = PRESSED or state_q = WAIT_RELEASE else '0';

end architecture rtl;
