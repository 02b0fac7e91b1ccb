-- Mealy sequence detector for "110", two-process style.
-- The output is asserted in the same cycle as the final '0'.
library ieee;
use ieee.std_logic_1164.all;

entity seq_det_mealy is
  port (
    clk      : in  std_logic;
    areset_n : in  std_logic;   -- asynchronous, active low
    x        : in  std_logic;
    z        : out std_logic
  );
end entity seq_det_mealy;

architecture rtl of seq_det_mealy is
  type state_type is (IDLE, GOT1, GOT11);
  signal state, state_next : state_type;
begin

  process (clk, areset_n)
  begin
    if areset_n = '0' then
      state <= IDLE;
    elsif rising_edge(clk) then
      state <= state_next;
    end if;
  end process;

  process (state, x)
  begin
    state_next <= state;
    z          <= '0';
    case state is
      when IDLE =>
        if x = '1' then
          state_next <= GOT1;
        end if;
      when GOT1 =>
        if x = '1' then
          state_next <= GOT11;
        else
          state_next <= IDLE;
        end if;
      when GOT11 =>
        if x = '0' then
          z          <= '1';      -- Mealy output: depends on x
          state_next <= IDLE;
        end if;                   -- further '1's keep us in GOT11
    end case;
  end process;

end architecture rtl;
