-- Sequential restoring divider for unsigned operands.
-- One quotient bit per clock; WIDTH+1 cycles from start to done.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity seq_divider is
  generic (
    WIDTH : positive := 16
  );
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;                     -- synchronous, active high
    start     : in  std_logic;
    dividend  : in  unsigned(WIDTH-1 downto 0);
    divisor   : in  unsigned(WIDTH-1 downto 0);
    quotient  : out unsigned(WIDTH-1 downto 0);
    remainder : out unsigned(WIDTH-1 downto 0);
    busy      : out std_logic;
    done      : out std_logic;                     -- one-cycle pulse
    div_zero  : out std_logic                      -- divisor was zero
  );
end entity seq_divider;

architecture rtl of seq_divider is
  type state_t is (IDLE, CALC, FINISH);
  signal state : state_t;
  signal rem_r : unsigned(WIDTH downto 0);         -- partial remainder, one guard bit
  signal quo_r : unsigned(WIDTH-1 downto 0);       -- shifts in quotient bits
  signal den_r : unsigned(WIDTH-1 downto 0);
  signal count : natural range 0 to WIDTH;
begin

  process (clk)
    variable trial : unsigned(WIDTH downto 0);
  begin
    if rising_edge(clk) then
      done <= '0';
      if rst = '1' then
        state    <= IDLE;
        count    <= 0;
        div_zero <= '0';
      else
        case state is
          when IDLE =>
            if start = '1' then
              rem_r    <= (others => '0');
              quo_r    <= dividend;
              den_r    <= divisor;
              count    <= WIDTH;
              div_zero <= '1' when divisor = 0 else '0';
              state    <= CALC;
            end if;
          when CALC =>
            -- shift the next dividend bit into the remainder and try to subtract
            trial := rem_r(WIDTH-1 downto 0) & quo_r(WIDTH-1);
            if trial >= ('0' & den_r) then
              rem_r <= trial - ('0' & den_r);
              quo_r <= quo_r(WIDTH-2 downto 0) & '1';
            else
              rem_r <= trial;
              quo_r <= quo_r(WIDTH-2 downto 0) & '0';
            end if;
            count <= count - 1;
            if count = 1 then
              state <= FINISH;
            end if;
          when FINISH =>
            done  <= '1';
            state <= IDLE;
        end case;
      end if;
    end if;
  end process;

  quotient  <= quo_r;
  remainder <= rem_r(WIDTH-1 downto 0);
  busy      <= '0' when state = IDLE else '1';

end architecture rtl;
