-- Two-input stream arbiter/mux for packets: a packet, once started on one
-- input, is passed to the output until its last beat; between packets the
-- inputs take turns (round robin).
library ieee;
use ieee.std_logic_1164.all;

entity stream_mux2 is
  generic (
    DW : positive := 32
  );
  port (
    clk      : in  std_logic;
    resetn   : in  std_logic;                          -- synchronous reset, active low
    s0_valid : in  std_logic;
    s0_ready : out std_logic;
    s0_data  : in  std_logic_vector(DW-1 downto 0);
    s0_last  : in  std_logic;
    s1_valid : in  std_logic;
    s1_ready : out std_logic;
    s1_data  : in  std_logic_vector(DW-1 downto 0);
    s1_last  : in  std_logic;
    m_valid  : out std_logic;
    m_ready  : in  std_logic;
    m_data   : out std_logic_vector(DW-1 downto 0);
    m_last   : out std_logic
  );
end entity stream_mux2;

architecture rtl of stream_mux2 is
  signal locked : std_logic;   -- a packet is in progress
  signal sel    : std_logic;   -- input passed to the output: '0' = s0, '1' = s1
  signal pick   : std_logic;   -- input chosen for the next packet
begin

  -- Between packets: the other input if it has a packet, else the one that has.
  pick <= not sel when (sel = '0' and s1_valid = '1') or (sel = '1' and s0_valid = '1') else sel;

  arb : process (clk)
  begin
    if rising_edge(clk) then
      if resetn = '0' then
        locked <= '0';
        sel    <= '1';               -- so that s0 is offered first
      elsif locked = '0' then
        if s0_valid = '1' or s1_valid = '1' then
          sel    <= pick;
          locked <= '1';
        end if;
      elsif m_ready = '1' and ((sel = '0' and s0_valid = '1' and s0_last = '1') or
                               (sel = '1' and s1_valid = '1' and s1_last = '1')) then
        locked <= '0';               -- the last beat is leaving
      end if;
    end if;
  end process arb;

  m_valid  <= locked and s0_valid when sel = '0' else locked and s1_valid;
  m_data   <= s0_data when sel = '0' else s1_data;
  m_last   <= s0_last when sel = '0' else s1_last;
  s0_ready <= locked and m_ready when sel = '0' else '0';
  s1_ready <= locked and m_ready when sel = '1' else '0';

end architecture rtl;
