--! Single-port RAM, write-first mode: a write is visible on the output
--! in the same cycle it is performed.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sp_ram_wf is
  generic (
    G_DEPTH : positive := 512;
    G_WIDTH : positive := 16
  );
  port (
    i_clk  : in  std_logic;
    i_we   : in  std_logic;
    i_addr : in  natural range 0 to G_DEPTH-1;
    i_data : in  std_logic_vector(G_WIDTH-1 downto 0);
    o_data : out std_logic_vector(G_WIDTH-1 downto 0)
  );
end entity sp_ram_wf;

architecture rtl of sp_ram_wf is
  type t_mem is array (0 to G_DEPTH-1) of std_logic_vector(G_WIDTH-1 downto 0);
  signal mem : t_mem := (others => (others => '0'));
begin

  p_ram : process (i_clk)
  begin
    if rising_edge(i_clk) then
      if i_we = '1' then
        mem(i_addr) <= i_data;
        o_data      <= i_data;       -- write-first: forward the new data
      else
        o_data      <= mem(i_addr);
      end if;
    end if;
  end process p_ram;

end architecture rtl;
