--! Numerically controlled oscillator: phase accumulator with a programmable
--! frequency word. f_out = FREQ_WORD * f_clk / 2**ACC_W.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity nco is
  generic (
    ACC_W   : positive := 32;   --! phase accumulator width
    PHASE_W : positive := 10    --! phase bits passed to a sine table
  );
  port (
    clk_i      : in  std_logic;
    rst_i      : in  std_logic;                        --! synchronous, active high
    en_i       : in  std_logic;
    freq_i     : in  unsigned(ACC_W-1 downto 0);       --! phase increment per clock
    phase_i    : in  unsigned(ACC_W-1 downto 0);       --! phase offset
    phase_o    : out unsigned(PHASE_W-1 downto 0);
    square_o   : out std_logic;
    wrap_o     : out std_logic                         --! one pulse per output period
  );
end entity nco;

architecture rtl of nco is
  signal acc_q   : unsigned(ACC_W-1 downto 0);
  signal phase_q : unsigned(ACC_W-1 downto 0);
  signal wrap_q  : std_logic;
begin

  process (clk_i)
    variable sum : unsigned(ACC_W downto 0);
  begin
    if rising_edge(clk_i) then
      if rst_i = '1' then
        acc_q   <= (others => '0');
        phase_q <= (others => '0');
        wrap_q  <= '0';
      elsif en_i = '1' then
        sum     := ('0' & acc_q) + ('0' & freq_i);
        acc_q   <= sum(ACC_W-1 downto 0);
        wrap_q  <= sum(ACC_W);                      -- carry out = accumulator wrapped
        phase_q <= acc_q + phase_i;                 -- offset applied after the accumulator
      else
        wrap_q  <= '0';
      end if;
    end if;
  end process;

  phase_o  <= phase_q(ACC_W-1 downto ACC_W-PHASE_W);
  square_o <= phase_q(ACC_W-1);
  wrap_o   <= wrap_q;

end architecture rtl;
