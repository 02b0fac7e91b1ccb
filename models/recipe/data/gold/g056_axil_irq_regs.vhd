--! @brief AXI4-Lite slave with interrupt controller registers.
--!   0x0 IRQ_STATUS (W1C)  0x4 IRQ_ENABLE (RW)  0x8 IRQ_PENDING (RO)  0xC SW_TRIGGER (WO)
--! Write address and write data may arrive in any order.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity axil_irq_regs is
  generic (
    N_IRQ : positive range 1 to 32 := 16
  );
  port (
    aclk    : in  std_logic;
    aresetn : in  std_logic;
    awaddr  : in  std_logic_vector(3 downto 0);
    awvalid : in  std_logic;
    awready : out std_logic;
    wdata   : in  std_logic_vector(31 downto 0);
    wvalid  : in  std_logic;
    wready  : out std_logic;
    bvalid  : out std_logic;
    bready  : in  std_logic;
    bresp   : out std_logic_vector(1 downto 0);
    araddr  : in  std_logic_vector(3 downto 0);
    arvalid : in  std_logic;
    arready : out std_logic;
    rdata   : out std_logic_vector(31 downto 0);
    rvalid  : out std_logic;
    rready  : in  std_logic;
    rresp   : out std_logic_vector(1 downto 0);
    irq_in  : in  std_logic_vector(N_IRQ-1 downto 0);   --! level-sensitive sources, synchronous
    irq_out : out std_logic
  );
end entity axil_irq_regs;

architecture rtl of axil_irq_regs is
  signal status, enable : std_logic_vector(N_IRQ-1 downto 0);
  signal aw_hold, w_hold : std_logic;                     -- channel captured
  signal aw_addr_q : std_logic_vector(3 downto 2);
  signal w_data_q  : std_logic_vector(31 downto 0);
  signal bvalid_q, rvalid_q : std_logic;
  signal rdata_q   : std_logic_vector(31 downto 0);
  signal do_write  : std_logic;
begin

  awready  <= not aw_hold;
  wready   <= not w_hold;
  do_write <= aw_hold and w_hold and not bvalid_q;

  process (aclk)
    variable set_v, clr_v : std_logic_vector(N_IRQ-1 downto 0);
  begin
    if rising_edge(aclk) then
      if aresetn = '0' then
        aw_hold <= '0'; w_hold <= '0'; bvalid_q <= '0'; rvalid_q <= '0';
        status <= (others => '0'); enable <= (others => '0');
        rdata_q <= (others => '0');
      else
        if awvalid = '1' and aw_hold = '0' then aw_hold <= '1'; aw_addr_q <= awaddr(3 downto 2); end if;
        if wvalid = '1' and w_hold = '0' then w_hold <= '1'; w_data_q <= wdata; end if;

        set_v := irq_in;
        clr_v := (others => '0');
        if do_write = '1' then
          case aw_addr_q is
            when "00"   => clr_v := w_data_q(N_IRQ-1 downto 0);
            when "01"   => enable <= w_data_q(N_IRQ-1 downto 0);
            when "11"   => set_v := set_v or w_data_q(N_IRQ-1 downto 0);
            when others => null;
          end case;
          aw_hold <= '0'; w_hold <= '0'; bvalid_q <= '1';
        elsif bvalid_q = '1' and bready = '1' then
          bvalid_q <= '0';
        end if;
        status <= (status and not clr_v) or set_v;      -- new events win over clear

        if arvalid = '1' and rvalid_q = '0' then
          rvalid_q <= '1';
          rdata_q  <= (others => '0');
          case araddr(3 downto 2) is
            when "00"   => rdata_q(N_IRQ-1 downto 0) <= status;
            when "01"   => rdata_q(N_IRQ-1 downto 0) <= enable;
            when "10"   => rdata_q(N_IRQ-1 downto 0) <= status and enable;
            when others => null;
          end case;
        elsif rvalid_q = '1' and rready = '1' then
          rvalid_q <= '0';
        end if;
      end if;
    end if;
  end process;

  arready <= not rvalid_q;
  bvalid  <= bvalid_q;
  bresp   <= "00";
  rvalid  <= rvalid_q;
  rdata   <= rdata_q;
  rresp   <= "00";
  irq_out <= '1' when (status and enable) /= (status'range => '0') else '0';

end architecture rtl;
