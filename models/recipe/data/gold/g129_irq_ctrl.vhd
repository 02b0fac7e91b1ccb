--! @brief Interrupt controller: 16 level/edge sources, mask, pending and
--! priority encoding, with a register interface. VHDL-2008 style.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity irq_ctrl is
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;                       --! synchronous, active high
    irq_src    : in  std_logic_vector(15 downto 0);   --! synchronous interrupt sources
    edge_mode  : in  std_logic_vector(15 downto 0);   --! '1': rising edge, '0': level
    -- register access
    wr_mask    : in  std_logic;
    wr_ack     : in  std_logic;
    wdata      : in  std_logic_vector(15 downto 0);
    mask       : out std_logic_vector(15 downto 0);   --! '1' enables a source
    pending    : out std_logic_vector(15 downto 0);
    -- to the CPU
    irq        : out std_logic;
    irq_id     : out unsigned(3 downto 0)             --! lowest pending, enabled source
  );
end entity irq_ctrl;

architecture rtl of irq_ctrl is
  signal src_d   : std_logic_vector(15 downto 0);
  signal mask_r  : std_logic_vector(15 downto 0);
  signal pend_r  : std_logic_vector(15 downto 0);
  signal active  : std_logic_vector(15 downto 0);
begin

  regs : process (clk)
    variable hit : std_logic_vector(15 downto 0);
  begin
    if rising_edge(clk) then
      src_d <= irq_src;
      if rst then
        mask_r <= (others => '0');
        pend_r <= (others => '0');
      else
        -- edge sources set pending on a rising edge, level sources on every
        -- cycle they are high
        for i in 0 to 15 loop
          hit(i) := irq_src(i) and not src_d(i) when edge_mode(i) else irq_src(i);
        end loop;
        if wr_ack then
          pend_r <= (pend_r and not wdata) or hit;    -- write 1 to clear
        else
          pend_r <= pend_r or hit;
        end if;
        if wr_mask then
          mask_r <= wdata;
        end if;
      end if;
    end if;
  end process regs;

  active <= pend_r and mask_r;

  prio : process (all)
  begin
    irq_id <= (others => '0');
    for i in 15 downto 0 loop          -- downwards: lowest index wins
      if active(i) then
        irq_id <= to_unsigned(i, 4);
      end if;
    end loop;
  end process prio;

  irq     <= or active;
  mask    <= mask_r;
  pending <= pend_r;

end architecture rtl;
