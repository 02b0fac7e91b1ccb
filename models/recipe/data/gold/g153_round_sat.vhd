--! Requantiser: 32-bit accumulator to 16-bit output with convergent
--! (round-half-to-even) rounding and saturation. Two pipeline stages.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity round_sat is
  generic (
    G_IN_W  : positive := 32;
    G_OUT_W : positive := 16;
    G_DROP  : positive := 12     --! LSBs removed by rounding
  );
  port (
    i_clk    : in  std_logic;
    i_arst_n : in  std_logic;    --! asynchronous, active low
    i_valid  : in  std_logic;
    i_data   : in  signed(G_IN_W-1 downto 0);
    o_valid  : out std_logic;
    o_data   : out signed(G_OUT_W-1 downto 0);
    o_clip   : out std_logic     --! output was saturated
  );
end entity round_sat;

architecture rtl of round_sat is
  constant RW : positive := G_IN_W - G_DROP + 1;       -- rounded width, one carry bit
  signal rounded : signed(RW-1 downto 0);
  signal v1      : std_logic;
begin

  -- stage 1: convergent rounding
  p_round : process (i_clk, i_arst_n)
    variable kept : signed(RW-1 downto 0);
    variable frac : unsigned(G_DROP-1 downto 0);
    constant HALF : unsigned(G_DROP-1 downto 0) := ('1', others => '0');
  begin
    if i_arst_n = '0' then
      rounded <= (others => '0');
      v1      <= '0';
    elsif rising_edge(i_clk) then
      v1 <= i_valid;
      kept := resize(i_data(G_IN_W-1 downto G_DROP), RW);
      frac := unsigned(i_data(G_DROP-1 downto 0));
      if frac > HALF or (frac = HALF and kept(0) = '1') then
        rounded <= kept + 1;       -- above half, or exactly half and odd
      else
        rounded <= kept;
      end if;
    end if;
  end process p_round;

  -- stage 2: saturation to the output width
  p_sat : process (i_clk, i_arst_n)
    constant MAXV : signed(G_OUT_W-1 downto 0) := ('0', others => '1');
    constant MINV : signed(G_OUT_W-1 downto 0) := ('1', others => '0');
  begin
    if i_arst_n = '0' then
      o_data  <= (others => '0');
      o_clip  <= '0';
      o_valid <= '0';
    elsif rising_edge(i_clk) then
      o_valid <= v1;
      if rounded > MAXV then
        o_data <= MAXV;
        o_clip <= '1';
      elsif rounded < MINV then
        o_data <= MINV;
        o_clip <= '1';
      else
        o_data <= resize(rounded, G_OUT_W);
        o_clip <= '0';
      end if;
    end if;
  end process p_sat;

end architecture rtl;
