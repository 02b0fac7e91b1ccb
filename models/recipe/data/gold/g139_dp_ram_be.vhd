-- Dual-port RAM, one clock: port A read/write with byte enables,
-- port B read-only. 32-bit words, 4 byte lanes.
-- Used as a CPU data memory (port A) shared with a DMA reader (port B).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity dp_ram_be is
  generic (
    ADDR_BITS : positive := 11           -- 2048 words = 8 KiB
  );
  port (
    clk     : in  std_logic;
    -- port A
    a_en    : in  std_logic;
    a_we    : in  std_logic_vector(3 downto 0);  -- one enable per byte lane
    a_addr  : in  unsigned(ADDR_BITS-1 downto 0);
    a_wdata : in  std_logic_vector(31 downto 0);
    a_rdata : out std_logic_vector(31 downto 0);
    -- port B
    b_en    : in  std_logic;
    b_addr  : in  unsigned(ADDR_BITS-1 downto 0);
    b_rdata : out std_logic_vector(31 downto 0)
  );
end entity dp_ram_be;

architecture rtl of dp_ram_be is
  type word_array is array (0 to 2**ADDR_BITS-1) of std_logic_vector(31 downto 0);
  signal mem : word_array := (others => (others => '0'));
begin

  port_a : process (clk)
  begin
    if rising_edge(clk) then
      if a_en = '1' then
        for lane in 0 to 3 loop
          if a_we(lane) = '1' then
            mem(to_integer(a_addr))(8*lane+7 downto 8*lane) <= a_wdata(8*lane+7 downto 8*lane);
          end if;
        end loop;
        a_rdata <= mem(to_integer(a_addr));     -- old contents (read-first)
      end if;
    end if;
  end process port_a;

  port_b : process (clk)
  begin
    if rising_edge(clk) then
      if b_en = '1' then
        b_rdata <= mem(to_integer(b_addr));
      end if;
    end if;
  end process port_b;

end architecture rtl;
