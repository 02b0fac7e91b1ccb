-- Free-running 48-bit timestamp counter with two input-capture channels.
-- Each channel captures the timestamp on a rising edge of its (already
-- synchronised) input and sets a flag until the value is read.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity timestamp_capture is
  generic (
    TS_W : positive := 48
  );
  port (
    clk         : in  std_logic;
    rst         : in  std_logic;
    cap_in      : in  std_logic_vector(1 downto 0);
    cap_ack     : in  std_logic_vector(1 downto 0);  -- reader has taken the value
    timestamp   : out unsigned(TS_W-1 downto 0);
    cap_ts0     : out unsigned(TS_W-1 downto 0);
    cap_ts1     : out unsigned(TS_W-1 downto 0);
    cap_valid   : out std_logic_vector(1 downto 0);
    cap_overrun : out std_logic_vector(1 downto 0)
  );
end entity timestamp_capture;

architecture rtl of timestamp_capture is
  type ts_array_t is array (0 to 1) of unsigned(TS_W-1 downto 0);
  signal ts       : unsigned(TS_W-1 downto 0);
  signal cap_prev : std_logic_vector(1 downto 0);
  signal cap_reg  : ts_array_t;
  signal valid    : std_logic_vector(1 downto 0);
  signal overrun  : std_logic_vector(1 downto 0);
begin

  process (clk, rst)
  begin
    if rst = '1' then
      ts       <= (others => '0');
      cap_prev <= (others => '0');
      cap_reg  <= (others => (others => '0'));
      valid    <= (others => '0');
      overrun  <= (others => '0');
    elsif rising_edge(clk) then
      ts       <= ts + 1;
      cap_prev <= cap_in;
      for ch in 0 to 1 loop
        if cap_in(ch) = '1' and cap_prev(ch) = '0' then
          if valid(ch) = '1' and cap_ack(ch) = '0' then
            overrun(ch) <= '1';              -- previous value not read: keep it
          else
            cap_reg(ch) <= ts;
            valid(ch)   <= '1';
          end if;
        elsif cap_ack(ch) = '1' then
          valid(ch)   <= '0';
          overrun(ch) <= '0';
        end if;
      end loop;
    end if;
  end process;

  timestamp   <= ts;
  cap_ts0     <= cap_reg(0);
  cap_ts1     <= cap_reg(1);
  cap_valid   <= valid;
  cap_overrun <= overrun;

end architecture rtl;
