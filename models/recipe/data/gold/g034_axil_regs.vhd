-- AXI4-Lite slave with four 32-bit registers.
--   0x00 CTRL   (RW)   0x04 STATUS (RO, from status_in)
--   0x08 SCRATCH (RW)  0x0C ID     (RO, constant)
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity axil_regs is
  generic (
    C_ID : std_logic_vector(31 downto 0) := x"C0DE0100"
  );
  port (
    s_axi_aclk    : in  std_logic;
    s_axi_aresetn : in  std_logic;
    s_axi_awaddr  : in  std_logic_vector(3 downto 0);
    s_axi_awvalid : in  std_logic;
    s_axi_awready : out std_logic;
    s_axi_wdata   : in  std_logic_vector(31 downto 0);
    s_axi_wstrb   : in  std_logic_vector(3 downto 0);
    s_axi_wvalid  : in  std_logic;
    s_axi_wready  : out std_logic;
    s_axi_bresp   : out std_logic_vector(1 downto 0);
    s_axi_bvalid  : out std_logic;
    s_axi_bready  : in  std_logic;
    s_axi_araddr  : in  std_logic_vector(3 downto 0);
    s_axi_arvalid : in  std_logic;
    s_axi_arready : out std_logic;
    s_axi_rdata   : out std_logic_vector(31 downto 0);
    s_axi_rresp   : out std_logic_vector(1 downto 0);
    s_axi_rvalid  : out std_logic;
    s_axi_rready  : in  std_logic;
    ctrl_out      : out std_logic_vector(31 downto 0);
    status_in     : in  std_logic_vector(31 downto 0)
  );
end entity axil_regs;

architecture rtl of axil_regs is
  signal reg_ctrl, reg_scratch : std_logic_vector(31 downto 0);
  signal awready, wready, bvalid, arready, rvalid : std_logic;
  signal rdata : std_logic_vector(31 downto 0);
begin

  -- Write channel: accept AW and W together, then answer on B.
  write_p : process (s_axi_aclk)
  begin
    if rising_edge(s_axi_aclk) then
      if s_axi_aresetn = '0' then
        awready <= '0'; wready <= '0'; bvalid <= '0';
        reg_ctrl <= (others => '0'); reg_scratch <= (others => '0');
      else
        awready <= '0'; wready <= '0';
        if s_axi_awvalid = '1' and s_axi_wvalid = '1' and awready = '0' and bvalid = '0' then
          awready <= '1'; wready <= '1';
          for b in 0 to 3 loop
            if s_axi_wstrb(b) = '1' then
              case s_axi_awaddr(3 downto 2) is
                when "00"   => reg_ctrl(8*b+7 downto 8*b)    <= s_axi_wdata(8*b+7 downto 8*b);
                when "10"   => reg_scratch(8*b+7 downto 8*b) <= s_axi_wdata(8*b+7 downto 8*b);
                when others => null;                         -- read-only: ignored
              end case;
            end if;
          end loop;
          bvalid <= '1';
        elsif bvalid = '1' and s_axi_bready = '1' then
          bvalid <= '0';
        end if;
      end if;
    end if;
  end process write_p;

  -- Read channel: one outstanding read.
  read_p : process (s_axi_aclk)
  begin
    if rising_edge(s_axi_aclk) then
      if s_axi_aresetn = '0' then
        arready <= '0'; rvalid <= '0'; rdata <= (others => '0');
      else
        arready <= '0';
        if s_axi_arvalid = '1' and arready = '0' and rvalid = '0' then
          arready <= '1';
          rvalid  <= '1';
          case s_axi_araddr(3 downto 2) is
            when "00"   => rdata <= reg_ctrl;
            when "01"   => rdata <= status_in;
            when "10"   => rdata <= reg_scratch;
            when others => rdata <= C_ID;
          end case;
        elsif rvalid = '1' and s_axi_rready = '1' then
          rvalid <= '0';
        end if;
      end if;
    end if;
  end process read_p;

  s_axi_awready <= awready;
  s_axi_wready  <= wready;
  s_axi_bvalid  <= bvalid;
  s_axi_bresp   <= "00";
  s_axi_arready <= arready;
  s_axi_rvalid  <= rvalid;
  s_axi_rdata   <= rdata;
  s_axi_rresp   <= "00";
  ctrl_out      <= reg_ctrl;

end architecture rtl;
