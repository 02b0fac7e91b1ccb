--! fir_coef_pkg: coefficient type and a default half-band-like low-pass set.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package fir_coef_pkg is
  type coef_array_t is array (natural range <>) of integer;
  --! first half of an 8-tap symmetric filter (h0..h3 = h7..h4), Q1.14
  constant LPF8_HALF : coef_array_t(0 to 3) := (-412, 1260, 4820, 8096);
end package fir_coef_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.fir_coef_pkg.all;

--! Symmetric (linear-phase) FIR using pre-adders: NTAPS/2 multipliers.
entity fir_symmetric is
  generic (
    NTAPS : positive     := 8;           --! even
    DW    : positive     := 16;
    CW    : positive     := 16;
    COEFS : coef_array_t := LPF8_HALF    --! NTAPS/2 entries
  );
  port (
    clk       : in  std_logic;
    arst      : in  std_logic;           --! asynchronous, active high
    en        : in  std_logic;           --! new input sample
    x         : in  signed(DW-1 downto 0);
    y         : out signed(DW+CW+3 downto 0);
    y_valid   : out std_logic
  );
end entity fir_symmetric;

architecture rtl of fir_symmetric is
  constant HALF : positive := NTAPS / 2;
  constant AW   : positive := DW + CW + 4;

  type tap_arr_t  is array (0 to NTAPS-1) of signed(DW-1 downto 0);
  type pre_arr_t  is array (0 to HALF-1)  of signed(DW downto 0);
  type prod_arr_t is array (0 to HALF-1)  of signed(DW+CW downto 0);

  signal taps  : tap_arr_t;
  signal pre   : pre_arr_t;
  signal prod  : prod_arr_t;
  signal acc   : signed(AW-1 downto 0);
  signal vld   : std_logic_vector(3 downto 0);
begin

  process (clk, arst)
    variable sum : signed(AW-1 downto 0);
  begin
    if arst = '1' then
      taps <= (others => (others => '0'));
      pre  <= (others => (others => '0'));
      prod <= (others => (others => '0'));
      acc  <= (others => '0');
      vld  <= (others => '0');
    elsif rising_edge(clk) then
      -- delay line, advances once per input sample
      if en = '1' then
        taps(0) <= x;
        for i in 1 to NTAPS-1 loop
          taps(i) <= taps(i-1);
        end loop;
      end if;
      -- stage 1: fold the symmetric taps
      for k in 0 to HALF-1 loop
        pre(k) <= resize(taps(k), DW+1) + resize(taps(NTAPS-1-k), DW+1);
      end loop;
      -- stage 2: one multiplier per coefficient pair
      for k in 0 to HALF-1 loop
        prod(k) <= resize(pre(k) * to_signed(COEFS(k), CW), DW+CW+1);
      end loop;
      -- stage 3: sum of products
      sum := (others => '0');
      for k in 0 to HALF-1 loop
        sum := sum + resize(prod(k), AW);
      end loop;
      acc <= sum;
      vld <= vld(2 downto 0) & en;
    end if;
  end process;

  y       <= acc;
  y_valid <= vld(3);

end architecture rtl;
