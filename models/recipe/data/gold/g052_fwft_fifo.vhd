-- First-word-fall-through synchronous FIFO with valid/ready interfaces
-- (AXI-Stream style) and an almost-full flag for upstream back-pressure.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity fwft_fifo is
  generic (
    WIDTH     : natural := 32;
    LOG2_DEPTH: natural := 4;
    AFULL_MARGIN : natural := 2     -- almost_full when free slots <= margin
  );
  port (
    aclk     : in  std_logic;
    aresetn  : in  std_logic;
    s_valid  : in  std_logic;
    s_ready  : out std_logic;
    s_data   : in  std_logic_vector(WIDTH-1 downto 0);
    m_valid  : out std_logic;
    m_ready  : in  std_logic;
    m_data   : out std_logic_vector(WIDTH-1 downto 0);
    almost_full : out std_logic
  );
end entity fwft_fifo;

architecture rtl of fwft_fifo is
  constant DEPTH : natural := 2**LOG2_DEPTH;
  type store_t is array (0 to DEPTH-1) of std_logic_vector(WIDTH-1 downto 0);
  signal store : store_t;
  signal head, tail : unsigned(LOG2_DEPTH downto 0);   -- extra bit for full/empty
  signal used  : unsigned(LOG2_DEPTH downto 0);
  signal push, pop, full_i, empty_i : std_logic;
begin

  used    <= head - tail;
  full_i  <= '1' when used = DEPTH else '0';
  empty_i <= '1' when used = 0 else '0';
  push    <= s_valid and not full_i;
  pop     <= m_ready and not empty_i;

  process (aclk)
  begin
    if rising_edge(aclk) then
      if push = '1' then
        store(to_integer(head(LOG2_DEPTH-1 downto 0))) <= s_data;
      end if;
      if aresetn = '0' then
        head <= (others => '0');
        tail <= (others => '0');
      else
        if push = '1' then head <= head + 1; end if;
        if pop  = '1' then tail <= tail + 1; end if;
      end if;
    end if;
  end process;

  -- The head of the queue is always visible: first word falls through.
  m_data  <= store(to_integer(tail(LOG2_DEPTH-1 downto 0)));
  m_valid <= not empty_i;
  s_ready <= not full_i;
  almost_full <= '1' when DEPTH - used <= AFULL_MARGIN else '0';

end architecture rtl;
