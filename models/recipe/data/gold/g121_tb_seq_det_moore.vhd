-- Testbench for seq_det_moore (design g103).
-- Shifts a fixed bit string through the detector and counts matches.
library ieee;
use ieee.std_logic_1164.all;

entity tb_seq_det_moore is
end entity;

architecture tb of tb_seq_det_moore is
  constant T : time := 20 ns;
  -- "1011" occurs at three places, two of them overlapping: 1011011 ... 1011
  constant STIM     : std_logic_vector(0 to 19) := "10110110010001011000";
  constant EXPECTED : natural := 3;

  signal clk   : std_logic := '0';
  signal rst_n : std_logic := '0';
  signal din   : std_logic := '0';
  signal found : std_logic;
  signal stop  : boolean := false;
  signal hits  : natural := 0;
begin

  clk <= not clk after T / 2 when not stop else clk;

  dut : entity work.seq_det_moore(fsm)
    port map (clk => clk, rst_n => rst_n, din => din, found => found);

  count_hits : process (clk)
  begin
    if rising_edge(clk) then
      if found = '1' then
        hits <= hits + 1;
      end if;
    end if;
  end process;

  drive : process
  begin
    rst_n <= '0';
    wait until rising_edge(clk);
    wait until rising_edge(clk);
    rst_n <= '1' after 1 ns;
    for i in STIM'range loop
      wait until rising_edge(clk);
      din <= STIM(i) after 1 ns;
    end loop;
    wait until rising_edge(clk);
    din <= '0' after 1 ns;
    for i in 1 to 3 loop
      wait until rising_edge(clk);
    end loop;
    assert hits = EXPECTED
      report "found " & integer'image(hits) & " matches, expected "
             & integer'image(EXPECTED)
      severity error;
    report "simulation finished";
    stop <= true;
    wait;
  end process;

end architecture;
