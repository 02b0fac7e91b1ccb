-- AXI4-Lite GPIO with a small one-process FSM per channel.
--   0x0 DATA_OUT (RW)  0x4 DIR (RW, 1 = output)  0x8 DATA_IN (RO)
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity axil_gpio_tri is
  generic (
    GPIO_W : positive range 1 to 32 := 16
  );
  port (
    S_AXI_ACLK    : in  std_logic;
    S_AXI_ARESETN : in  std_logic;
    S_AXI_AWADDR  : in  std_logic_vector(3 downto 0);
    S_AXI_AWVALID : in  std_logic;
    S_AXI_AWREADY : out std_logic;
    S_AXI_WDATA   : in  std_logic_vector(31 downto 0);
    S_AXI_WVALID  : in  std_logic;
    S_AXI_WREADY  : out std_logic;
    S_AXI_BRESP   : out std_logic_vector(1 downto 0);
    S_AXI_BVALID  : out std_logic;
    S_AXI_BREADY  : in  std_logic;
    S_AXI_ARADDR  : in  std_logic_vector(3 downto 0);
    S_AXI_ARVALID : in  std_logic;
    S_AXI_ARREADY : out std_logic;
    S_AXI_RDATA   : out std_logic_vector(31 downto 0);
    S_AXI_RRESP   : out std_logic_vector(1 downto 0);
    S_AXI_RVALID  : out std_logic;
    S_AXI_RREADY  : in  std_logic;
    gpio_i        : in  std_logic_vector(GPIO_W-1 downto 0);
    gpio_o        : out std_logic_vector(GPIO_W-1 downto 0);
    gpio_t        : out std_logic_vector(GPIO_W-1 downto 0)   -- '1' = tri-state (input)
  );
end entity axil_gpio_tri;

architecture rtl of axil_gpio_tri is
  type wr_state_t is (W_IDLE, W_RESP);
  type rd_state_t is (R_IDLE, R_DATA);
  signal wr_state : wr_state_t;
  signal rd_state : rd_state_t;
  signal dout, dir, din_s1, din_s2 : std_logic_vector(GPIO_W-1 downto 0);
  signal rdata : std_logic_vector(31 downto 0);
begin

  process (S_AXI_ACLK)
  begin
    if rising_edge(S_AXI_ACLK) then
      din_s1 <= gpio_i;
      din_s2 <= din_s1;
      if S_AXI_ARESETN = '0' then
        wr_state <= W_IDLE; rd_state <= R_IDLE;
        dout <= (others => '0'); dir <= (others => '0'); rdata <= (others => '0');
      else
        -- write channel
        case wr_state is
          when W_IDLE =>
            if S_AXI_AWVALID = '1' and S_AXI_WVALID = '1' then
              case S_AXI_AWADDR(3 downto 2) is
                when "00"   => dout <= S_AXI_WDATA(GPIO_W-1 downto 0);
                when "01"   => dir  <= S_AXI_WDATA(GPIO_W-1 downto 0);
                when others => null;
              end case;
              wr_state <= W_RESP;
            end if;
          when W_RESP =>
            if S_AXI_BREADY = '1' then wr_state <= W_IDLE; end if;
        end case;
        -- read channel
        case rd_state is
          when R_IDLE =>
            if S_AXI_ARVALID = '1' then
              rdata <= (others => '0');
              case S_AXI_ARADDR(3 downto 2) is
                when "00"   => rdata(GPIO_W-1 downto 0) <= dout;
                when "01"   => rdata(GPIO_W-1 downto 0) <= dir;
                when "10"   => rdata(GPIO_W-1 downto 0) <= din_s2;
                when others => null;
              end case;
              rd_state <= R_DATA;
            end if;
          when R_DATA =>
            if S_AXI_RREADY = '1' then rd_state <= R_IDLE; end if;
        end case;
      end if;
    end if;
  end process;

  -- ready signals are Mealy outputs of the idle states
  S_AXI_AWREADY <= S_AXI_AWVALID and S_AXI_WVALID when wr_state = W_IDLE else '0';
  S_AXI_WREADY  <= S_AXI_AWVALID and S_AXI_WVALID when wr_state = W_IDLE else '0';
  S_AXI_BVALID  <= '1' when wr_state = W_RESP else '0';
  S_AXI_BRESP   <= "00";
  S_AXI_ARREADY <= '1' when rd_state = R_IDLE else '0';
  S_AXI_RVALID  <= '1' when rd_state = R_DATA else '0';
  S_AXI_RDATA   <= rdata;
  S_AXI_RRESP   <= "00";

  gpio_o <= dout;
  gpio_t <= not dir;

end architecture rtl;
