-- Simple dual-port RAM with separate write and read clocks (one write port,
-- one registered read port), written so that FPGA tools infer a block RAM.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sdp_ram is
  generic (
    DATA_W : positive := 16;
    ADDR_W : positive := 9
  );
  port (
    wclk  : in  std_logic;
    we    : in  std_logic;
    waddr : in  std_logic_vector(ADDR_W-1 downto 0);
    wdata : in  std_logic_vector(DATA_W-1 downto 0);
    rclk  : in  std_logic;
    re    : in  std_logic;
    raddr : in  std_logic_vector(ADDR_W-1 downto 0);
    rdata : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity sdp_ram;

architecture rtl of sdp_ram is
  type ram_t is array (0 to 2**ADDR_W - 1) of std_logic_vector(DATA_W-1 downto 0);
  signal ram : ram_t;
begin

  write_port : process (wclk)
  begin
    if rising_edge(wclk) then
      if we = '1' then
        ram(to_integer(unsigned(waddr))) <= wdata;
      end if;
    end if;
  end process write_port;

  read_port : process (rclk)
  begin
    if rising_edge(rclk) then
      if re = '1' then
        rdata <= ram(to_integer(unsigned(raddr)));
      end if;
    end if;
  end process read_port;

end architecture rtl;
