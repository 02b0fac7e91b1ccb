-- CIC decimator: N integrator stages at the input rate, decimation by R, then
-- N comb stages (differential delay 1) at the output rate. Full-precision
-- internal width: IN_W + N * ceil(log2(R)) bits.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity cic_decim is
  generic (
    IN_W : positive := 12;
    N    : positive := 3;     -- stages
    R    : positive := 8;     -- decimation ratio (a power of two here)
    LOGR : positive := 3      -- log2(R)
  );
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;                               -- synchronous reset, active high
    in_valid  : in  std_logic;
    in_data   : in  signed(IN_W-1 downto 0);
    out_valid : out std_logic;
    out_data  : out signed(IN_W + N*LOGR - 1 downto 0)
  );
end entity cic_decim;

architecture rtl of cic_decim is
  constant W : positive := IN_W + N*LOGR;
  type stage_t is array (1 to N) of signed(W-1 downto 0);
  signal integ  : stage_t;
  signal comb   : stage_t;
  signal delay  : stage_t;
  signal phase  : natural range 0 to R - 1;
  signal dec_v  : std_logic;
begin

  integrators : process (clk)
  begin
    if rising_edge(clk) then
      dec_v <= '0';
      if rst = '1' then
        integ <= (others => (others => '0'));
        phase <= 0;
      elsif in_valid = '1' then
        integ(1) <= integ(1) + resize(in_data, W);
        for i in 2 to N loop
          integ(i) <= integ(i) + integ(i-1);
        end loop;
        if phase = R - 1 then
          phase <= 0;
          dec_v <= '1';                      -- keep one sample in R
        else
          phase <= phase + 1;
        end if;
      end if;
    end if;
  end process integrators;

  combs : process (clk)
    variable x : signed(W-1 downto 0);
  begin
    if rising_edge(clk) then
      out_valid <= '0';
      if rst = '1' then
        comb  <= (others => (others => '0'));
        delay <= (others => (others => '0'));
      elsif dec_v = '1' then
        x := integ(N);
        for i in 1 to N loop
          comb(i)  <= x - delay(i);
          delay(i) <= x;
          x := x - delay(i);
        end loop;
        out_valid <= '1';
      end if;
    end if;
  end process combs;

  out_data <= comb(N);

end architecture rtl;
