-- Generic multi-bit edge detector with selectable edge per bit.
-- Inputs are assumed already synchronous to clk.
library ieee;
use ieee.std_logic_1164.all;

entity edge_detect_bus is
  generic (
    N : positive := 8
  );
  port (
    clk      : in  std_logic;
    rst_n    : in  std_logic;
    din      : in  std_logic_vector(N-1 downto 0);
    sel_rise : in  std_logic_vector(N-1 downto 0);  -- '1' detect rising edge
    sel_fall : in  std_logic_vector(N-1 downto 0);  -- '1' detect falling edge
    events   : out std_logic_vector(N-1 downto 0);  -- registered, one cycle
    any_event : out std_logic
  );
end entity edge_detect_bus;

architecture rtl of edge_detect_bus is
  signal din_d : std_logic_vector(N-1 downto 0);
  signal ev    : std_logic_vector(N-1 downto 0);
begin

  process (clk, rst_n)
  begin
    if rst_n = '0' then
      din_d <= (others => '0');
      ev    <= (others => '0');
    elsif rising_edge(clk) then
      din_d <= din;
      for i in din'range loop
        ev(i) <= (sel_rise(i) and din(i) and not din_d(i)) or
                 (sel_fall(i) and not din(i) and din_d(i));
      end loop;
    end if;
  end process;

  events    <= ev;
  any_event <= '1' when ev /= (ev'range => '0') else '0';

end architecture rtl;
