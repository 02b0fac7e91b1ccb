-- Valid/ready pipeline register (forward-registered slice).
-- Breaks the data/valid timing path; ready is combinational upstream.
library ieee;
use ieee.std_logic_1164.all;

entity pipe_stage is
  generic (
    DATA_W : positive := 32
  );
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;                         -- sync, active high
    -- upstream
    s_valid   : in  std_logic;
    s_ready   : out std_logic;
    s_data    : in  std_logic_vector(DATA_W-1 downto 0);
    -- downstream
    m_valid   : out std_logic;
    m_ready   : in  std_logic;
    m_data    : out std_logic_vector(DATA_W-1 downto 0)
  );
end entity pipe_stage;

architecture rtl of pipe_stage is
  signal valid_q : std_logic;
  signal data_q  : std_logic_vector(DATA_W-1 downto 0);
  signal load    : std_logic;
begin

  -- the register can take a new word when it is empty or being emptied
  s_ready <= (not valid_q) or m_ready;
  load    <= s_valid and ((not valid_q) or m_ready);

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        valid_q <= '0';
      else
        if load = '1' then
          valid_q <= '1';
        elsif m_ready = '1' then
          valid_q <= '0';
        end if;
      end if;
      if load = '1' then
        data_q <= s_data;
      end if;
    end if;
  end process;

  m_valid <= valid_q;
  m_data  <= data_q;

end architecture rtl;
