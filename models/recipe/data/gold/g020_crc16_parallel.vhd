--! @file
--! @brief Byte-parallel CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package crc16_pkg is
  --! Advance a CRC-16 by one byte (MSB first, no reflection).
  function crc16_byte (crc : std_logic_vector(15 downto 0);
                       data : std_logic_vector(7 downto 0))
    return std_logic_vector;
end package crc16_pkg;

package body crc16_pkg is
  function crc16_byte (crc : std_logic_vector(15 downto 0);
                       data : std_logic_vector(7 downto 0))
    return std_logic_vector is
    variable c : std_logic_vector(15 downto 0) := crc;
  begin
    for i in 7 downto 0 loop
      if (c(15) xor data(i)) = '1' then
        c := (c(14 downto 0) & '0') xor x"1021";
      else
        c := c(14 downto 0) & '0';
      end if;
    end loop;
    return c;
  end function;
end package body crc16_pkg;

library ieee;
use ieee.std_logic_1164.all;
use work.crc16_pkg.all;

--! Streaming CRC unit: one byte per clock when valid.
entity crc16_parallel is
  port (
    clk       : in  std_logic;                     --! clock
    rst       : in  std_logic;                     --! synchronous reset, active high
    sof       : in  std_logic;                     --! first byte of a frame
    valid     : in  std_logic;                     --! data byte valid
    data      : in  std_logic_vector(7 downto 0);  --! data byte
    crc_out   : out std_logic_vector(15 downto 0)  --! running CRC
  );
end entity crc16_parallel;

architecture rtl of crc16_parallel is
  constant CRC_INIT : std_logic_vector(15 downto 0) := x"FFFF";
  signal crc_q : std_logic_vector(15 downto 0) := CRC_INIT;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        crc_q <= CRC_INIT;
      elsif valid = '1' then
        if sof = '1' then
          crc_q <= crc16_byte(CRC_INIT, data);   -- start of frame: restart
        else
          crc_q <= crc16_byte(crc_q, data);
        end if;
      end if;
    end if;
  end process;

  crc_out <= crc_q;

end architecture rtl;
