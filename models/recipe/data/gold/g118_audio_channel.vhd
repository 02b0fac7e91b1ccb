-- audio_channel: one channel of an audio mixer.
--   dc_blocker -> volume (gain + saturation)
-- Sub-blocks are bound through component declarations, as in the rest
-- of the mixer hierarchy.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity dc_blocker is
  port (
    clk    : in  std_logic;
    rst    : in  std_logic;
    ce     : in  std_logic;                    -- one pulse per audio sample
    x      : in  signed(15 downto 0);
    y      : out signed(15 downto 0)
  );
end entity dc_blocker;

-- y[n] = x[n] - x[n-1] + (1 - 2^-8) * y[n-1]
architecture rtl of dc_blocker is
  signal x_d : signed(15 downto 0);
  signal acc : signed(23 downto 0);            -- y with 8 fractional bits
begin
  process (clk)
    variable diff : signed(23 downto 0);
  begin
    if rising_edge(clk) then
      if rst = '1' then
        x_d <= (others => '0');
        acc <= (others => '0');
      elsif ce = '1' then
        diff := shift_left(resize(x, 24) - resize(x_d, 24), 8);
        acc  <= acc + diff - shift_right(acc, 8);
        x_d  <= x;
      end if;
    end if;
  end process;
  y <= acc(23 downto 8);
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity volume is
  port (
    clk  : in  std_logic;
    ce   : in  std_logic;
    vol  : in  unsigned(7 downto 0);           -- 128 = unity gain
    x    : in  signed(15 downto 0);
    y    : out signed(15 downto 0)
  );
end entity volume;

architecture rtl of volume is
begin
  process (clk)
    variable p : signed(24 downto 0);
  begin
    if rising_edge(clk) then
      if ce = '1' then
        p := x * signed('0' & vol);
        p := shift_right(p, 7);
        if p > 32767 then
          y <= to_signed(32767, 16);
        elsif p < -32768 then
          y <= to_signed(-32768, 16);
        else
          y <= resize(p, 16);
        end if;
      end if;
    end if;
  end process;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity audio_channel is
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;                -- synchronous, active high
    sample_ce  : in  std_logic;
    vol        : in  unsigned(7 downto 0);
    audio_in   : in  signed(15 downto 0);
    audio_out  : out signed(15 downto 0)
  );
end entity audio_channel;

architecture structural of audio_channel is
  component dc_blocker is
    port (
      clk : in  std_logic;
      rst : in  std_logic;
      ce  : in  std_logic;
      x   : in  signed(15 downto 0);
      y   : out signed(15 downto 0)
    );
  end component;

  component volume is
    port (
      clk : in  std_logic;
      ce  : in  std_logic;
      vol : in  unsigned(7 downto 0);
      x   : in  signed(15 downto 0);
      y   : out signed(15 downto 0)
    );
  end component;

  signal no_dc : signed(15 downto 0);
begin

  u_dc : dc_blocker
    port map (clk => clk, rst => rst, ce => sample_ce, x => audio_in, y => no_dc);

  u_vol : volume
    port map (clk => clk, ce => sample_ce, vol => vol, x => no_dc, y => audio_out);

end architecture structural;
