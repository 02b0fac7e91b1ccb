-- Matrix (least-recently-granted) arbiter.
-- prio(i)(j) = '1' means requester i currently beats requester j.
-- After i is granted, i drops below every other requester.
-- The grant is combinational; the priority matrix is registered.
library ieee;
use ieee.std_logic_1164.all;

entity matrix_arbiter is
  generic (
    N : positive := 4
  );
  port (
    clk    : in  std_logic;
    srst_n : in  std_logic;                      -- synchronous, active low
    req    : in  std_logic_vector(N-1 downto 0);
    ack    : in  std_logic;                      -- grant consumed this cycle
    gnt    : out std_logic_vector(N-1 downto 0)
  );
end entity matrix_arbiter;

architecture rtl of matrix_arbiter is
  type matrix_t is array (0 to N-1) of std_logic_vector(N-1 downto 0);
  signal prio   : matrix_t;
  signal gnt_i  : std_logic_vector(N-1 downto 0);
begin

  -- i wins if it requests and no other requester beats it
  g_row : for i in 0 to N-1 generate
    process (req, prio)
      variable blocked : std_logic;
    begin
      blocked := '0';
      for j in 0 to N-1 loop
        if j /= i then
          blocked := blocked or (req(j) and prio(j)(i));
        end if;
      end loop;
      gnt_i(i) <= req(i) and not blocked;
    end process;
  end generate g_row;

  gnt <= gnt_i;

  update : process (clk)
  begin
    if rising_edge(clk) then
      if srst_n = '0' then
        -- initial order: lower index has higher priority
        for i in 0 to N-1 loop
          for j in 0 to N-1 loop
            if i < j then
              prio(i)(j) <= '1';
            else
              prio(i)(j) <= '0';
            end if;
          end loop;
        end loop;
      elsif ack = '1' then
        for i in 0 to N-1 loop
          if gnt_i(i) = '1' then
            for j in 0 to N-1 loop
              if j /= i then
                prio(i)(j) <= '0';   -- winner loses to everybody ...
                prio(j)(i) <= '1';   -- ... and everybody beats the winner
              end if;
            end loop;
          end if;
        end loop;
      end if;
    end if;
  end process update;

end architecture rtl;
