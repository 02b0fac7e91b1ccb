-- Two-stage pipelined signed ALU (add, sub, min, max).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity alu_pipe is
  generic (
    G_WIDTH : positive := 16
  );
  port (
    i_clk   : in  std_logic;
    i_rst_n : in  std_logic;                          -- synchronous, active low
    i_valid : in  std_logic;
    i_op    : in  std_logic_vector(1 downto 0);       -- 00 add, 01 sub, 10 min, 11 max
    i_a     : in  signed(G_WIDTH-1 downto 0);
    i_b     : in  signed(G_WIDTH-1 downto 0);
    o_valid : out std_logic;
    o_res   : out signed(G_WIDTH-1 downto 0);
    o_zero  : out std_logic
  );
end entity alu_pipe;

architecture rtl of alu_pipe is
  -- stage 1: registered operands
  signal s1_valid : std_logic;
  signal s1_op    : std_logic_vector(1 downto 0);
  signal s1_a     : signed(G_WIDTH-1 downto 0);
  signal s1_b     : signed(G_WIDTH-1 downto 0);
  -- stage 2: registered result
  signal s2_valid : std_logic;
  signal s2_res   : signed(G_WIDTH-1 downto 0);
begin

  process (i_clk)
  begin
    if rising_edge(i_clk) then
      -- datapath registers, no reset needed
      s1_op <= i_op;
      s1_a  <= i_a;
      s1_b  <= i_b;

      case s1_op is
        when "00"   => s2_res <= s1_a + s1_b;
        when "01"   => s2_res <= s1_a - s1_b;
        when "10"   =>
          if s1_a < s1_b then
            s2_res <= s1_a;
          else
            s2_res <= s1_b;
          end if;
        when others =>
          if s1_a > s1_b then
            s2_res <= s1_a;
          else
            s2_res <= s1_b;
          end if;
      end case;

      -- control registers
      if i_rst_n = '0' then
        s1_valid <= '0';
        s2_valid <= '0';
      else
        s1_valid <= i_valid;
        s2_valid <= s1_valid;
      end if;
    end if;
  end process;

  o_valid <= s2_valid;
  o_res   <= s2_res;
  o_zero  <= '1' when s2_res = 0 else '0';

end architecture rtl;
