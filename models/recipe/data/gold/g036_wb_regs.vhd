-- Wishbone B4 classic slave: 4 registers, registered acknowledge.
-- Register 3 is a W1C interrupt status register.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity wb_regs is
  port (
    wb_clk_i : in  std_logic;
    wb_rst_i : in  std_logic;
    wb_adr_i : in  std_logic_vector(3 downto 2);
    wb_dat_i : in  std_logic_vector(31 downto 0);
    wb_dat_o : out std_logic_vector(31 downto 0);
    wb_sel_i : in  std_logic_vector(3 downto 0);
    wb_we_i  : in  std_logic;
    wb_stb_i : in  std_logic;
    wb_cyc_i : in  std_logic;
    wb_ack_o : out std_logic;
    irq_src_i : in  std_logic_vector(7 downto 0);   -- event pulses
    irq_o     : out std_logic;
    cfg0_o    : out std_logic_vector(31 downto 0);
    cfg1_o    : out std_logic_vector(31 downto 0)
  );
end entity wb_regs;

architecture rtl of wb_regs is
  signal cfg0, cfg1 : std_logic_vector(31 downto 0);
  signal irq_mask   : std_logic_vector(7 downto 0);
  signal irq_stat   : std_logic_vector(7 downto 0);
  signal ack        : std_logic;
begin

  process (wb_clk_i)
    variable wr : boolean;
  begin
    if rising_edge(wb_clk_i) then
      if wb_rst_i = '1' then
        cfg0 <= (others => '0'); cfg1 <= (others => '0');
        irq_mask <= (others => '0'); irq_stat <= (others => '0');
        ack <= '0'; wb_dat_o <= (others => '0');
      else
        ack <= wb_cyc_i and wb_stb_i and not ack;   -- one ack per access
        wr  := wb_cyc_i = '1' and wb_stb_i = '1' and wb_we_i = '1' and ack = '0';

        -- status bits set by events; W1C clear has lower priority than a new event
        for i in 0 to 7 loop
          if irq_src_i(i) = '1' then
            irq_stat(i) <= '1';
          elsif wr and wb_adr_i = "11" and wb_sel_i(0) = '1' and wb_dat_i(i) = '1' then
            irq_stat(i) <= '0';
          end if;
        end loop;

        if wr then
          for b in 0 to 3 loop
            if wb_sel_i(b) = '1' then
              case wb_adr_i is
                when "00"   => cfg0(8*b+7 downto 8*b) <= wb_dat_i(8*b+7 downto 8*b);
                when "01"   => cfg1(8*b+7 downto 8*b) <= wb_dat_i(8*b+7 downto 8*b);
                when "10"   => if b = 0 then irq_mask <= wb_dat_i(7 downto 0); end if;
                when others => null;
              end case;
            end if;
          end loop;
        end if;

        case wb_adr_i is
          when "00"   => wb_dat_o <= cfg0;
          when "01"   => wb_dat_o <= cfg1;
          when "10"   => wb_dat_o <= x"000000" & irq_mask;
          when others => wb_dat_o <= x"000000" & irq_stat;
        end case;
      end if;
    end if;
  end process;

  wb_ack_o <= ack;
  irq_o    <= or (irq_stat and irq_mask);
  cfg0_o   <= cfg0;
  cfg1_o   <= cfg1;

end architecture rtl;
