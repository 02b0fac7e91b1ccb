-- Receiving side of a four-phase req/ack clock-domain crossing.
-- The sender holds src_data stable while src_req is high; the receiver
-- synchronises req, captures the data, and answers with ack.
library ieee;
use ieee.std_logic_1164.all;

entity hs_receiver is
  generic (
    DW : positive := 32
  );
  port (
    dst_clk   : in  std_logic;
    dst_rst_n : in  std_logic;                       -- synchronous, active low
    src_req   : in  std_logic;                       -- from the source domain
    src_data  : in  std_logic_vector(DW-1 downto 0); -- stable while src_req = '1'
    dst_ack   : out std_logic;                       -- back to the source domain
    dst_data  : out std_logic_vector(DW-1 downto 0);
    dst_valid : out std_logic                        -- one-cycle pulse per word
  );
end hs_receiver;

architecture rtl of hs_receiver is
  signal req_s1, req_s2 : std_logic;
  signal ack_r          : std_logic;
  type rx_state is (RX_IDLE, RX_ACK);
  signal st : rx_state;
begin

  process (dst_clk)
  begin
    if dst_clk'event and dst_clk = '1' then
      -- synchroniser, no reset needed
      req_s1 <= src_req;
      req_s2 <= req_s1;

      dst_valid <= '0';
      if dst_rst_n = '0' then
        st    <= RX_IDLE;
        ack_r <= '0';
      else
        case st is
          when RX_IDLE =>
            if req_s2 = '1' then
              dst_data  <= src_data;   -- stable: req was seen through 2 flops
              dst_valid <= '1';
              ack_r     <= '1';
              st        <= RX_ACK;
            end if;
          when RX_ACK =>
            if req_s2 = '0' then
              ack_r <= '0';
              st    <= RX_IDLE;
            end if;
        end case;
      end if;
    end if;
  end process;

  dst_ack <= ack_r;

end rtl;
