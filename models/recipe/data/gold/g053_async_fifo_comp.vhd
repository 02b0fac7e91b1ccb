-- Asynchronous FIFO built from a reusable Gray-pointer synchroniser
-- component. The synchroniser entity is in this file; the FIFO instantiates
-- it twice with a component declaration (legacy style).
library ieee;
use ieee.std_logic_1164.all;

entity gray_sync is
  generic (W : positive := 5);
  port (
    clk   : in  std_logic;
    rst_n : in  std_logic;
    d     : in  std_logic_vector(W-1 downto 0);
    q     : out std_logic_vector(W-1 downto 0)
  );
end entity gray_sync;

architecture rtl of gray_sync is
  signal s1, s2 : std_logic_vector(W-1 downto 0);
begin
  process (clk, rst_n)
  begin
    if rst_n = '0' then
      s1 <= (others => '0'); s2 <= (others => '0');
    elsif rising_edge(clk) then
      s1 <= d; s2 <= s1;
    end if;
  end process;
  q <= s2;
end architecture rtl;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity async_fifo_comp is
  generic (DATA_W : positive := 16; PTR_W : positive := 3);   -- depth 2**PTR_W
  port (
    wr_clk, wr_rst_n : in  std_logic;
    wr_en            : in  std_logic;
    wr_data          : in  std_logic_vector(DATA_W-1 downto 0);
    full             : out std_logic;
    rd_clk, rd_rst_n : in  std_logic;
    rd_en            : in  std_logic;
    rd_data          : out std_logic_vector(DATA_W-1 downto 0);
    empty            : out std_logic
  );
end entity async_fifo_comp;

architecture rtl of async_fifo_comp is
  component gray_sync is
    generic (W : positive := 5);
    port (clk, rst_n : in std_logic;
          d : in std_logic_vector(W-1 downto 0);
          q : out std_logic_vector(W-1 downto 0));
  end component;

  type mem_t is array (0 to 2**PTR_W-1) of std_logic_vector(DATA_W-1 downto 0);
  signal mem : mem_t;
  signal wptr, rptr : unsigned(PTR_W downto 0) := (others => '0');  -- binary
  signal wgray, rgray, wgray_rd, rgray_wr : std_logic_vector(PTR_W downto 0);
  signal full_i, empty_i : std_logic;

  function to_gray(b : unsigned) return std_logic_vector is
  begin
    return std_logic_vector(b xor ('0' & b(b'high downto 1)));
  end function;
begin
  wgray <= to_gray(wptr);
  rgray <= to_gray(rptr);

  u_sync_r2w : gray_sync generic map (W => PTR_W+1)
    port map (clk => wr_clk, rst_n => wr_rst_n, d => rgray, q => rgray_wr);
  u_sync_w2r : gray_sync generic map (W => PTR_W+1)
    port map (clk => rd_clk, rst_n => rd_rst_n, d => wgray, q => wgray_rd);

  full_i  <= '1' when wgray = (not rgray_wr(PTR_W downto PTR_W-1)) & rgray_wr(PTR_W-2 downto 0) else '0';
  empty_i <= '1' when rgray = wgray_rd else '0';

  wr_p : process (wr_clk, wr_rst_n)
  begin
    if wr_rst_n = '0' then
      wptr <= (others => '0');
    elsif rising_edge(wr_clk) then
      if wr_en = '1' and full_i = '0' then
        mem(to_integer(wptr(PTR_W-1 downto 0))) <= wr_data;
        wptr <= wptr + 1;
      end if;
    end if;
  end process wr_p;

  rd_p : process (rd_clk, rd_rst_n)
  begin
    if rd_rst_n = '0' then
      rptr    <= (others => '0');
      rd_data <= (others => '0');
    elsif rising_edge(rd_clk) then
      if rd_en = '1' and empty_i = '0' then
        rd_data <= mem(to_integer(rptr(PTR_W-1 downto 0)));
        rptr    <= rptr + 1;
      end if;
    end if;
  end process rd_p;

  full  <= full_i;
  empty <= empty_i;
end architecture rtl;
