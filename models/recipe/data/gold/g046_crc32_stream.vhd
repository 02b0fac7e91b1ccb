--! @file g046_crc32_stream.vhd
--! @brief CRC-32 over a 32-bit data stream with byte enables, written in the
--! record-based two-process style (one record for all registers).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity crc32_stream is
  port (
    clk     : in  std_logic;
    rstn    : in  std_logic;                       --! async reset, active low
    sop     : in  std_logic;                       --! first word of a packet
    eop     : in  std_logic;                       --! last word of a packet
    valid   : in  std_logic;
    keep    : in  std_logic_vector(3 downto 0);    --! byte enables, contiguous from bit 0
    data    : in  std_logic_vector(31 downto 0);   --! byte 0 in bits 7..0
    crc     : out std_logic_vector(31 downto 0);   --! final FCS (complemented)
    crc_vld : out std_logic
  );
end entity crc32_stream;

architecture rtl of crc32_stream is
  type reg_type is record
    state : std_logic_vector(31 downto 0);
    res   : std_logic_vector(31 downto 0);
    done  : std_logic;
  end record;
  constant RES_VAL : reg_type := (state => (others => '1'), res => (others => '0'), done => '0');
  signal r, rin : reg_type;

  --! One byte, LSB first, reflected polynomial.
  function crc_byte (c_in : std_logic_vector(31 downto 0);
                     b    : std_logic_vector(7 downto 0)) return std_logic_vector is
    variable c : std_logic_vector(31 downto 0) := c_in;
  begin
    for i in 0 to 7 loop
      if (c(0) xor b(i)) = '1' then
        c := ('0' & c(31 downto 1)) xor x"EDB88320";
      else
        c := '0' & c(31 downto 1);
      end if;
    end loop;
    return c;
  end function;
begin

  comb : process (r, sop, eop, valid, keep, data)
    variable v : reg_type;
    variable c : std_logic_vector(31 downto 0);
  begin
    v := r;
    v.done := '0';
    if valid = '1' then
      if sop = '1' then
        c := (others => '1');
      else
        c := r.state;
      end if;
      for i in 0 to 3 loop
        if keep(i) = '1' then
          c := crc_byte(c, data(8*i+7 downto 8*i));
        end if;
      end loop;
      v.state := c;
      if eop = '1' then
        v.res  := not c;
        v.done := '1';
      end if;
    end if;
    rin <= v;
  end process comb;

  regs : process (clk, rstn)
  begin
    if rstn = '0' then
      r <= RES_VAL;
    elsif rising_edge(clk) then
      r <= rin;
    end if;
  end process regs;

  crc     <= r.res;
  crc_vld <= r.done;

end architecture rtl;
