--! @brief Wishbone B4 pipelined-mode register file (16 x 32 bit).
--! Accepts one request per clock (stall tied low), acknowledges each one
--! a clock later, in order. Byte selects are honoured on writes.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity wbp_regfile is
  generic (
    ADDR_BITS : positive := 4
  );
  port (
    clk       : in  std_logic;
    reset     : in  std_logic;                          --! synchronous, active high
    wbs_cyc   : in  std_logic;
    wbs_stb   : in  std_logic;
    wbs_we    : in  std_logic;
    wbs_adr   : in  std_logic_vector(ADDR_BITS+1 downto 2);
    wbs_sel   : in  std_logic_vector(3 downto 0);
    wbs_dat_w : in  std_logic_vector(31 downto 0);
    wbs_dat_r : out std_logic_vector(31 downto 0);
    wbs_ack   : out std_logic;
    wbs_stall : out std_logic
  );
end entity wbp_regfile;

architecture rtl of wbp_regfile is
  type regfile_t is array (0 to 2**ADDR_BITS-1) of std_logic_vector(31 downto 0);
  signal regfile : regfile_t;
  signal idx     : natural range 0 to 2**ADDR_BITS-1;
begin

  idx       <= to_integer(unsigned(wbs_adr));
  wbs_stall <= '0';

  --! Register file: no reset, so it can map to distributed RAM.
  mem_p : process (clk)
  begin
    if rising_edge(clk) then
      if wbs_cyc = '1' and wbs_stb = '1' and wbs_we = '1' then
        for b in 0 to 3 loop
          if wbs_sel(b) = '1' then
            regfile(idx)(8*b+7 downto 8*b) <= wbs_dat_w(8*b+7 downto 8*b);
          end if;
        end loop;
      end if;
      wbs_dat_r <= regfile(idx);          --! read-before-write on the same address
    end if;
  end process mem_p;

  --! Acknowledge pipeline.
  ack_p : process (clk)
  begin
    if rising_edge(clk) then
      if reset = '1' or wbs_cyc = '0' then
        wbs_ack <= '0';
      else
        wbs_ack <= wbs_stb;
      end if;
    end if;
  end process ack_p;

end architecture rtl;
