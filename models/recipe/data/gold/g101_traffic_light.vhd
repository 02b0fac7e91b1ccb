-- Traffic light controller for a main road (NS) and a side road (EW).
-- The main road stays green until a car waits on the side road and the
-- minimum green time has elapsed. Two-process FSM with a shared timer.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity traffic_light is
  generic (
    T_MIN_GREEN : positive := 3000;   -- clock ticks
    T_YELLOW    : positive := 500;
    T_ALL_RED   : positive := 100;
    T_SIDE      : positive := 1500
  );
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;       -- asynchronous, active high
    car_ew     : in  std_logic;       -- side-road sensor
    ns_red     : out std_logic;
    ns_yellow  : out std_logic;
    ns_green   : out std_logic;
    ew_red     : out std_logic;
    ew_yellow  : out std_logic;
    ew_green   : out std_logic
  );
end entity traffic_light;

architecture rtl of traffic_light is
  type state_t is (S_NS_GO, S_NS_WARN, S_ALL_RED_1, S_EW_GO, S_EW_WARN, S_ALL_RED_2);
  signal state, next_state : state_t;
  signal timer             : natural range 0 to T_MIN_GREEN + T_SIDE;
  signal timer_clr         : std_logic;
begin

  -- state register and timer
  sync_proc : process (clk, rst)
  begin
    if rst = '1' then
      state <= S_NS_GO;
      timer <= 0;
    elsif rising_edge(clk) then
      state <= next_state;
      if timer_clr = '1' then
        timer <= 0;
      elsif timer < T_MIN_GREEN + T_SIDE then
        timer <= timer + 1;
      end if;
    end if;
  end process sync_proc;

  -- next state and Moore outputs
  comb_proc : process (state, timer, car_ew)
  begin
    next_state <= state;
    timer_clr  <= '0';
    ns_red <= '0'; ns_yellow <= '0'; ns_green <= '0';
    ew_red <= '0'; ew_yellow <= '0'; ew_green <= '0';

    case state is
      when S_NS_GO =>
        ns_green <= '1'; ew_red <= '1';
        if car_ew = '1' and timer >= T_MIN_GREEN - 1 then
          next_state <= S_NS_WARN;
          timer_clr  <= '1';
        end if;
      when S_NS_WARN =>
        ns_yellow <= '1'; ew_red <= '1';
        if timer = T_YELLOW - 1 then
          next_state <= S_ALL_RED_1;
          timer_clr  <= '1';
        end if;
      when S_ALL_RED_1 =>
        ns_red <= '1'; ew_red <= '1';
        if timer = T_ALL_RED - 1 then
          next_state <= S_EW_GO;
          timer_clr  <= '1';
        end if;
      when S_EW_GO =>
        ns_red <= '1'; ew_green <= '1';
        if timer = T_SIDE - 1 then
          next_state <= S_EW_WARN;
          timer_clr  <= '1';
        end if;
      when S_EW_WARN =>
        ns_red <= '1'; ew_yellow <= '1';
        if timer = T_YELLOW - 1 then
          next_state <= S_ALL_RED_2;
          timer_clr  <= '1';
        end if;
      when S_ALL_RED_2 =>
        ns_red <= '1'; ew_red <= '1';
        if timer = T_ALL_RED - 1 then
          next_state <= S_NS_GO;
          timer_clr  <= '1';
        end if;
    end case;
  end process comb_proc;

end architecture rtl;
