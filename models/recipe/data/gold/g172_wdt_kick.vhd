--! Watchdog timer: software must write the key 0x5A to kick it within
--! TIMEOUT clocks, or the watchdog pulses a reset request and restarts.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity wdt_kick is
  generic (
    TIMEOUT : positive := 1_000_000;
    PULSE   : positive := 16           --! length of the reset request in clocks
  );
  port (
    clk       : in  std_logic;
    rst_n     : in  std_logic;          --! asynchronous reset, active low
    enable    : in  std_logic;
    kick_we   : in  std_logic;          --! a write to the kick register
    kick_data : in  std_logic_vector(7 downto 0);
    rst_req   : out std_logic           --! reset request, PULSE clocks long
  );
end entity wdt_kick;

architecture rtl of wdt_kick is
  constant KEY   : std_logic_vector(7 downto 0) := x"5A";
  signal timer   : natural range 0 to TIMEOUT - 1;
  signal req_cnt : natural range 0 to PULSE;
begin

  process (clk, rst_n)
  begin
    if rst_n = '0' then
      timer   <= 0;
      req_cnt <= 0;
    elsif rising_edge(clk) then
      if req_cnt /= 0 then
        req_cnt <= req_cnt - 1;                 -- request in progress
      elsif enable = '0' or (kick_we = '1' and kick_data = KEY) then
        timer <= 0;                             -- disabled or kicked
      elsif timer = TIMEOUT - 1 then
        timer   <= 0;
        req_cnt <= PULSE;                       -- expired: request a reset
      else
        timer <= timer + 1;
      end if;
    end if;
  end process;

  rst_req <= '1' when req_cnt /= 0 else '0';

end architecture rtl;
