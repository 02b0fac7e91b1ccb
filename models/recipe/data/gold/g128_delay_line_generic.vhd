-- Type-generic delay line (VHDL-2008 generic type).
-- Delays any signal type by DEPTH clock cycles; the reset value is a generic.
library ieee;
use ieee.std_logic_1164.all;

entity delay_line_generic is
  generic (
    type data_t;                        -- element type, e.g. a record
    DEPTH      : positive := 3;
    RESET_VAL  : data_t                 -- value loaded on reset
  );
  port (
    clk    : in  std_logic;
    rst_n  : in  std_logic;             -- asynchronous, active low
    ce     : in  std_logic;
    d      : in  data_t;
    q      : out data_t
  );
end entity delay_line_generic;

architecture rtl of delay_line_generic is
  type pipe_t is array (1 to DEPTH) of data_t;
  signal pipe : pipe_t;
begin

  process (clk, rst_n)
  begin
    if rst_n = '0' then
      pipe <= (others => RESET_VAL);
    elsif rising_edge(clk) then
      if ce = '1' then
        pipe(1) <= d;
        for i in 2 to DEPTH loop
          pipe(i) <= pipe(i-1);
        end loop;
      end if;
    end if;
  end process;

  q <= pipe(DEPTH);

end architecture rtl;

-- Example user: delays a pixel record (with its sync flags) by three clocks
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity pixel_delay is
  port (
    clk      : in  std_logic;
    rst_n    : in  std_logic;
    ce       : in  std_logic;
    in_rgb   : in  std_logic_vector(23 downto 0);
    in_hsync : in  std_logic;
    in_vsync : in  std_logic;
    out_rgb  : out std_logic_vector(23 downto 0);
    out_hsync: out std_logic;
    out_vsync: out std_logic
  );
end entity pixel_delay;

architecture rtl of pixel_delay is
  type pixel_t is record
    rgb   : std_logic_vector(23 downto 0);
    hsync : std_logic;
    vsync : std_logic;
  end record;
  constant PIXEL_IDLE : pixel_t := (rgb => (others => '0'), hsync => '1', vsync => '1');
  signal pix_in, pix_out : pixel_t;
begin

  pix_in <= (rgb => in_rgb, hsync => in_hsync, vsync => in_vsync);

  u_dly : entity work.delay_line_generic
    generic map (data_t => pixel_t, DEPTH => 3, RESET_VAL => PIXEL_IDLE)
    port map (clk => clk, rst_n => rst_n, ce => ce, d => pix_in, q => pix_out);

  out_rgb   <= pix_out.rgb;
  out_hsync <= pix_out.hsync;
  out_vsync <= pix_out.vsync;

end architecture rtl;
