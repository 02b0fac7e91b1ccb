--! Universal shift register (74x194 style): hold, shift left, shift
--! right or parallel load, selected by a 2-bit mode input.
library ieee;
use ieee.std_logic_1164.all;

entity universal_shift_reg is
  generic (
    WIDTH : positive := 8
  );
  port (
    clk       : in  std_logic;                            --! clock
    clr_n     : in  std_logic;                            --! asynchronous clear, active low
    mode      : in  std_logic_vector(1 downto 0);         --! 00 hold, 01 right, 10 left, 11 load
    ser_left  : in  std_logic;                            --! serial in for shift left (enters at LSB)
    ser_right : in  std_logic;                            --! serial in for shift right (enters at MSB)
    d         : in  std_logic_vector(WIDTH-1 downto 0);   --! parallel data
    q         : out std_logic_vector(WIDTH-1 downto 0)    --! register contents
  );
end entity universal_shift_reg;

architecture rtl of universal_shift_reg is
  signal reg_q : std_logic_vector(WIDTH-1 downto 0);
  signal reg_d : std_logic_vector(WIDTH-1 downto 0);
begin

  --! Next-state multiplexer.
  with mode select reg_d <=
    reg_q                                   when "00",
    ser_right & reg_q(WIDTH-1 downto 1)     when "01",
    reg_q(WIDTH-2 downto 0) & ser_left      when "10",
    d                                       when others;

  --! State register.
  process (clk, clr_n)
  begin
    if clr_n = '0' then
      reg_q <= (others => '0');
    elsif rising_edge(clk) then
      reg_q <= reg_d;
    end if;
  end process;

  q <= reg_q;

end architecture rtl;
