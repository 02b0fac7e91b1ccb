-- Ethernet CRC-32 (IEEE 802.3), 8 bits per clock, LSB-first reflected form.
-- The FCS to transmit is the bitwise complement of the register.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity crc32_eth is
  port (
    clk_i     : in  std_logic;
    rst_ni    : in  std_logic;
    clear_i   : in  std_logic;
    en_i      : in  std_logic;
    data_i    : in  std_logic_vector(7 downto 0);
    fcs_o     : out std_logic_vector(31 downto 0);
    residue_ok_o : out std_logic
  );
end entity crc32_eth;

architecture rtl of crc32_eth is
  -- Reflected polynomial 0x04C11DB7 -> 0xEDB88320
  constant POLY_R  : unsigned(31 downto 0) := x"EDB88320";
  constant RESIDUE : unsigned(31 downto 0) := x"DEBB20E3";
  signal crc_r, crc_nxt : unsigned(31 downto 0);
begin

  -- Next-state logic: eight reflected serial steps, LSB of data first.
  comb : process (crc_r, data_i)
    variable c : unsigned(31 downto 0);
  begin
    c := crc_r;
    for i in 0 to 7 loop
      if (c(0) xor data_i(i)) = '1' then
        c := shift_right(c, 1) xor POLY_R;
      else
        c := shift_right(c, 1);
      end if;
    end loop;
    crc_nxt <= c;
  end process comb;

  seq : process (clk_i, rst_ni)
  begin
    if rst_ni = '0' then
      crc_r <= (others => '1');
    elsif rising_edge(clk_i) then
      if clear_i = '1' then
        crc_r <= (others => '1');
      elsif en_i = '1' then
        crc_r <= crc_nxt;
      end if;
    end if;
  end process seq;

  fcs_o        <= not std_logic_vector(crc_r);
  residue_ok_o <= '1' when crc_r = RESIDUE else '0';

end architecture rtl;
