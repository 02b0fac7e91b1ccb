--! @file bitrev_addr_gen.vhd
--! util_pkg: small helper functions shared by the DSP blocks
--! (ceil log2, bit reversal, parity, binary/Gray conversion).
--! bitrev_addr_gen: address generator for in-place radix-2 FFT input
--! reordering, built on util_pkg.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package util_pkg is
  function clog2(n : positive) return natural;
  function bit_reverse(v : std_logic_vector) return std_logic_vector;
  function parity(v : std_logic_vector) return std_logic;
  function bin2gray(b : unsigned) return unsigned;
  function gray2bin(g : unsigned) return unsigned;
end package util_pkg;

package body util_pkg is

  --! smallest r with 2**r >= n
  function clog2(n : positive) return natural is
    variable r : natural  := 0;
    variable p : positive := 1;
  begin
    while p < n loop
      p := p * 2;
      r := r + 1;
    end loop;
    return r;
  end function;

  function bit_reverse(v : std_logic_vector) return std_logic_vector is
    variable r : std_logic_vector(v'range);
  begin
    for i in v'range loop
      r(v'high - i + v'low) := v(i);
    end loop;
    return r;
  end function;

  --! even parity bit: '1' when v has an odd number of ones
  function parity(v : std_logic_vector) return std_logic is
    variable p : std_logic := '0';
  begin
    for i in v'range loop
      p := p xor v(i);
    end loop;
    return p;
  end function;

  function bin2gray(b : unsigned) return unsigned is
  begin
    return b xor shift_right(b, 1);
  end function;

  function gray2bin(g : unsigned) return unsigned is
    variable b : unsigned(g'range);
  begin
    b(b'high) := g(g'high);
    for i in g'high - 1 downto g'low loop
      b(i) := b(i + 1) xor g(i);
    end loop;
    return b;
  end function;

end package body util_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.util_pkg.all;

entity bitrev_addr_gen is
  generic (
    FFT_SIZE : positive := 256
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;   --! synchronous, active high
    start    : in  std_logic;   --! begin a pass over all addresses
    addr_lin : out std_logic_vector(clog2(FFT_SIZE)-1 downto 0);
    addr_rev : out std_logic_vector(clog2(FFT_SIZE)-1 downto 0);
    valid    : out std_logic;
    last     : out std_logic
  );
end entity bitrev_addr_gen;

architecture rtl of bitrev_addr_gen is
  constant AW  : natural := clog2(FFT_SIZE);
  signal count : unsigned(AW-1 downto 0);
  signal run   : std_logic;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        count <= (others => '0');
        run   <= '0';
      elsif run = '0' then
        if start = '1' then
          count <= (others => '0');
          run   <= '1';
        end if;
      else
        count <= count + 1;
        if count = FFT_SIZE - 1 then
          run <= '0';
        end if;
      end if;
    end if;
  end process;

  addr_lin <= std_logic_vector(count);
  addr_rev <= bit_reverse(std_logic_vector(count));
  valid    <= run;
  last     <= run when count = FFT_SIZE - 1 else '0';

end architecture rtl;
