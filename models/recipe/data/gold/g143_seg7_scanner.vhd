--! Four-digit multiplexed seven-segment display driver.
--! Cycles through the digits every 2**REFRESH_BITS clocks; common-cathode
--! segments (active high) and active-low digit selects.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity seg7_scanner is
  generic (
    REFRESH_BITS : positive := 16   --! 100 MHz / 2**16 = ~1.5 kHz per digit
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                      --! synchronous, active high
    value    : in  std_logic_vector(15 downto 0);  --! four hex digits
    dp_mask  : in  std_logic_vector(3 downto 0);   --! decimal point per digit
    segments : out std_logic_vector(6 downto 0);   --! gfedcba, active high
    dp       : out std_logic;
    digit_n  : out std_logic_vector(3 downto 0)    --! digit enables, active low
  );
end entity seg7_scanner;

architecture rtl of seg7_scanner is

  function hex_to_seg(h : std_logic_vector(3 downto 0)) return std_logic_vector is
  begin
    case h is
      when "0000" => return "0111111";
      when "0001" => return "0000110";
      when "0010" => return "1011011";
      when "0011" => return "1001111";
      when "0100" => return "1100110";
      when "0101" => return "1101101";
      when "0110" => return "1111101";
      when "0111" => return "0000111";
      when "1000" => return "1111111";
      when "1001" => return "1101111";
      when "1010" => return "1110111";
      when "1011" => return "1111100";
      when "1100" => return "0111001";
      when "1101" => return "1011110";
      when "1110" => return "1111001";
      when others => return "1110001";
    end case;
  end function;

  signal refresh : unsigned(REFRESH_BITS+1 downto 0);
  signal sel     : unsigned(1 downto 0);
  signal nibble  : std_logic_vector(3 downto 0);
begin

  -- the two top bits of the refresh counter select the digit
  counter : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        refresh <= (others => '0');
      else
        refresh <= refresh + 1;
      end if;
    end if;
  end process counter;

  sel <= refresh(refresh'high downto refresh'high - 1);

  with sel select nibble <=
    value(3 downto 0)   when "00",
    value(7 downto 4)   when "01",
    value(11 downto 8)  when "10",
    value(15 downto 12) when others;

  outputs : process (clk)
  begin
    if rising_edge(clk) then
      segments <= hex_to_seg(nibble);
      dp       <= dp_mask(to_integer(sel));
      digit_n  <= (others => '1');
      digit_n(to_integer(sel)) <= '0';
    end if;
  end process outputs;

end architecture rtl;
