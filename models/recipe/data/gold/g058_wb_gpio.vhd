-- Wishbone GPIO: 32 pins with direction register, output register and
-- synchronised inputs. Pipelined-style single-cycle ack (combinational).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity wb_gpio is
  generic (
    NPINS : positive range 1 to 32 := 32
  );
  port (
    clk_i   : in    std_logic;
    rst_i   : in    std_logic;
    adr_i   : in    std_logic_vector(1 downto 0);   -- word address
    dat_i   : in    std_logic_vector(31 downto 0);
    dat_o   : out   std_logic_vector(31 downto 0);
    we_i    : in    std_logic;
    stb_i   : in    std_logic;
    cyc_i   : in    std_logic;
    ack_o   : out   std_logic;
    gpio_io : inout std_logic_vector(NPINS-1 downto 0)
  );
end entity wb_gpio;

architecture rtl of wb_gpio is
  signal dir_r   : std_logic_vector(NPINS-1 downto 0);  -- '1' = output
  signal out_r   : std_logic_vector(NPINS-1 downto 0);
  signal in_m, in_s : std_logic_vector(NPINS-1 downto 0);
  signal bus_acc  : std_logic;
begin

  bus_acc <= cyc_i and stb_i;
  ack_o  <= bus_acc;                      -- zero-wait-state slave

  write_proc : process (clk_i)
  begin
    if rising_edge(clk_i) then
      if rst_i = '1' then
        dir_r <= (others => '0');
        out_r <= (others => '0');
      elsif bus_acc = '1' and we_i = '1' then
        case adr_i is
          when "00"   => out_r <= dat_i(NPINS-1 downto 0);
          when "01"   => dir_r <= dat_i(NPINS-1 downto 0);
          when "10"   => out_r <= out_r or dat_i(NPINS-1 downto 0);       -- set bits
          when others => out_r <= out_r and not dat_i(NPINS-1 downto 0);  -- clear bits
        end case;
      end if;
      -- input synchroniser (not reset)
      in_m <= gpio_io;
      in_s <= in_m;
    end if;
  end process write_proc;

  read_mux : process (adr_i, out_r, dir_r, in_s)
  begin
    dat_o <= (others => '0');
    case adr_i is
      when "00"   => dat_o(NPINS-1 downto 0) <= out_r;
      when "01"   => dat_o(NPINS-1 downto 0) <= dir_r;
      when others => dat_o(NPINS-1 downto 0) <= in_s;
    end case;
  end process read_mux;

  gen_pins : for i in 0 to NPINS-1 generate
    gpio_io(i) <= out_r(i) when dir_r(i) = '1' else 'Z';
  end generate gen_pins;

end architecture rtl;
