-- Single-port synchronous RAM, read-first (old data on a write).
-- Infers block RAM on the usual FPGA tools.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sp_ram_rf is
  generic (
    ADDR_W : positive := 10;
    DATA_W : positive := 32
  );
  port (
    clk  : in  std_logic;
    en   : in  std_logic;
    we   : in  std_logic;
    addr : in  std_logic_vector(ADDR_W-1 downto 0);
    din  : in  std_logic_vector(DATA_W-1 downto 0);
    dout : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity sp_ram_rf;

architecture rtl of sp_ram_rf is
  type ram_t is array (0 to 2**ADDR_W-1) of std_logic_vector(DATA_W-1 downto 0);
  signal ram : ram_t;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if en = '1' then
        -- the read uses the value before this edge's write: read-first
        dout <= ram(to_integer(unsigned(addr)));
        if we = '1' then
          ram(to_integer(unsigned(addr))) <= din;
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
