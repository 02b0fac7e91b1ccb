-- Packet framer for a byte stream (valid/ready/last):
--   0x7E | CHANNEL | payload ... | byte count (with m_last)
-- Two-process FSM; the payload passes through combinationally.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity packet_framer is
  generic (
    CHANNEL : natural range 0 to 255 := 1
  );
  port (
    clk     : in  std_logic;
    arst    : in  std_logic;                      -- asynchronous, active high
    s_valid : in  std_logic;
    s_ready : out std_logic;
    s_data  : in  std_logic_vector(7 downto 0);
    s_last  : in  std_logic;
    m_valid : out std_logic;
    m_ready : in  std_logic;
    m_data  : out std_logic_vector(7 downto 0);
    m_last  : out std_logic
  );
end entity packet_framer;

architecture rtl of packet_framer is
  constant FLAG : std_logic_vector(7 downto 0) := x"7E";
  type st_t is (ST_IDLE, ST_HDR, ST_CHAN, ST_DATA, ST_TRAILER);
  signal cur_st, nxt_st        : st_t;
  signal byte_cnt, byte_cnt_nxt : unsigned(7 downto 0);
begin

  seq : process (clk, arst)
  begin
    if arst = '1' then
      cur_st   <= ST_IDLE;
      byte_cnt <= (others => '0');
    elsif rising_edge(clk) then
      cur_st   <= nxt_st;
      byte_cnt <= byte_cnt_nxt;
    end if;
  end process seq;

  comb : process (cur_st, byte_cnt, s_valid, s_data, s_last, m_ready)
  begin
    nxt_st       <= cur_st;
    byte_cnt_nxt <= byte_cnt;
    s_ready      <= '0';
    m_valid      <= '0';
    m_data       <= (others => '0');
    m_last       <= '0';

    case cur_st is
      when ST_IDLE =>
        byte_cnt_nxt <= (others => '0');
        if s_valid = '1' then               -- a packet is waiting
          nxt_st <= ST_HDR;
        end if;
      when ST_HDR =>
        m_valid <= '1';
        m_data  <= FLAG;
        if m_ready = '1' then
          nxt_st <= ST_CHAN;
        end if;
      when ST_CHAN =>
        m_valid <= '1';
        m_data  <= std_logic_vector(to_unsigned(CHANNEL, 8));
        if m_ready = '1' then
          nxt_st <= ST_DATA;
        end if;
      when ST_DATA =>
        m_valid <= s_valid;
        m_data  <= s_data;
        s_ready <= m_ready;
        if s_valid = '1' and m_ready = '1' then
          byte_cnt_nxt <= byte_cnt + 1;
          if s_last = '1' then
            nxt_st <= ST_TRAILER;
          end if;
        end if;
      when ST_TRAILER =>
        m_valid <= '1';
        m_data  <= std_logic_vector(byte_cnt);
        m_last  <= '1';
        if m_ready = '1' then
          nxt_st <= ST_IDLE;
        end if;
    end case;
  end process comb;

end architecture rtl;
