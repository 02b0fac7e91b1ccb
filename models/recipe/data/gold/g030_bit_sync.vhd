--! Multi-stage synchroniser for single-bit (or independent multi-bit)
--! level signals crossing into the destination clock domain.
library ieee;
use ieee.std_logic_1164.all;

entity bit_sync is
  generic (
    G_STAGES : positive range 2 to 5 := 2;  --! number of flip-flop stages
    G_WIDTH  : positive := 1;               --! number of independent bits
    G_INIT   : std_logic := '0'             --! reset / initial level
  );
  port (
    dst_clk  : in  std_logic;                             --! destination clock
    dst_rst  : in  std_logic;                             --! async reset, active high
    async_in : in  std_logic_vector(G_WIDTH-1 downto 0);  --! signal from another domain
    sync_out : out std_logic_vector(G_WIDTH-1 downto 0)   --! synchronised signal
  );
end entity bit_sync;

architecture rtl of bit_sync is
  type stage_array is array (0 to G_STAGES-1) of std_logic_vector(G_WIDTH-1 downto 0);
  signal stages : stage_array := (others => (others => G_INIT));

  -- Tool hint: keep the chain together and away from other logic.
  attribute ASYNC_REG : string;
  attribute ASYNC_REG of stages : signal is "TRUE";
begin

  sync_p : process (dst_clk, dst_rst)
  begin
    if dst_rst = '1' then
      stages <= (others => (others => G_INIT));
    elsif rising_edge(dst_clk) then
      stages(0) <= async_in;
      for i in 1 to G_STAGES-1 loop
        stages(i) <= stages(i-1);
      end loop;
    end if;
  end process sync_p;

  sync_out <= stages(G_STAGES-1);

end architecture rtl;
