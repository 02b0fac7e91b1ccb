--! @brief Multi-bit CDC using the "MUX synchroniser" (enable synchroniser)
--! scheme: the data bus is held stable while a load flag is synchronised,
--! then captured in the destination domain.
library ieee;
use ieee.std_logic_1164.all;

entity mux_sync is
  generic (
    G_DATA_W : positive := 12
  );
  port (
    -- source domain
    clk_src   : in  std_logic;
    rst_src   : in  std_logic;                               --! async, active high
    load_src  : in  std_logic;                               --! capture data_src
    data_src  : in  std_logic_vector(G_DATA_W-1 downto 0);
    -- destination domain
    clk_dst   : in  std_logic;
    rst_dst   : in  std_logic;                               --! async, active high
    data_dst  : out std_logic_vector(G_DATA_W-1 downto 0);
    update_dst: out std_logic                                --! one-cycle strobe
  );
end entity mux_sync;

architecture rtl of mux_sync is
  signal hold_reg : std_logic_vector(G_DATA_W-1 downto 0);
  signal flag_src : std_logic;
  signal flag_sync : std_logic_vector(2 downto 0);
  signal dst_reg  : std_logic_vector(G_DATA_W-1 downto 0);
begin

  --! Source: register data and flip the flag in the same clock.
  src_proc : process (clk_src, rst_src)
  begin
    if rst_src = '1' then
      hold_reg <= (others => '0');
      flag_src <= '0';
    elsif rising_edge(clk_src) then
      if load_src = '1' then
        hold_reg <= data_src;
        flag_src <= not flag_src;
      end if;
    end if;
  end process src_proc;

  --! Destination: synchronise the flag; its change enables the capture mux.
  dst_proc : process (clk_dst, rst_dst)
  begin
    if rst_dst = '1' then
      flag_sync  <= (others => '0');
      dst_reg    <= (others => '0');
      update_dst <= '0';
    elsif rising_edge(clk_dst) then
      flag_sync  <= flag_sync(1 downto 0) & flag_src;
      update_dst <= '0';
      if flag_sync(2) /= flag_sync(1) then
        dst_reg    <= hold_reg;                 -- quasi-static by now
        update_dst <= '1';
      end if;
    end if;
  end process dst_proc;

  data_dst <= dst_reg;

end architecture rtl;
