-- Serial-in, parallel-out shift register with a word-complete strobe.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sipo_shift_reg is
  generic (
    WIDTH     : positive := 8;
    MSB_FIRST : boolean  := true
  );
  port (
    clk        : in  std_logic;
    srst       : in  std_logic;
    shift_en   : in  std_logic;
    serial_in  : in  std_logic;
    parallel_out : out std_logic_vector(WIDTH-1 downto 0);
    word_valid : out std_logic
  );
end entity sipo_shift_reg;

architecture rtl of sipo_shift_reg is
  signal sreg    : std_logic_vector(WIDTH-1 downto 0) := (others => '0');
  signal bit_cnt : integer range 0 to WIDTH-1 := 0;
begin

  process (clk)
  begin
    if rising_edge(clk) then
      word_valid <= '0';
      if srst = '1' then
        sreg    <= (others => '0');
        bit_cnt <= 0;
      elsif shift_en = '1' then
        if MSB_FIRST then
          sreg <= sreg(WIDTH-2 downto 0) & serial_in;
        else
          sreg <= serial_in & sreg(WIDTH-1 downto 1);
        end if;
        if bit_cnt = WIDTH-1 then
          bit_cnt    <= 0;
          word_valid <= '1';
        else
          bit_cnt <= bit_cnt + 1;
        end if;
      end if;
    end if;
  end process;

  parallel_out <= sreg;

end architecture rtl;
