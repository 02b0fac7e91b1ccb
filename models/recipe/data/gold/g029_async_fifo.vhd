-- Dual-clock FIFO with Gray-coded pointers and two-flop synchronisers.
-- Classic Cummings-style design: pointers have one extra wrap bit.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity async_fifo is
  generic (
    DW : positive := 8;
    AW : positive := 4
  );
  port (
    wclk    : in  std_logic;
    wrst_n  : in  std_logic;
    winc    : in  std_logic;
    wdata   : in  std_logic_vector(DW-1 downto 0);
    wfull   : out std_logic;
    rclk    : in  std_logic;
    rrst_n  : in  std_logic;
    rinc    : in  std_logic;
    rdata   : out std_logic_vector(DW-1 downto 0);
    rempty  : out std_logic
  );
end entity async_fifo;

architecture rtl of async_fifo is
  type ram_t is array (0 to 2**AW-1) of std_logic_vector(DW-1 downto 0);
  signal ram : ram_t;

  subtype ptr_t is unsigned(AW downto 0);
  function bin2gray(b : ptr_t) return ptr_t is
  begin
    return b xor shift_right(b, 1);
  end function;

  signal wbin, wgray, rbin, rgray : ptr_t;
  signal rgray_w1, rgray_w2 : ptr_t;   -- read pointer in write domain
  signal wgray_r1, wgray_r2 : ptr_t;   -- write pointer in read domain
  signal wbin_next, rbin_next : ptr_t;
  signal full_i, empty_i : std_logic;
begin

  ---------------------------------------------------------------- write side
  wbin_next <= wbin + 1 when (winc = '1' and full_i = '0') else wbin;

  wr_p : process (wclk, wrst_n)
  begin
    if wrst_n = '0' then
      wbin <= (others => '0'); wgray <= (others => '0');
      rgray_w1 <= (others => '0'); rgray_w2 <= (others => '0');
      full_i <= '0';
    elsif rising_edge(wclk) then
      rgray_w1 <= rgray;
      rgray_w2 <= rgray_w1;
      wbin  <= wbin_next;
      wgray <= bin2gray(wbin_next);
      -- full: next write pointer equals read pointer with the two MSBs inverted
      if bin2gray(wbin_next) = (not rgray_w2(AW downto AW-1)) & rgray_w2(AW-2 downto 0) then
        full_i <= '1';
      else
        full_i <= '0';
      end if;
    end if;
  end process wr_p;

  ram_wr : process (wclk)
  begin
    if rising_edge(wclk) then
      if winc = '1' and full_i = '0' then
        ram(to_integer(wbin(AW-1 downto 0))) <= wdata;
      end if;
    end if;
  end process ram_wr;

  ----------------------------------------------------------------- read side
  rbin_next <= rbin + 1 when (rinc = '1' and empty_i = '0') else rbin;

  rd_p : process (rclk, rrst_n)
  begin
    if rrst_n = '0' then
      rbin <= (others => '0'); rgray <= (others => '0');
      wgray_r1 <= (others => '0'); wgray_r2 <= (others => '0');
      empty_i <= '1';
    elsif rising_edge(rclk) then
      wgray_r1 <= wgray;
      wgray_r2 <= wgray_r1;
      rbin  <= rbin_next;
      rgray <= bin2gray(rbin_next);
      if bin2gray(rbin_next) = wgray_r2 then
        empty_i <= '1';
      else
        empty_i <= '0';
      end if;
    end if;
  end process rd_p;

  -- Unregistered read (first word fall-through from distributed RAM).
  rdata  <= ram(to_integer(rbin(AW-1 downto 0)));
  wfull  <= full_i;
  rempty <= empty_i;

end architecture rtl;
