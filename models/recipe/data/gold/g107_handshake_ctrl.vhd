-- Four-phase (return-to-zero) req/ack handshake initiator.
-- The acknowledge comes from another clock domain and is synchronised here.
library ieee;
use ieee.std_logic_1164.all;

entity handshake_ctrl is
  port (
    clk     : in  std_logic;
    rst     : in  std_logic;      -- asynchronous, active high
    start   : in  std_logic;      -- request a transfer (level, sampled in IDLE)
    ack_in  : in  std_logic;      -- from the remote domain
    req_out : out std_logic;      -- to the remote domain
    busy    : out std_logic;
    done    : out std_logic       -- one-cycle pulse when the handshake completes
  );
end entity handshake_ctrl;

architecture rtl of handshake_ctrl is
  type hs_state_t is (IDLE, REQ_HIGH, REQ_LOW);
  signal hs_state : hs_state_t;
  signal ack_meta : std_logic;
  signal ack_sync : std_logic;
begin

  -- two-flop synchroniser for the asynchronous acknowledge
  sync_ack : process (clk, rst)
  begin
    if rst = '1' then
      ack_meta <= '0';
      ack_sync <= '0';
    elsif rising_edge(clk) then
      ack_meta <= ack_in;
      ack_sync <= ack_meta;
    end if;
  end process sync_ack;

  fsm : process (clk, rst)
  begin
    if rst = '1' then
      hs_state <= IDLE;
      req_out  <= '0';
      done     <= '0';
    elsif rising_edge(clk) then
      done <= '0';
      case hs_state is
        when IDLE =>
          -- a previous ack must have returned to zero first
          if start = '1' and ack_sync = '0' then
            req_out  <= '1';
            hs_state <= REQ_HIGH;
          end if;
        when REQ_HIGH =>
          if ack_sync = '1' then
            req_out  <= '0';
            hs_state <= REQ_LOW;
          end if;
        when REQ_LOW =>
          if ack_sync = '0' then
            done     <= '1';
            hs_state <= IDLE;
          end if;
      end case;
    end if;
  end process fsm;

  busy <= '0' when hs_state = IDLE else '1';

end architecture rtl;
