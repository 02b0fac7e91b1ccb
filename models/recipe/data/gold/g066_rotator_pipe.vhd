-- Two-stage pipelined left rotator. Stage 1 rotates by the coarse amount
-- (multiples of 8), stage 2 by the fine amount (0..7). Valid travels
-- alongside the data.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity rotator_pipe is
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;
    in_valid  : in  std_logic;
    in_data   : in  std_logic_vector(31 downto 0);
    in_amount : in  unsigned(4 downto 0);
    out_valid : out std_logic;
    out_data  : out std_logic_vector(31 downto 0)
  );
end entity rotator_pipe;

architecture rtl of rotator_pipe is
  signal s1_valid : std_logic;
  signal s1_data  : std_logic_vector(31 downto 0);
  signal s1_fine  : unsigned(2 downto 0);
begin

  stage1 : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        s1_valid <= '0';
      else
        s1_valid <= in_valid;
      end if;
      -- coarse rotate by 0, 8, 16 or 24
      case in_amount(4 downto 3) is
        when "00"   => s1_data <= in_data;
        when "01"   => s1_data <= in_data(23 downto 0) & in_data(31 downto 24);
        when "10"   => s1_data <= in_data(15 downto 0) & in_data(31 downto 16);
        when others => s1_data <= in_data(7 downto 0)  & in_data(31 downto 8);
      end case;
      s1_fine <= in_amount(2 downto 0);
    end if;
  end process stage1;

  stage2 : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        out_valid <= '0';
      else
        out_valid <= s1_valid;
      end if;
      out_data <= std_logic_vector(rotate_left(unsigned(s1_data), to_integer(s1_fine)));
    end if;
  end process stage2;

end architecture rtl;
