-- Keypad code lock: opens when the 4-digit code is entered, locks out for
-- LOCKOUT_CYCLES after three wrong attempts. One-process FSM.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity code_lock is
  generic (
    CODE0          : natural := 4;
    CODE1          : natural := 7;
    CODE2          : natural := 1;
    CODE3          : natural := 9;
    OPEN_CYCLES    : natural := 50_000_000;    -- unlock time
    LOCKOUT_CYCLES : natural := 500_000_000
  );
  port (
    clk       : in  std_logic;
    rst_n     : in  std_logic;                 -- asynchronous, active low
    key_valid : in  std_logic;                 -- one-cycle strobe per key press
    key_digit : in  unsigned(3 downto 0);
    unlock    : out std_logic;
    locked_out: out std_logic
  );
end entity code_lock;

architecture rtl of code_lock is
  type state_t is (WAIT_D0, WAIT_D1, WAIT_D2, WAIT_D3, UNLOCKED, LOCKOUT);
  type code_t is array (0 to 3) of natural;
  constant CODE : code_t := (CODE0, CODE1, CODE2, CODE3);

  signal state    : state_t;
  signal mismatch : std_logic;                 -- a wrong digit was seen
  signal failures : natural range 0 to 3;
  signal timer    : natural range 0 to LOCKOUT_CYCLES;
begin

  process (clk, rst_n)
    variable idx : natural range 0 to 5;       -- digit position = state index
  begin
    if rst_n = '0' then
      state    <= WAIT_D0;
      mismatch <= '0';
      failures <= 0;
      timer    <= 0;
    elsif rising_edge(clk) then
      case state is
        when WAIT_D0 | WAIT_D1 | WAIT_D2 | WAIT_D3 =>
          idx := state_t'pos(state);
          if key_valid = '1' then
            -- all four digits are always collected, so the position of a
            -- wrong digit is not revealed
            if to_integer(key_digit) /= CODE(idx) then
              mismatch <= '1';
            end if;
            if state = WAIT_D3 then
              mismatch <= '0';
              if mismatch = '0' and to_integer(key_digit) = CODE(3) then
                state    <= UNLOCKED;
                failures <= 0;
                timer    <= OPEN_CYCLES;
              elsif failures = 2 then
                state    <= LOCKOUT;
                failures <= 0;
                timer    <= LOCKOUT_CYCLES;
              else
                state    <= WAIT_D0;
                failures <= failures + 1;
              end if;
            else
              state <= state_t'succ(state);
            end if;
          end if;
        when UNLOCKED | LOCKOUT =>
          if timer = 0 then
            state <= WAIT_D0;
          else
            timer <= timer - 1;
          end if;
      end case;
    end if;
  end process;

  unlock     <= '1' when state = UNLOCKED else '0';
  locked_out <= '1' when state = LOCKOUT else '0';

end architecture rtl;
