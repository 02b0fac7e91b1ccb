-- Synchronous FIFO with an occupancy count. Pointers one bit wider than the
-- address tell full from empty; the read data is registered.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sync_fifo_cnt is
  generic (
    DW : positive := 8;   -- data width
    AW : positive := 4    -- address width: depth 2**AW
  );
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;                         -- synchronous reset, active high
    wr_en : in  std_logic;
    wdata : in  std_logic_vector(DW-1 downto 0);
    full  : out std_logic;
    rd_en : in  std_logic;
    rdata : out std_logic_vector(DW-1 downto 0);
    empty : out std_logic;
    count : out unsigned(AW downto 0)
  );
end entity sync_fifo_cnt;

architecture rtl of sync_fifo_cnt is
  type mem_t is array (0 to 2**AW - 1) of std_logic_vector(DW-1 downto 0);
  signal mem          : mem_t;
  signal wptr, rptr   : unsigned(AW downto 0);
  signal full_i       : std_logic;
  signal empty_i      : std_logic;
  signal do_wr, do_rd : std_logic;
begin

  full_i  <= '1' when wptr(AW) /= rptr(AW) and wptr(AW-1 downto 0) = rptr(AW-1 downto 0) else '0';
  empty_i <= '1' when wptr = rptr else '0';
  do_wr   <= wr_en and not full_i;
  do_rd   <= rd_en and not empty_i;

  process (clk)
  begin
    if rising_edge(clk) then
      if do_wr = '1' then
        mem(to_integer(wptr(AW-1 downto 0))) <= wdata;
      end if;
      if do_rd = '1' then
        rdata <= mem(to_integer(rptr(AW-1 downto 0)));
      end if;
      if rst = '1' then
        wptr <= (others => '0');
        rptr <= (others => '0');
      else
        if do_wr = '1' then wptr <= wptr + 1; end if;
        if do_rd = '1' then rptr <= rptr + 1; end if;
      end if;
    end if;
  end process;

  full  <= full_i;
  empty <= empty_i;
  count <= wptr - rptr;

end architecture rtl;
