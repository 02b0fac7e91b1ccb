-- Read-data return mux for a simple memory-mapped bus with four slaves.
-- The address is decoded into a slave select; the selected slave's read
-- data is registered back to the master. Unmapped addresses return
-- DEADBEEF and raise rd_err.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity rdata_mux is
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;                        -- synchronous, active high
    rd_en    : in  std_logic;
    addr     : in  std_logic_vector(15 downto 0);
    s0_rdata : in  std_logic_vector(31 downto 0);    -- 0x0000 - 0x0FFF
    s1_rdata : in  std_logic_vector(31 downto 0);    -- 0x1000 - 0x1FFF
    s2_rdata : in  std_logic_vector(31 downto 0);    -- 0x2000 - 0x2FFF
    s3_rdata : in  std_logic_vector(31 downto 0);    -- 0x8000 - 0x80FF
    rdata    : out std_logic_vector(31 downto 0);
    rd_valid : out std_logic;
    rd_err   : out std_logic
  );
end entity rdata_mux;

architecture rtl of rdata_mux is
  signal sel : std_logic_vector(4 downto 0);          -- one-hot, bit 4 = unmapped
begin

  decode : process (addr)
  begin
    sel <= (others => '0');
    if addr(15 downto 12) = x"0" then
      sel(0) <= '1';
    elsif addr(15 downto 12) = x"1" then
      sel(1) <= '1';
    elsif addr(15 downto 12) = x"2" then
      sel(2) <= '1';
    elsif addr(15 downto 8) = x"80" then
      sel(3) <= '1';
    else
      sel(4) <= '1';
    end if;
  end process decode;

  ret : process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        rdata    <= (others => '0');
        rd_valid <= '0';
        rd_err   <= '0';
      else
        rd_valid <= rd_en;
        rd_err   <= rd_en and sel(4);
        if rd_en = '1' then
          case sel is
            when "00001" => rdata <= s0_rdata;
            when "00010" => rdata <= s1_rdata;
            when "00100" => rdata <= s2_rdata;
            when "01000" => rdata <= s3_rdata;
            when others  => rdata <= x"DEADBEEF";
          end case;
        end if;
      end if;
    end if;
  end process ret;

end architecture rtl;
