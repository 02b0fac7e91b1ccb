--! @brief Synchronous FIFO with almost-full / almost-empty thresholds.
--! Inferred block RAM with registered read data (one-cycle read latency).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sync_fifo is
  generic (
    DATA_W       : positive := 16;
    ADDR_W       : positive := 6;          --! depth = 2**ADDR_W
    AFULL_LEVEL  : natural  := 56;         --! almost_full when count >= this
    AEMPTY_LEVEL : natural  := 4           --! almost_empty when count <= this
  );
  port (
    clk          : in  std_logic;
    rst          : in  std_logic;
    wr_en        : in  std_logic;
    wr_data      : in  std_logic_vector(DATA_W-1 downto 0);
    rd_en        : in  std_logic;
    rd_data      : out std_logic_vector(DATA_W-1 downto 0);
    full         : out std_logic;
    empty        : out std_logic;
    almost_full  : out std_logic;
    almost_empty : out std_logic;
    count        : out unsigned(ADDR_W downto 0)
  );
end entity sync_fifo;

architecture rtl of sync_fifo is
  constant DEPTH : positive := 2**ADDR_W;
  type mem_t is array (0 to DEPTH-1) of std_logic_vector(DATA_W-1 downto 0);
  signal mem    : mem_t;
  signal wr_ptr : unsigned(ADDR_W-1 downto 0);
  signal rd_ptr : unsigned(ADDR_W-1 downto 0);
  signal level  : unsigned(ADDR_W downto 0);
  signal do_wr, do_rd : std_logic;
begin

  do_wr <= wr_en and not full;
  do_rd <= rd_en and not empty;

  --! Memory: write port and registered read port, no reset.
  ram_p : process (clk)
  begin
    if rising_edge(clk) then
      if do_wr = '1' then
        mem(to_integer(wr_ptr)) <= wr_data;
      end if;
      if do_rd = '1' then
        rd_data <= mem(to_integer(rd_ptr));
      end if;
    end if;
  end process ram_p;

  --! Pointers and fill level.
  ctrl_p : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        wr_ptr <= (others => '0');
        rd_ptr <= (others => '0');
        level  <= (others => '0');
      else
        if do_wr = '1' then
          wr_ptr <= wr_ptr + 1;
        end if;
        if do_rd = '1' then
          rd_ptr <= rd_ptr + 1;
        end if;
        if do_wr = '1' and do_rd = '0' then
          level <= level + 1;
        elsif do_wr = '0' and do_rd = '1' then
          level <= level - 1;
        end if;
      end if;
    end if;
  end process ctrl_p;

  full         <= '1' when level = DEPTH else '0';
  empty        <= '1' when level = 0 else '0';
  almost_full  <= '1' when level >= AFULL_LEVEL else '0';
  almost_empty <= '1' when level <= AEMPTY_LEVEL else '0';
  count        <= level;

end architecture rtl;
