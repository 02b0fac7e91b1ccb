--! Five-tap low-pass FIR filter in transposed form.
--! One sample per clock when din_valid is high; symmetric integer coefficients.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity fir_transposed is
  generic (
    DIN_W  : positive := 16;
    COEF_W : positive := 8;
    ACC_W  : positive := 27
  );
  port (
    clk        : in  std_logic;
    rst_n      : in  std_logic;  --! asynchronous, active low
    din        : in  signed(DIN_W-1 downto 0);
    din_valid  : in  std_logic;
    dout       : out signed(ACC_W-1 downto 0);
    dout_valid : out std_logic
  );
end entity fir_transposed;

architecture rtl of fir_transposed is
  constant TAPS : positive := 5;
  type coef_t is array (0 to TAPS-1) of integer;
  constant COEF : coef_t := (3, 20, 40, 20, 3);

  type acc_array_t is array (0 to TAPS-1) of signed(ACC_W-1 downto 0);
  signal z       : acc_array_t;  --! partial sums, z(0) is the output
  signal valid_r : std_logic;
begin

  p_fir : process (clk, rst_n)
  begin
    if rst_n = '0' then
      z       <= (others => (others => '0'));
      valid_r <= '0';
    elsif rising_edge(clk) then
      valid_r <= din_valid;
      if din_valid = '1' then
        for k in 0 to TAPS-2 loop
          z(k) <= resize(din * to_signed(COEF(k), COEF_W), ACC_W) + z(k+1);
        end loop;
        z(TAPS-1) <= resize(din * to_signed(COEF(TAPS-1), COEF_W), ACC_W);
      end if;
    end if;
  end process p_fir;

  dout       <= z(0);
  dout_valid <= valid_r;

end architecture rtl;
