--! @file g002_updown_counter.vhd
--! @brief Loadable up/down counter with synchronous reset.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

--! Loadable up/down counter. Load has priority over counting.
entity updown_counter is
  generic (
    G_WIDTH : natural := 12  --! counter width in bits
  );
  port (
    i_clk   : in  std_logic;                              --! system clock
    i_rst   : in  std_logic;                              --! synchronous reset, active high
    i_load  : in  std_logic;                              --! load i_data into the counter
    i_data  : in  std_logic_vector(G_WIDTH-1 downto 0);   --! value to load
    i_en    : in  std_logic;                              --! count enable
    i_up    : in  std_logic;                              --! '1' counts up, '0' counts down
    o_count : out std_logic_vector(G_WIDTH-1 downto 0);   --! current count
    o_zero  : out std_logic                               --! count equals zero
  );
end entity updown_counter;

architecture rtl of updown_counter is
  signal r_count : unsigned(G_WIDTH-1 downto 0) := (others => '0');
begin

  p_count : process (i_clk)
  begin
    if rising_edge(i_clk) then
      if i_rst = '1' then
        r_count <= (others => '0');
      elsif i_load = '1' then
        r_count <= unsigned(i_data);
      elsif i_en = '1' then
        if i_up = '1' then
          r_count <= r_count + 1;
        else
          r_count <= r_count - 1;
        end if;
      end if;
    end if;
  end process p_count;

  o_count <= std_logic_vector(r_count);
  o_zero  <= '1' when r_count = 0 else '0';

end architecture rtl;
