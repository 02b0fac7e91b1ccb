-------------------------------------------------------------------------------
-- tb_sp_ram_rf : testbench for the read-first single-port RAM (g092)
--   1. fill the memory with a known pattern
--   2. read it back and compare
--   3. write over a word and check that the old data appears on dout
-------------------------------------------------------------------------------
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity tb_sp_ram_rf is
end entity tb_sp_ram_rf;

architecture sim of tb_sp_ram_rf is
  constant ADDR_W : positive := 4;
  constant DATA_W : positive := 16;
  constant PERIOD : time     := 8 ns;

  signal clk  : std_logic := '0';
  signal en   : std_logic := '0';
  signal we   : std_logic := '0';
  signal addr : std_logic_vector(ADDR_W-1 downto 0) := (others => '0');
  signal din  : std_logic_vector(DATA_W-1 downto 0) := (others => '0');
  signal dout : std_logic_vector(DATA_W-1 downto 0);
  signal running : boolean := true;

  function pattern(a : natural) return std_logic_vector is
  begin
    return std_logic_vector(to_unsigned((a * 257 + 16#1234#) mod 65536, DATA_W));
  end function;
begin

  clk <= not clk after PERIOD / 2 when running;

  dut : entity work.sp_ram_rf
    generic map (ADDR_W => ADDR_W, DATA_W => DATA_W)
    port map (clk => clk, en => en, we => we, addr => addr, din => din, dout => dout);

  main : process
    procedure write_word(a : natural; d : std_logic_vector) is
    begin
      en   <= '1';
      we   <= '1';
      addr <= std_logic_vector(to_unsigned(a, ADDR_W));
      din  <= d;
      wait until rising_edge(clk);
      we   <= '0';
      en   <= '0';
    end procedure;

    procedure read_word(a : natural; d : out std_logic_vector) is
    begin
      en   <= '1';
      we   <= '0';
      addr <= std_logic_vector(to_unsigned(a, ADDR_W));
      wait until rising_edge(clk);
      en   <= '0';
      wait for 1 ns;               -- let dout settle after the edge
      d := dout;
    end procedure;

    variable rd : std_logic_vector(DATA_W-1 downto 0);
  begin
    wait until rising_edge(clk);

    for a in 0 to 2**ADDR_W - 1 loop
      write_word(a, pattern(a));
    end loop;

    for a in 0 to 2**ADDR_W - 1 loop
      read_word(a, rd);
      assert rd = pattern(a)
        report "readback mismatch at address " & integer'image(a)
        severity error;
    end loop;

    -- read-first: a write returns the previous contents on dout
    write_word(5, x"BEEF");
    wait for 1 ns;
    assert dout = pattern(5)
      report "write did not return old data (not read-first)" severity error;
    read_word(5, rd);
    assert rd = x"BEEF" report "new data not stored" severity error;

    report "tb_sp_ram_rf: all checks done";
    running <= false;
    wait;
  end process main;

end architecture sim;
