--! Bank of level synchronisers: brings WIDTH independent single-bit levels
--! (switches, status lines from another clock domain) into the clk domain.
library ieee;
use ieee.std_logic_1164.all;

entity sync_bank is
  generic (
    WIDTH  : positive := 8;
    STAGES : positive := 2   --! flip-flops per bit, at least 2
  );
  port (
    clk      : in  std_logic;
    async_in : in  std_logic_vector(WIDTH-1 downto 0);
    sync_out : out std_logic_vector(WIDTH-1 downto 0)
  );
end entity sync_bank;

architecture rtl of sync_bank is
  type chain_t is array (0 to STAGES-1) of std_logic_vector(WIDTH-1 downto 0);
  signal chain : chain_t := (others => (others => '0'));
  attribute ASYNC_REG : string;
  attribute ASYNC_REG of chain : signal is "TRUE";
begin

  assert STAGES >= 2 report "sync_bank: STAGES must be at least 2" severity failure;

  shift : process (clk)
  begin
    if rising_edge(clk) then
      chain(0) <= async_in;
      for i in 1 to STAGES-1 loop
        chain(i) <= chain(i-1);
      end loop;
    end if;
  end process shift;

  sync_out <= chain(STAGES-1);

end architecture rtl;
