-- Self-checking testbench for skid_buffer (g109).
-- Random valid on the input, random ready on the output; the checker
-- expects the counting sequence to come out in order with no gaps.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use ieee.math_real.all;

entity tb_skid_buffer is
end entity tb_skid_buffer;

architecture sim of tb_skid_buffer is
  component skid_buffer is
    generic (WIDTH : positive := 64);
    port (
      aclk          : in  std_logic;
      aresetn       : in  std_logic;
      s_axis_tvalid : in  std_logic;
      s_axis_tready : out std_logic;
      s_axis_tdata  : in  std_logic_vector(WIDTH-1 downto 0);
      m_axis_tvalid : out std_logic;
      m_axis_tready : in  std_logic;
      m_axis_tdata  : out std_logic_vector(WIDTH-1 downto 0)
    );
  end component;

  constant CLK_PERIOD : time     := 10 ns;
  constant N_WORDS    : positive := 500;

  signal aclk          : std_logic := '0';
  signal aresetn       : std_logic := '0';
  signal s_axis_tvalid : std_logic := '0';
  signal s_axis_tready : std_logic;
  signal s_axis_tdata  : std_logic_vector(15 downto 0) := (others => '0');
  signal m_axis_tvalid : std_logic;
  signal m_axis_tready : std_logic := '0';
  signal m_axis_tdata  : std_logic_vector(15 downto 0);
  signal done          : boolean := false;
begin

  aclk <= not aclk after CLK_PERIOD / 2 when not done;

  dut : skid_buffer
    generic map (WIDTH => 16)
    port map (
      aclk          => aclk,
      aresetn       => aresetn,
      s_axis_tvalid => s_axis_tvalid,
      s_axis_tready => s_axis_tready,
      s_axis_tdata  => s_axis_tdata,
      m_axis_tvalid => m_axis_tvalid,
      m_axis_tready => m_axis_tready,
      m_axis_tdata  => m_axis_tdata
    );

  -- producer: offers words 0, 1, 2 ... with random gaps
  producer : process
    variable seed1, seed2 : positive := 7;
    variable r            : real;
    variable n            : natural := 0;
  begin
    aresetn <= '0';
    wait for 5 * CLK_PERIOD;
    wait until rising_edge(aclk);
    aresetn <= '1';
    while n < N_WORDS loop
      uniform(seed1, seed2, r);
      if r < 0.7 then
        s_axis_tvalid <= '1';
        s_axis_tdata  <= std_logic_vector(to_unsigned(n, 16));
        wait until rising_edge(aclk) and s_axis_tready = '1';
        n := n + 1;
      else
        s_axis_tvalid <= '0';
        wait until rising_edge(aclk);
      end if;
    end loop;
    s_axis_tvalid <= '0';
    wait;
  end process producer;

  -- consumer: random back-pressure, checks order
  consumer : process
    variable seed1, seed2 : positive := 11;
    variable r            : real;
    variable expected     : natural := 0;
  begin
    wait until aresetn = '1';
    while expected < N_WORDS loop
      uniform(seed1, seed2, r);
      if r < 0.6 then
        m_axis_tready <= '1';
      else
        m_axis_tready <= '0';
      end if;
      wait until rising_edge(aclk);
      if m_axis_tvalid = '1' and m_axis_tready = '1' then
        assert to_integer(unsigned(m_axis_tdata)) = expected
          report "data mismatch: got " & integer'image(to_integer(unsigned(m_axis_tdata)))
                 & ", expected " & integer'image(expected)
          severity error;
        expected := expected + 1;
      end if;
    end loop;
    report "tb_skid_buffer: " & integer'image(expected) & " words checked" severity note;
    done <= true;
    wait;
  end process consumer;

  watchdog : process
  begin
    wait for 20 us;
    assert done report "timeout: transfer did not complete" severity failure;
    wait;
  end process watchdog;

end architecture sim;
