-- Pulse synchroniser with acknowledge (fast or slow to any clock):
-- the source sees 'busy' until the destination has taken the event,
-- so no pulse is ever lost. req is a level that toggles per event.
library ieee;
use ieee.std_logic_1164.all;

entity pulse_sync_ack is
  port (
    i_src_clk   : in  std_logic;
    i_src_rst_n : in  std_logic;
    i_pulse     : in  std_logic;       -- ignored while o_busy is high
    o_busy      : out std_logic;
    i_dst_clk   : in  std_logic;
    i_dst_rst_n : in  std_logic;
    o_pulse     : out std_logic
  );
end entity pulse_sync_ack;

architecture rtl of pulse_sync_ack is
  signal req_tgl   : std_logic;                      -- source domain
  signal ack_sync  : std_logic_vector(1 downto 0);   -- dst toggle seen in src
  signal req_sync  : std_logic_vector(2 downto 0);   -- src toggle seen in dst
begin

  src_side : process (i_src_clk, i_src_rst_n)
  begin
    if i_src_rst_n = '0' then
      req_tgl  <= '0';
      ack_sync <= (others => '0');
    elsif rising_edge(i_src_clk) then
      ack_sync <= ack_sync(0) & req_sync(2);
      if i_pulse = '1' and req_tgl = ack_sync(1) then
        req_tgl <= not req_tgl;
      end if;
    end if;
  end process src_side;

  -- busy while the last toggle has not come back
  o_busy <= req_tgl xor ack_sync(1);

  dst_side : process (i_dst_clk, i_dst_rst_n)
  begin
    if i_dst_rst_n = '0' then
      req_sync <= (others => '0');
      o_pulse  <= '0';
    elsif rising_edge(i_dst_clk) then
      req_sync <= req_sync(1 downto 0) & req_tgl;
      o_pulse  <= req_sync(1) xor req_sync(2);
    end if;
  end process dst_side;

end architecture rtl;
