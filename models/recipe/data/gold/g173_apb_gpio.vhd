-- APB3 slave with four registers for a small GPIO block:
--   0x0 DATA_OUT (rw), 0x4 DIR (rw, 1 = output), 0x8 DATA_IN (ro), 0xC ID (ro).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity apb_gpio is
  generic (
    N_PINS : positive range 1 to 32 := 16
  );
  port (
    pclk    : in  std_logic;
    presetn : in  std_logic;                       -- asynchronous reset, active low
    psel    : in  std_logic;
    penable : in  std_logic;
    pwrite  : in  std_logic;
    paddr   : in  std_logic_vector(3 downto 0);
    pwdata  : in  std_logic_vector(31 downto 0);
    prdata  : out std_logic_vector(31 downto 0);
    pready  : out std_logic;
    pslverr : out std_logic;
    gpio_i  : in  std_logic_vector(N_PINS-1 downto 0);
    gpio_o  : out std_logic_vector(N_PINS-1 downto 0);
    gpio_oe : out std_logic_vector(N_PINS-1 downto 0)
  );
end entity apb_gpio;

architecture rtl of apb_gpio is
  constant ID_VALUE : std_logic_vector(31 downto 0) := x"6770_1000";
  signal out_reg : std_logic_vector(N_PINS-1 downto 0);
  signal dir_reg : std_logic_vector(N_PINS-1 downto 0);
  signal in_sync : std_logic_vector(N_PINS-1 downto 0);
  signal in_meta : std_logic_vector(N_PINS-1 downto 0);
  signal wr_en   : std_logic;
begin

  wr_en <= psel and penable and pwrite;

  regs : process (pclk, presetn)
  begin
    if presetn = '0' then
      out_reg <= (others => '0');
      dir_reg <= (others => '0');
      in_meta <= (others => '0');
      in_sync <= (others => '0');
    elsif rising_edge(pclk) then
      in_meta <= gpio_i;
      in_sync <= in_meta;
      if wr_en = '1' then
        case paddr is
          when x"0"   => out_reg <= pwdata(N_PINS-1 downto 0);
          when x"4"   => dir_reg <= pwdata(N_PINS-1 downto 0);
          when others => null;
        end case;
      end if;
    end if;
  end process regs;

  read_mux : process (all)
  begin
    prdata <= (others => '0');
    case paddr is
      when x"0"   => prdata(N_PINS-1 downto 0) <= out_reg;
      when x"4"   => prdata(N_PINS-1 downto 0) <= dir_reg;
      when x"8"   => prdata(N_PINS-1 downto 0) <= in_sync;
      when x"C"   => prdata <= ID_VALUE;
      when others => null;
    end case;
  end process read_mux;

  pready  <= '1';
  pslverr <= '0';
  gpio_o  <= out_reg;
  gpio_oe <= dir_reg;

end architecture rtl;
