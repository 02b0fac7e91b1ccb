--! Pipelined binary <-> Gray converters, e.g. for encoder interfaces.
--! bin2gray is a single XOR stage; gray2bin is a prefix-XOR chain split
--! into two pipeline stages.
library ieee;
use ieee.std_logic_1164.all;

entity gray_pipeline is
  generic (
    W : positive := 16               --! even, >= 4
  );
  port (
    clk       : in  std_logic;
    ce        : in  std_logic;       --! pipeline advance
    bin_in    : in  std_logic_vector(W-1 downto 0);
    gray_out  : out std_logic_vector(W-1 downto 0);   --! latency 1
    gray_in   : in  std_logic_vector(W-1 downto 0);
    bin_out   : out std_logic_vector(W-1 downto 0)    --! latency 2
  );
end entity gray_pipeline;

architecture rtl of gray_pipeline is
  constant H : natural := W/2;
  signal upper_bin : std_logic_vector(W-1 downto H);   -- stage 1: top half decoded
  signal lower_g   : std_logic_vector(H-1 downto 0);   -- stage 1: bottom half still Gray
begin

  --! Binary to Gray: g(i) = b(i) xor b(i+1).
  b2g : process (clk)
  begin
    if rising_edge(clk) then
      if ce = '1' then
        gray_out <= bin_in xor ('0' & bin_in(W-1 downto 1));
      end if;
    end if;
  end process b2g;

  --! Gray to binary: b(i) = xor of g(W-1 downto i). Stage 1 decodes the top half.
  g2b_s1 : process (clk)
    variable acc : std_logic;
  begin
    if rising_edge(clk) then
      if ce = '1' then
        acc := '0';
        for i in W-1 downto H loop
          acc := acc xor gray_in(i);
          upper_bin(i) <= acc;
        end loop;
        lower_g <= gray_in(H-1 downto 0);
      end if;
    end if;
  end process g2b_s1;

  --! Stage 2 continues the chain from the lowest decoded bit.
  g2b_s2 : process (clk)
    variable acc : std_logic;
  begin
    if rising_edge(clk) then
      if ce = '1' then
        acc := upper_bin(H);
        bin_out(W-1 downto H) <= upper_bin;
        for i in H-1 downto 0 loop
          acc := acc xor lower_g(i);
          bin_out(i) <= acc;
        end loop;
      end if;
    end if;
  end process g2b_s2;

end architecture rtl;
