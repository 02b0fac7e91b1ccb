-- Simple dual-port RAM with independent write and read clocks.
-- Port A writes, port B reads. Typical storage for an async FIFO or a
-- frame buffer crossing clock domains.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity dp_ram_2clk is
  generic (
    AW : positive := 8;
    DW : positive := 8
  );
  port (
    -- write port
    wr_clk  : in  std_logic;
    wr_en   : in  std_logic;
    wr_addr : in  unsigned(AW-1 downto 0);
    wr_data : in  std_logic_vector(DW-1 downto 0);
    -- read port
    rd_clk  : in  std_logic;
    rd_en   : in  std_logic;
    rd_addr : in  unsigned(AW-1 downto 0);
    rd_data : out std_logic_vector(DW-1 downto 0)
  );
end entity dp_ram_2clk;

architecture rtl of dp_ram_2clk is
  type mem_t is array (natural range <>) of std_logic_vector(DW-1 downto 0);
  signal mem : mem_t(0 to 2**AW-1);
begin

  write_port : process (wr_clk)
  begin
    if rising_edge(wr_clk) then
      if wr_en = '1' then
        mem(to_integer(wr_addr)) <= wr_data;
      end if;
    end if;
  end process write_port;

  read_port : process (rd_clk)
  begin
    if rising_edge(rd_clk) then
      if rd_en = '1' then
        rd_data <= mem(to_integer(rd_addr));
      end if;
    end if;
  end process read_port;

end architecture rtl;
