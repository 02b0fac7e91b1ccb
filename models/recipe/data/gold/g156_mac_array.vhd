-- mac_array: N_CH parallel multiply-accumulate lanes sharing one
-- coefficient stream, e.g. a time-multiplexed FIR over several channels.
-- Lanes are instantiated with a for-generate and direct entity instantiation.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity mac_lane is
  generic (
    DW  : positive := 16;
    ACW : positive := 40
  );
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    first : in  std_logic;                 -- first product of a new sum
    en    : in  std_logic;
    x     : in  signed(DW-1 downto 0);
    c     : in  signed(DW-1 downto 0);
    acc   : out signed(ACW-1 downto 0)
  );
end entity mac_lane;

architecture rtl of mac_lane is
  signal acc_r : signed(ACW-1 downto 0);
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        acc_r <= (others => '0');
      elsif en = '1' then
        if first = '1' then
          acc_r <= resize(x * c, ACW);
        else
          acc_r <= acc_r + resize(x * c, ACW);
        end if;
      end if;
    end if;
  end process;
  acc <= acc_r;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity mac_array is
  generic (
    N_CH : positive := 4;
    DW   : positive := 16;
    ACW  : positive := 40
  );
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                           -- synchronous, active high
    en       : in  std_logic;
    first    : in  std_logic;
    coef     : in  signed(DW-1 downto 0);               -- shared by all lanes
    samples  : in  signed(N_CH*DW-1 downto 0);          -- lane k in bits (k+1)*DW-1 .. k*DW
    results  : out signed(N_CH*ACW-1 downto 0)
  );
end entity mac_array;

architecture structural of mac_array is
begin

  g_lane : for k in 0 to N_CH-1 generate
    u_mac : entity work.mac_lane
      generic map (DW => DW, ACW => ACW)
      port map (
        clk   => clk,
        rst   => rst,
        first => first,
        en    => en,
        x     => samples((k+1)*DW-1 downto k*DW),
        c     => coef,
        acc   => results((k+1)*ACW-1 downto k*ACW)
      );
  end generate g_lane;

end architecture structural;
