--! @brief Four-phase req/ack handshake that carries a data word from the
--! source clock domain to the destination clock domain.
library ieee;
use ieee.std_logic_1164.all;

entity handshake_sync is
  generic (
    WIDTH : positive := 32
  );
  port (
    -- source domain
    src_clk   : in  std_logic;
    src_rst   : in  std_logic;                          --! sync reset, active high
    src_valid : in  std_logic;                          --! request to send src_data
    src_data  : in  std_logic_vector(WIDTH-1 downto 0);
    src_ready : out std_logic;                          --! can accept a new word
    -- destination domain
    dst_clk   : in  std_logic;
    dst_rst   : in  std_logic;                          --! sync reset, active high
    dst_valid : out std_logic;                          --! one-cycle strobe
    dst_data  : out std_logic_vector(WIDTH-1 downto 0)
  );
end entity handshake_sync;

architecture rtl of handshake_sync is
  signal req, ack            : std_logic := '0';
  signal data_hold           : std_logic_vector(WIDTH-1 downto 0);
  signal ack_s1, ack_s2      : std_logic := '0';  -- ack into source domain
  signal req_s1, req_s2      : std_logic := '0';  -- req into destination domain
begin

  src_p : process (src_clk)
  begin
    if rising_edge(src_clk) then
      ack_s1 <= ack;
      ack_s2 <= ack_s1;
      if src_rst = '1' then
        req <= '0';
      elsif req = '0' and ack_s2 = '0' and src_valid = '1' then
        data_hold <= src_data;        -- held stable while req is high
        req       <= '1';
      elsif req = '1' and ack_s2 = '1' then
        req <= '0';
      end if;
    end if;
  end process src_p;

  src_ready <= not req and not ack_s2;

  dst_p : process (dst_clk)
  begin
    if rising_edge(dst_clk) then
      req_s1    <= req;
      req_s2    <= req_s1;
      dst_valid <= '0';
      if dst_rst = '1' then
        ack <= '0';
      elsif req_s2 = '1' and ack = '0' then
        dst_data  <= data_hold;       -- stable: req has passed the synchroniser
        dst_valid <= '1';
        ack       <= '1';
      elsif req_s2 = '0' then
        ack <= '0';
      end if;
    end if;
  end process dst_p;

end architecture rtl;
