-- AXI-Stream style register slice with a skid register: both the data path and
-- the ready path are registered, and no beat is lost when the sink stalls.
library ieee;
use ieee.std_logic_1164.all;

entity skid_slice is
  generic (
    DATA_W : positive := 32
  );
  port (
    aclk     : in  std_logic;
    aresetn  : in  std_logic;                            -- synchronous reset, active low
    s_valid  : in  std_logic;
    s_ready  : out std_logic;
    s_data   : in  std_logic_vector(DATA_W-1 downto 0);
    m_valid  : out std_logic;
    m_ready  : in  std_logic;
    m_data   : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity skid_slice;

architecture rtl of skid_slice is
  signal out_valid  : std_logic;
  signal out_data   : std_logic_vector(DATA_W-1 downto 0);
  signal skid_valid : std_logic;
  signal skid_data  : std_logic_vector(DATA_W-1 downto 0);
  signal in_ready   : std_logic;
begin

  process (aclk)
  begin
    if rising_edge(aclk) then
      if aresetn = '0' then
        out_valid  <= '0';
        skid_valid <= '0';
        in_ready   <= '0';
      else
        in_ready <= not skid_valid or m_ready;   -- default: ready unless the skid is full
        if out_valid = '0' or m_ready = '1' then
          -- the output register is free (or being emptied): refill it
          if skid_valid = '1' then
            out_valid  <= '1';
            out_data   <= skid_data;
            skid_valid <= '0';
            in_ready   <= '1';
          else
            out_valid <= s_valid and in_ready;
            out_data  <= s_data;
          end if;
        elsif s_valid = '1' and in_ready = '1' then
          -- output stalled while a beat arrives: park it in the skid register
          skid_valid <= '1';
          skid_data  <= s_data;
          in_ready   <= '0';
        end if;
      end if;
    end if;
  end process;

  s_ready <= in_ready;
  m_valid <= out_valid;
  m_data  <= out_data;

end architecture rtl;
