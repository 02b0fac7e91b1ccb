-- Parallel-in, serial-out shift register (LSB first) with busy flag.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity piso_shift_reg is
  generic (
    DATA_W : positive := 16
  );
  port (
    clk      : in  std_logic;
    rst_n    : in  std_logic;
    load     : in  std_logic;
    din      : in  std_logic_vector(DATA_W-1 downto 0);
    tick     : in  std_logic;
    sout     : out std_logic;
    busy     : out std_logic
  );
end entity piso_shift_reg;

architecture rtl of piso_shift_reg is
  signal shreg  : std_logic_vector(DATA_W-1 downto 0);
  signal remain : unsigned(4 downto 0);   -- bits left to send (DATA_W <= 31)
begin

  shift_p : process (clk, rst_n)
  begin
    if rst_n = '0' then
      shreg  <= (others => '0');
      remain <= (others => '0');
    elsif rising_edge(clk) then
      if load = '1' and remain = 0 then
        shreg  <= din;
        remain <= to_unsigned(DATA_W, remain'length);
      elsif tick = '1' and remain /= 0 then
        shreg  <= '0' & shreg(DATA_W-1 downto 1);
        remain <= remain - 1;
      end if;
    end if;
  end process shift_p;

  sout <= shreg(0);
  busy <= '1' when remain /= 0 else '0';

end architecture rtl;
