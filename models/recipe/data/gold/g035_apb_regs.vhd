--! @brief APB3 register bank: 8 x 32-bit registers, the top two read-only.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity apb_regs is
  generic (
    N_REGS : positive := 8
  );
  port (
    pclk     : in  std_logic;
    presetn  : in  std_logic;
    psel     : in  std_logic;
    penable  : in  std_logic;
    pwrite   : in  std_logic;
    paddr    : in  std_logic_vector(11 downto 0);
    pwdata   : in  std_logic_vector(31 downto 0);
    prdata   : out std_logic_vector(31 downto 0);
    pready   : out std_logic;
    pslverr  : out std_logic;
    -- user side
    ro_regs  : in  std_logic_vector(63 downto 0);   --! regs 6 and 7
    rw_regs  : out std_logic_vector(6*32-1 downto 0)  --! regs 0..5
  );
end entity apb_regs;

architecture rtl of apb_regs is
  type reg_file_t is array (0 to N_REGS-1) of std_logic_vector(31 downto 0);
  signal regs  : reg_file_t;
  signal index : natural range 0 to 1023;
  signal valid_addr : std_logic;
begin

  index      <= to_integer(unsigned(paddr(11 downto 2)));
  valid_addr <= '1' when index < N_REGS else '0';

  --! Writes complete in the ACCESS phase (psel and penable high).
  process (pclk, presetn)
  begin
    if presetn = '0' then
      regs <= (others => (others => '0'));
    elsif rising_edge(pclk) then
      if psel = '1' and penable = '1' and pwrite = '1' and index < 6 then
        regs(index) <= pwdata;
      end if;
      regs(6) <= ro_regs(31 downto 0);
      regs(7) <= ro_regs(63 downto 32);
    end if;
  end process;

  --! Read mux is combinational; APB samples prdata at the end of ACCESS.
  prdata <= regs(index) when valid_addr = '1' and psel = '1' and pwrite = '0'
            else (others => '0');

  pready  <= '1';                                             --! no wait states
  pslverr <= psel and penable and not valid_addr;

  gen_out : for i in 0 to 5 generate
    rw_regs(32*i+31 downto 32*i) <= regs(i);
  end generate gen_out;

end architecture rtl;
