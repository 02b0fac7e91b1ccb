-- PRBS-7 checker, one bit per clock. Self-synchronising: the local LFSR is
-- loaded from the received bits, then compared; counts bit errors.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity prbs_checker is
  port (
    clk         : in  std_logic;
    reset       : in  std_logic;
    rx_bit      : in  std_logic;
    rx_en       : in  std_logic;
    locked      : out std_logic;
    err_count   : out unsigned(15 downto 0)
  );
end entity prbs_checker;

architecture rtl of prbs_checker is
  signal lfsr      : std_logic_vector(6 downto 0);
  signal fill      : natural range 0 to 7;
  signal errs      : unsigned(15 downto 0);
  signal expected  : std_logic;
begin

  -- x^7 + x^6 + 1: the next bit is the XOR of taps 7 and 6
  expected <= lfsr(6) xor lfsr(5);

  process (clk)
  begin
    if rising_edge(clk) then
      if reset = '1' then
        lfsr <= (others => '0');
        fill <= 0;
        errs <= (others => '0');
      elsif rx_en = '1' then
        -- always shift the received bit in (self-synchronising)
        lfsr <= lfsr(5 downto 0) & rx_bit;
        if fill < 7 then
          fill <= fill + 1;
        elsif rx_bit /= expected and errs /= x"FFFF" then
          errs <= errs + 1;          -- saturating error counter
        end if;
      end if;
    end if;
  end process;

  locked    <= '1' when fill = 7 else '0';
  err_count <= errs;

end architecture rtl;
