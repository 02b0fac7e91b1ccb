--! Skid buffer: fully registered valid/ready slice.
--! Both the forward (valid/data) and the backward (ready) paths are registered.
--! A second "skid" register catches the word that arrives in the cycle
--! after downstream stalls.
library ieee;
use ieee.std_logic_1164.all;

entity skid_buffer is
  generic (
    WIDTH : positive := 64
  );
  port (
    aclk          : in  std_logic;
    aresetn       : in  std_logic;   --! synchronous, active low (AXI convention)
    s_axis_tvalid : in  std_logic;
    s_axis_tready : out std_logic;
    s_axis_tdata  : in  std_logic_vector(WIDTH-1 downto 0);
    m_axis_tvalid : out std_logic;
    m_axis_tready : in  std_logic;
    m_axis_tdata  : out std_logic_vector(WIDTH-1 downto 0)
  );
end entity skid_buffer;

architecture rtl of skid_buffer is
  signal out_valid  : std_logic;
  signal out_data   : std_logic_vector(WIDTH-1 downto 0);
  signal skid_valid : std_logic;
  signal skid_data  : std_logic_vector(WIDTH-1 downto 0);
  signal in_ready   : std_logic;
begin

  process (aclk)
    variable skid_nxt : std_logic;
  begin
    if rising_edge(aclk) then
      if aresetn = '0' then
        out_valid  <= '0';
        skid_valid <= '0';
        in_ready   <= '0';
      else
        skid_nxt := skid_valid;

        if out_valid = '0' or m_axis_tready = '1' then
          -- output register free or draining: refill it
          if skid_valid = '1' then
            out_valid <= '1';
            out_data  <= skid_data;
            skid_nxt  := '0';
          else
            out_valid <= s_axis_tvalid and in_ready;
            out_data  <= s_axis_tdata;
          end if;
        elsif s_axis_tvalid = '1' and in_ready = '1' then
          -- downstream stalled while a word was accepted: park it
          skid_nxt  := '1';
          skid_data <= s_axis_tdata;
        end if;

        skid_valid <= skid_nxt;
        -- registered ready: accept input only while the skid register is empty
        in_ready   <= not skid_nxt;
      end if;
    end if;
  end process;

  s_axis_tready <= in_ready;
  m_axis_tvalid <= out_valid;
  m_axis_tdata  <= out_data;

end architecture rtl;
