-- axis_broadcast: copies one stream to N_OUT consumers.
-- The input beat is released only when every output has taken it; outputs
-- that already accepted the current beat are masked so they do not get it twice.
library ieee;
use ieee.std_logic_1164.all;

entity axis_broadcast is
  generic (
    N_OUT : positive := 3;
    W     : positive := 16
  );
  port (
    clk      : in  std_logic;
    resetn   : in  std_logic;                          -- synchronous, active low
    s_valid  : in  std_logic;
    s_ready  : out std_logic;
    s_data   : in  std_logic_vector(W-1 downto 0);
    m_valid  : out std_logic_vector(N_OUT-1 downto 0);
    m_ready  : in  std_logic_vector(N_OUT-1 downto 0);
    m_data   : out std_logic_vector(W-1 downto 0)      -- shared by all outputs
  );
end entity axis_broadcast;

architecture rtl of axis_broadcast is
  signal done_r  : std_logic_vector(N_OUT-1 downto 0);  -- output already served
  signal done_nx : std_logic_vector(N_OUT-1 downto 0);
  signal all_done: std_logic;
begin

  m_data <= s_data;

  gen_out : for i in 0 to N_OUT-1 generate
    m_valid(i) <= s_valid and not done_r(i);
    done_nx(i) <= done_r(i) or (s_valid and m_ready(i));
  end generate gen_out;

  all_done <= '1' when done_nx = (done_nx'range => '1') else '0';
  s_ready  <= all_done;

  process (clk)
  begin
    if rising_edge(clk) then
      if resetn = '0' then
        done_r <= (others => '0');
      elsif s_valid = '1' then
        if all_done = '1' then
          done_r <= (others => '0');   -- beat complete, start the next one
        else
          done_r <= done_nx;
        end if;
      end if;
    end if;
  end process;

end architecture rtl;
