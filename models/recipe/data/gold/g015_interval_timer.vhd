--! Interval timer with prescaler, auto-reload and interrupt flag.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity interval_timer is
  port (
    clk       : in  std_logic;
    rst_n     : in  std_logic;
    start     : in  std_logic;                      --! start / restart the timer
    stop      : in  std_logic;                      --! stop the timer
    auto_reload : in std_logic;                     --! restart automatically on expiry
    prescale  : in  unsigned(7 downto 0);           --! clocks per tick minus one
    reload    : in  unsigned(15 downto 0);          --! ticks per interval minus one
    irq_clear : in  std_logic;                      --! clear the interrupt flag
    running   : out std_logic;
    irq       : out std_logic
  );
end entity;

architecture rtl of interval_timer is
  signal pre_cnt : unsigned(7 downto 0);
  signal tmr_cnt : unsigned(15 downto 0);
  signal run     : std_logic;
  signal irq_r   : std_logic;
begin

  timer_p : process (clk, rst_n)
  begin
    if rst_n = '0' then
      pre_cnt <= (others => '0');
      tmr_cnt <= (others => '0');
      run     <= '0';
      irq_r   <= '0';
    elsif rising_edge(clk) then
      if irq_clear = '1' then
        irq_r <= '0';
      end if;

      if start = '1' then
        run     <= '1';
        pre_cnt <= prescale;
        tmr_cnt <= reload;
      elsif stop = '1' then
        run <= '0';
      elsif run = '1' then
        if pre_cnt = 0 then
          pre_cnt <= prescale;
          if tmr_cnt = 0 then
            irq_r <= '1';                    -- expiry wins over irq_clear
            if auto_reload = '1' then
              tmr_cnt <= reload;
            else
              run <= '0';
            end if;
          else
            tmr_cnt <= tmr_cnt - 1;
          end if;
        else
          pre_cnt <= pre_cnt - 1;
        end if;
      end if;
    end if;
  end process timer_p;

  running <= run;
  irq     <= irq_r;

end architecture;
