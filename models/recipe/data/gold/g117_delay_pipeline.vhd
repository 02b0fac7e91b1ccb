-- delay_pipeline: a configurable-depth valid/data delay line built from an
-- array of register slices (for-generate, direct entity instantiation).
-- Used to balance latency between parallel datapaths.
library ieee;
use ieee.std_logic_1164.all;

entity reg_slice is
  generic (
    W : positive := 8
  );
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;
    en     : in  std_logic;
    vld_in : in  std_logic;
    d_in   : in  std_logic_vector(W-1 downto 0);
    vld_out: out std_logic;
    d_out  : out std_logic_vector(W-1 downto 0)
  );
end entity reg_slice;

architecture rtl of reg_slice is
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        vld_out <= '0';
      elsif en = '1' then
        vld_out <= vld_in;
      end if;
      if en = '1' then
        d_out <= d_in;
      end if;
    end if;
  end process;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;

entity delay_pipeline is
  generic (
    DEPTH : natural  := 4;
    W     : positive := 8
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;   -- synchronous, active high
    en       : in  std_logic;   -- advance the whole pipeline
    in_vld   : in  std_logic;
    in_data  : in  std_logic_vector(W-1 downto 0);
    out_vld  : out std_logic;
    out_data : out std_logic_vector(W-1 downto 0)
  );
end entity delay_pipeline;

architecture structural of delay_pipeline is
  type data_chain_t is array (0 to DEPTH) of std_logic_vector(W-1 downto 0);
  signal data_chain : data_chain_t;
  signal vld_chain  : std_logic_vector(0 to DEPTH);
begin

  data_chain(0) <= in_data;
  vld_chain(0)  <= in_vld;

  g_stages : for i in 0 to DEPTH-1 generate
    u_slice : entity work.reg_slice
      generic map (W => W)
      port map (
        clk     => clk,
        rst     => rst,
        en      => en,
        vld_in  => vld_chain(i),
        d_in    => data_chain(i),
        vld_out => vld_chain(i+1),
        d_out   => data_chain(i+1)
      );
  end generate g_stages;

  out_data <= data_chain(DEPTH);
  out_vld  <= vld_chain(DEPTH);

end architecture structural;
