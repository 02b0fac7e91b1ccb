-- Two-input packet stream multiplexer with round-robin arbitration.
-- Once an input wins, it owns the output until the beat with tlast.
library ieee;
use ieee.std_logic_1164.all;

entity stream_arb_mux is
  generic (
    DATA_WIDTH : positive := 32
  );
  port (
    clk        : in  std_logic;
    rst_n      : in  std_logic;   -- asynchronous, active low
    -- input 0
    s0_tvalid  : in  std_logic;
    s0_tready  : out std_logic;
    s0_tdata   : in  std_logic_vector(DATA_WIDTH-1 downto 0);
    s0_tlast   : in  std_logic;
    -- input 1
    s1_tvalid  : in  std_logic;
    s1_tready  : out std_logic;
    s1_tdata   : in  std_logic_vector(DATA_WIDTH-1 downto 0);
    s1_tlast   : in  std_logic;
    -- output
    m_tvalid   : out std_logic;
    m_tready   : in  std_logic;
    m_tdata    : out std_logic_vector(DATA_WIDTH-1 downto 0);
    m_tlast    : out std_logic;
    m_tid      : out std_logic        -- which input the beat came from
  );
end entity stream_arb_mux;

architecture rtl of stream_arb_mux is
  signal locked   : std_logic;        -- a packet is in progress
  signal owner    : std_logic;        -- input that owns the output
  signal last_win : std_logic;        -- input that won the last arbitration
  signal sel      : std_logic;        -- input selected this cycle
begin

  -- selection: the owner while locked, otherwise round-robin between requests
  sel <= owner           when locked = '1' else
         '1'             when s1_tvalid = '1' and (s0_tvalid = '0' or last_win = '0') else
         '0';

  m_tvalid  <= s1_tvalid when sel = '1' else s0_tvalid;
  m_tdata   <= s1_tdata  when sel = '1' else s0_tdata;
  m_tlast   <= s1_tlast  when sel = '1' else s0_tlast;
  m_tid     <= sel;
  s0_tready <= m_tready when sel = '0' else '0';
  s1_tready <= m_tready when sel = '1' else '0';

  process (clk, rst_n)
    variable v_valid, v_last : std_logic;
  begin
    if rst_n = '0' then
      locked   <= '0';
      owner    <= '0';
      last_win <= '1';                -- input 0 goes first after reset
    elsif rising_edge(clk) then
      if sel = '1' then
        v_valid := s1_tvalid;
        v_last  := s1_tlast;
      else
        v_valid := s0_tvalid;
        v_last  := s0_tlast;
      end if;
      if v_valid = '1' and m_tready = '1' then
        if locked = '0' then
          last_win <= sel;
        end if;
        if v_last = '1' then
          locked <= '0';
        else
          locked <= '1';
          owner  <= sel;
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
