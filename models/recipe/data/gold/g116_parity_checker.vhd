--! parity_pkg : parity helpers.
--! parity_checker : generates or checks a parity bit on a byte stream and keeps
--! a sticky error flag plus an error counter.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package parity_pkg is
  function even_parity(d : std_logic_vector) return std_logic;
  function odd_parity(d : std_logic_vector) return std_logic;
end package parity_pkg;

package body parity_pkg is
  function even_parity(d : std_logic_vector) return std_logic is
    variable p : std_logic := '0';
  begin
    for i in d'range loop
      p := p xor d(i);
    end loop;
    return p;                      -- makes the total number of ones even
  end function even_parity;

  function odd_parity(d : std_logic_vector) return std_logic is
  begin
    return not even_parity(d);
  end function odd_parity;
end package body parity_pkg;

library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
use work.parity_pkg.all;

entity parity_checker is
  generic (
    ODD : boolean := false         --! select odd parity instead of even
  );
  port (
    clk_i       : in  std_logic;
    rst_ni      : in  std_logic;   --! asynchronous reset, active low
    valid_i     : in  std_logic;
    data_i      : in  std_logic_vector(7 downto 0);
    par_i       : in  std_logic;   --! received parity bit
    par_o       : out std_logic;   --! parity of data_i, combinational
    err_o       : out std_logic;   --! registered, for the last valid byte
    err_sticky_o: out std_logic;   --! stays set until reset
    err_count_o : out unsigned(15 downto 0)
  );
end entity parity_checker;

architecture rtl of parity_checker is
  signal par_calc  : std_logic;
  signal err_q     : std_logic;
  signal sticky_q  : std_logic;
  signal count_q   : unsigned(15 downto 0);
begin

  par_calc <= odd_parity(data_i) when ODD else even_parity(data_i);
  par_o    <= par_calc;

  process (clk_i, rst_ni)
  begin
    if rst_ni = '0' then
      err_q    <= '0';
      sticky_q <= '0';
      count_q  <= (others => '0');
    elsif rising_edge(clk_i) then
      if valid_i = '1' then
        if par_i /= par_calc then
          err_q    <= '1';
          sticky_q <= '1';
          if count_q /= x"FFFF" then   -- saturate, do not wrap
            count_q <= count_q + 1;
          end if;
        else
          err_q <= '0';
        end if;
      end if;
    end if;
  end process;

  err_o        <= err_q;
  err_sticky_o <= sticky_q;
  err_count_o  <= count_q;

end architecture rtl;
