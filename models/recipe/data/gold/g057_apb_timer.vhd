-- APB timer peripheral: 32-bit down-counter with reload and interrupt.
-- Register reads insert one wait state (pready low for one cycle).
--   0x00 CTRL  bit0 enable, bit1 irq enable, bit2 one-shot
--   0x04 LOAD  reload value
--   0x08 VALUE current count (RO)
--   0x0C INTCLR write any value to clear the interrupt
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity apb_timer is
  port (
    PCLK    : in  std_logic;
    PRESETn : in  std_logic;
    PSEL    : in  std_logic;
    PENABLE : in  std_logic;
    PWRITE  : in  std_logic;
    PADDR   : in  std_logic_vector(3 downto 2);
    PWDATA  : in  std_logic_vector(31 downto 0);
    PRDATA  : out std_logic_vector(31 downto 0);
    PREADY  : out std_logic;
    TIMERINT : out std_logic
  );
end entity apb_timer;

architecture rtl of apb_timer is
  signal ctrl     : std_logic_vector(2 downto 0);
  signal load_val : unsigned(31 downto 0);
  signal value    : unsigned(31 downto 0);
  signal int_flag : std_logic;
  signal rd_wait  : std_logic;
  signal load_wr  : std_logic;
begin

  load_wr <= PSEL and PENABLE and PWRITE when PADDR = "01" else '0';

  regs : process (PCLK, PRESETn)
  begin
    if PRESETn = '0' then
      ctrl <= (others => '0'); load_val <= (others => '0');
      value <= (others => '0'); int_flag <= '0';
      rd_wait <= '0'; PRDATA <= (others => '0');
    elsif rising_edge(PCLK) then
      -- bus writes
      if PSEL = '1' and PENABLE = '1' and PWRITE = '1' then
        case PADDR is
          when "00"   => ctrl <= PWDATA(2 downto 0);
          when "01"   => load_val <= unsigned(PWDATA);
          when "11"   => int_flag <= '0';
          when others => null;
        end case;
      end if;
      -- bus reads: data registered in the first ACCESS cycle, PREADY in the second
      rd_wait <= '0';
      if PSEL = '1' and PENABLE = '1' and PWRITE = '0' and rd_wait = '0' then
        rd_wait <= '1';
        case PADDR is
          when "00"   => PRDATA <= (31 downto 3 => '0') & ctrl;
          when "01"   => PRDATA <= std_logic_vector(load_val);
          when "10"   => PRDATA <= std_logic_vector(value);
          when others => PRDATA <= (others => '0');
        end case;
      end if;
      -- counter
      if load_wr = '1' then
        value <= unsigned(PWDATA);
      elsif ctrl(0) = '1' then
        if value = 0 then
          int_flag <= '1';
          value    <= load_val;
          if ctrl(2) = '1' then ctrl(0) <= '0'; end if;
        else
          value <= value - 1;
        end if;
      end if;
    end if;
  end process regs;

  PREADY   <= '1' when PWRITE = '1' else rd_wait;
  TIMERINT <= int_flag and ctrl(1);

end architecture rtl;
