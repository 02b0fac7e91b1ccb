--! @brief Window watchdog: a refresh is only accepted inside the window
--! [WINDOW_OPEN, TIMEOUT). Refreshing too early or not at all triggers a
--! reset request. Modelled on the window watchdogs found in MCUs.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity window_watchdog is
  generic (
    G_TIMEOUT     : positive := 4096;   --! clocks of the tick enable
    G_WINDOW_OPEN : natural  := 1024
  );
  port (
    clk         : in  std_logic;
    rst         : in  std_logic;        --! synchronous, active high
    tick        : in  std_logic;        --! time-base enable
    arm         : in  std_logic;        --! start supervision (sticky)
    refresh     : in  std_logic;        --! one-cycle refresh request
    reset_req   : out std_logic;        --! registered, held until rst
    early_flag  : out std_logic;        --! cause: refresh too early
    late_flag   : out std_logic         --! cause: no refresh in time
  );
end entity window_watchdog;

architecture rtl of window_watchdog is
  type wd_state_t is (DISARMED, RUNNING, FIRED);
  signal state  : wd_state_t;
  signal ticks  : natural range 0 to G_TIMEOUT;
  signal early, late : std_logic;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        state <= DISARMED;
        ticks <= 0;
        early <= '0';
        late  <= '0';
      else
        case state is
          when DISARMED =>
            ticks <= 0;
            if arm = '1' then
              state <= RUNNING;
            end if;
          when RUNNING =>
            if refresh = '1' then
              if ticks < G_WINDOW_OPEN then
                early <= '1';
                state <= FIRED;
              else
                ticks <= 0;                 -- good refresh: restart the window
              end if;
            elsif tick = '1' then
              if ticks = G_TIMEOUT - 1 then
                late  <= '1';
                state <= FIRED;
              else
                ticks <= ticks + 1;
              end if;
            end if;
          when FIRED =>
            null;                           -- stay until rst
        end case;
      end if;
    end if;
  end process;

  reset_req  <= '1' when state = FIRED else '0';
  early_flag <= early;
  late_flag  <= late;

end architecture rtl;
