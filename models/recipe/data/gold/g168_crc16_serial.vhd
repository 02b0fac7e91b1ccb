--! Bit-serial CRC-16-CCITT (polynomial x^16 + x^12 + x^5 + 1, 0x1021),
--! initial value 0xFFFF, MSB first, no final XOR.
library ieee;
use ieee.std_logic_1164.all;

entity crc16_serial is
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;                      --! asynchronous reset, active low
    init    : in  std_logic;                      --! restart: CRC back to 0xFFFF
    bit_en  : in  std_logic;                      --! a data bit is present
    bit_in  : in  std_logic;
    crc_out : out std_logic_vector(15 downto 0)
  );
end entity crc16_serial;

architecture rtl of crc16_serial is
  signal crc : std_logic_vector(15 downto 0);
begin

  process (clk, rst_n)
    variable fb : std_logic;
  begin
    if rst_n = '0' then
      crc <= (others => '1');
    elsif rising_edge(clk) then
      if init = '1' then
        crc <= (others => '1');
      elsif bit_en = '1' then
        fb  := crc(15) xor bit_in;
        crc <= crc(14 downto 0) & '0';
        if fb = '1' then
          crc <= (crc(14 downto 0) & '0') xor x"1021";
        end if;
      end if;
    end if;
  end process;

  crc_out <= crc;

end architecture rtl;
