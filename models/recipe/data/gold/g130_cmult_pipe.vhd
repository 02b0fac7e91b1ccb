-- Pipelined complex multiplier: (ar + j ai) * (br + j bi)
--   pr = ar*br - ai*bi
--   pi = ar*bi + ai*br
-- Four real multipliers, three register stages, full-precision output.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity cmult_pipe is
  generic (
    G_W : positive := 16
  );
  port (
    i_clk   : in  std_logic;
    i_rst   : in  std_logic;                       -- sync, active high, valid only
    i_valid : in  std_logic;
    i_ar    : in  signed(G_W-1 downto 0);
    i_ai    : in  signed(G_W-1 downto 0);
    i_br    : in  signed(G_W-1 downto 0);
    i_bi    : in  signed(G_W-1 downto 0);
    o_valid : out std_logic;
    o_pr    : out signed(2*G_W downto 0);
    o_pi    : out signed(2*G_W downto 0)
  );
end entity cmult_pipe;

architecture rtl of cmult_pipe is
  signal ar_q, ai_q, br_q, bi_q : signed(G_W-1 downto 0);
  signal rr_q, ii_q, ri_q, ir_q : signed(2*G_W-1 downto 0);
  signal pr_q, pi_q             : signed(2*G_W downto 0);
  signal vld_q                  : std_logic_vector(2 downto 0);
begin

  p_pipe : process (i_clk)
  begin
    if rising_edge(i_clk) then
      -- stage 1: input registers
      ar_q <= i_ar;
      ai_q <= i_ai;
      br_q <= i_br;
      bi_q <= i_bi;
      -- stage 2: partial products
      rr_q <= ar_q * br_q;
      ii_q <= ai_q * bi_q;
      ri_q <= ar_q * bi_q;
      ir_q <= ai_q * br_q;
      -- stage 3: sum / difference, one growth bit
      pr_q <= resize(rr_q, 2*G_W+1) - resize(ii_q, 2*G_W+1);
      pi_q <= resize(ri_q, 2*G_W+1) + resize(ir_q, 2*G_W+1);

      if i_rst = '1' then
        vld_q <= (others => '0');
      else
        vld_q <= vld_q(1 downto 0) & i_valid;
      end if;
    end if;
  end process p_pipe;

  o_pr    <= pr_q;
  o_pi    <= pi_q;
  o_valid <= vld_q(2);

end architecture rtl;
