-- Small 8N1 UART transmitter and a testbench that decodes its output with
-- a behavioural receiver procedure and checks every byte.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_tx8 is
  generic (CLKS_PER_BIT : positive := 16);
  port (
    clk   : in  std_logic;
    rst   : in  std_logic;
    start : in  std_logic;
    data  : in  std_logic_vector(7 downto 0);
    busy  : out std_logic;
    tx    : out std_logic
  );
end entity uart_tx8;

architecture rtl of uart_tx8 is
  signal frame : std_logic_vector(9 downto 0) := (others => '1');  -- stop & data & start
  signal nbits : natural range 0 to 10 := 0;
  signal timer : natural range 0 to CLKS_PER_BIT-1 := 0;
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        frame <= (others => '1'); nbits <= 0; timer <= 0;
      elsif nbits = 0 then
        if start = '1' then
          frame <= '1' & data & '0'; nbits <= 10; timer <= 0;
        end if;
      elsif timer = CLKS_PER_BIT-1 then
        timer <= 0;
        frame <= '1' & frame(9 downto 1);
        nbits <= nbits - 1;
      else
        timer <= timer + 1;
      end if;
    end if;
  end process;
  tx   <= frame(0);
  busy <= '1' when nbits /= 0 else '0';
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_uart_tx8 is
end entity tb_uart_tx8;

architecture tb of tb_uart_tx8 is
  constant CLK_PERIOD : time := 10 ns;
  constant CPB        : positive := 16;
  constant BIT_TIME   : time := CPB * CLK_PERIOD;
  type byte_list_t is array (natural range <>) of std_logic_vector(7 downto 0);
  constant TEST_BYTES : byte_list_t := (x"55", x"A3", x"00", x"FF");
  signal clk, rst, start, busy, tx : std_logic := '0';
  signal data : std_logic_vector(7 downto 0) := (others => '0');
  signal sim_end : boolean := false;

  -- Behavioural receiver: wait for the start bit, sample in mid-bit.
  procedure uart_receive (signal line_in : in std_logic; variable b : out std_logic_vector(7 downto 0)) is
  begin
    wait until line_in = '0';
    wait for BIT_TIME / 2;
    assert line_in = '0' report "start bit too short" severity error;
    for i in 0 to 7 loop
      wait for BIT_TIME;
      b(i) := line_in;
    end loop;
    wait for BIT_TIME;
    assert line_in = '1' report "missing stop bit" severity error;
  end procedure;
begin
  clk <= not clk after CLK_PERIOD / 2 when not sim_end;

  dut : entity work.uart_tx8
    generic map (CLKS_PER_BIT => CPB)
    port map (clk => clk, rst => rst, start => start, data => data, busy => busy, tx => tx);

  driver : process
  begin
    rst <= '1';
    wait for 5 * CLK_PERIOD;
    rst <= '0';
    for n in TEST_BYTES'range loop
      wait until rising_edge(clk) and busy = '0';
      data  <= TEST_BYTES(n);
      start <= '1';
      wait until rising_edge(clk);
      start <= '0';
      wait until rising_edge(clk);
    end loop;
    wait;
  end process driver;

  monitor : process
    variable rx : std_logic_vector(7 downto 0);
  begin
    for n in TEST_BYTES'range loop
      uart_receive(tx, rx);
      assert rx = TEST_BYTES(n)
        report "byte " & integer'image(n) & " mismatch" severity error;
    end loop;
    report "tb_uart_tx8 finished";
    sim_end <= true;
    wait;
  end process monitor;
end architecture tb;
