-- Debounces a bank of inputs using a sampling strobe and a per-input
-- shift register: the output changes when all samples agree.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity debounce_bank is
  generic (
    N_INPUTS   : positive := 4;
    DEPTH      : positive := 4;     -- samples that must agree
    SAMPLE_DIV : positive := 50000  -- clocks between samples
  );
  port (
    i_clk  : in  std_logic;
    i_rst  : in  std_logic;
    i_keys : in  std_logic_vector(N_INPUTS-1 downto 0);
    o_keys : out std_logic_vector(N_INPUTS-1 downto 0)
  );
end entity debounce_bank;

architecture rtl of debounce_bank is
  signal div_cnt  : natural range 0 to SAMPLE_DIV-1 := 0;
  signal sample   : std_logic := '0';
  signal keys_s1, keys_s2 : std_logic_vector(N_INPUTS-1 downto 0) := (others => '0');
begin

  -- Sampling strobe shared by all channels.
  strobe_p : process (i_clk)
  begin
    if rising_edge(i_clk) then
      sample <= '0';
      keys_s1 <= i_keys;
      keys_s2 <= keys_s1;
      if i_rst = '1' then
        div_cnt <= 0;
      elsif div_cnt = SAMPLE_DIV-1 then
        div_cnt <= 0;
        sample  <= '1';
      else
        div_cnt <= div_cnt + 1;
      end if;
    end if;
  end process strobe_p;

  gen_ch : for i in 0 to N_INPUTS-1 generate
    signal hist : std_logic_vector(DEPTH-1 downto 0) := (others => '0');
    signal q    : std_logic := '0';
  begin
    ch_p : process (i_clk)
    begin
      if rising_edge(i_clk) then
        if i_rst = '1' then
          hist <= (others => '0');
          q    <= '0';
        elsif sample = '1' then
          hist <= hist(DEPTH-2 downto 0) & keys_s2(i);
          if hist = (hist'range => '1') then
            q <= '1';
          elsif hist = (hist'range => '0') then
            q <= '0';
          end if;
        end if;
      end if;
    end process ch_p;
    o_keys(i) <= q;
  end generate gen_ch;

end architecture rtl;
