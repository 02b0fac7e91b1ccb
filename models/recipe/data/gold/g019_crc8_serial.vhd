-- Bit-serial CRC-8 (polynomial x^8 + x^2 + x + 1, "CRC-8/ATM").
-- One data bit per enabled clock, MSB first.
library ieee;
use ieee.std_logic_1164.all;

entity crc8_serial is
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;
    init    : in  std_logic;   -- restart the CRC with the initial value
    bit_en  : in  std_logic;   -- data_bit is valid
    data_bit: in  std_logic;
    crc     : out std_logic_vector(7 downto 0)
  );
end entity crc8_serial;

architecture rtl of crc8_serial is
  constant POLY : std_logic_vector(7 downto 0) := x"07";
  signal crc_reg : std_logic_vector(7 downto 0);
begin

  process (clk)
    variable fb : std_logic;
  begin
    if clk'event and clk = '1' then
      if rst_n = '0' then
        crc_reg <= (others => '0');
      elsif init = '1' then
        crc_reg <= (others => '0');
      elsif bit_en = '1' then
        fb := crc_reg(7) xor data_bit;
        if fb = '1' then
          crc_reg <= (crc_reg(6 downto 0) & '0') xor POLY;
        else
          crc_reg <= crc_reg(6 downto 0) & '0';
        end if;
      end if;
    end if;
  end process;

  crc <= crc_reg;

end architecture rtl;
