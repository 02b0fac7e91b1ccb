--! Stream width converter 8 -> 32 bits (little-endian byte packing).
--! Collects four input bytes into one output word; a 'last' byte flushes
--! a partial word with a byte-keep mask.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity width_conv_8to32 is
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;                        --! synchronous, active high
    s_valid    : in  std_logic;
    s_ready    : out std_logic;
    s_data     : in  std_logic_vector(7 downto 0);
    s_last     : in  std_logic;
    m_valid    : out std_logic;
    m_ready    : in  std_logic;
    m_data     : out std_logic_vector(31 downto 0);
    m_keep     : out std_logic_vector(3 downto 0);     --! valid bytes in m_data
    m_last     : out std_logic
  );
end entity width_conv_8to32;

architecture rtl of width_conv_8to32 is
  signal word    : std_logic_vector(31 downto 0);
  signal keep    : std_logic_vector(3 downto 0);
  signal idx     : unsigned(1 downto 0);
  signal full    : std_logic;                          --! output word waiting
  signal last_r  : std_logic;
  signal accept  : std_logic;
begin

  -- input is accepted while no complete word is waiting, or the waiting
  -- word is being taken in this cycle
  s_ready <= (not full) or m_ready;
  accept  <= s_valid and ((not full) or m_ready);

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        idx    <= (others => '0');
        keep   <= (others => '0');
        full   <= '0';
        last_r <= '0';
      else
        if full = '1' and m_ready = '1' then
          full <= '0';
          keep <= (others => '0');
        end if;
        if accept = '1' then
          word(8*to_integer(idx)+7 downto 8*to_integer(idx)) <= s_data;
          keep(to_integer(idx)) <= '1';               -- overrides the clear above
          if idx = 3 or s_last = '1' then
            full   <= '1';
            last_r <= s_last;
            idx    <= (others => '0');
          else
            idx <= idx + 1;
          end if;
        end if;
      end if;
    end if;
  end process;

  m_valid <= full;
  m_data  <= word;
  m_keep  <= keep;
  m_last  <= last_r;

end architecture rtl;
