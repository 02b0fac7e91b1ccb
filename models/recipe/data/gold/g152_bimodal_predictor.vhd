-- Bimodal branch predictor: a table of 2-bit saturating counters indexed
-- by low PC bits. Counter >= 2 predicts taken.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity bimodal_predictor is
  generic (
    INDEX_BITS : positive := 9           -- 512 counters
  );
  port (
    clk          : in  std_logic;
    rst          : in  std_logic;        -- synchronous, active high
    -- prediction (fetch stage)
    fetch_pc     : in  std_logic_vector(31 downto 0);
    predict_taken: out std_logic;
    -- update (execute stage)
    upd_valid    : in  std_logic;
    upd_pc       : in  std_logic_vector(31 downto 0);
    upd_taken    : in  std_logic
  );
end entity bimodal_predictor;

architecture rtl of bimodal_predictor is
  subtype counter_t is unsigned(1 downto 0);
  type table_t is array (0 to 2**INDEX_BITS-1) of counter_t;
  signal table : table_t;
  signal rst_idx  : unsigned(INDEX_BITS-1 downto 0);
  signal clearing : std_logic;

  -- instruction addresses are word aligned: skip the two low bits
  function index_of(pc : std_logic_vector(31 downto 0)) return natural is
  begin
    return to_integer(unsigned(pc(INDEX_BITS+1 downto 2)));
  end function;
begin

  predict_taken <= table(index_of(fetch_pc))(1);

  process (clk)
    variable c : counter_t;
  begin
    if rising_edge(clk) then
      if rst = '1' then
        rst_idx  <= (others => '0');
        clearing <= '1';
      elsif clearing = '1' then
        -- walk the table once, initialising every counter to weakly not-taken
        table(to_integer(rst_idx)) <= "01";
        rst_idx <= rst_idx + 1;
        if rst_idx = 2**INDEX_BITS - 1 then
          clearing <= '0';
        end if;
      elsif upd_valid = '1' then
        c := table(index_of(upd_pc));
        if upd_taken = '1' then
          if c /= "11" then
            c := c + 1;
          end if;
        else
          if c /= "00" then
            c := c - 1;
          end if;
        end if;
        table(index_of(upd_pc)) <= c;
      end if;
    end if;
  end process;

end architecture rtl;
