--! @file fixed_prio_arbiter.vhd
--! @brief Fixed-priority arbiter with grant hold (no preemption).
--! Requester 0 has the highest priority. Once granted, a requester keeps the
--! grant for as long as it holds its request line high.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity fixed_prio_arbiter is
  generic (
    G_NUM_REQ : positive := 8  --! number of requesters
  );
  port (
    i_clk   : in  std_logic;                               --! system clock
    i_rst_n : in  std_logic;                               --! asynchronous reset, active low
    i_req   : in  std_logic_vector(G_NUM_REQ-1 downto 0);  --! request vector
    o_gnt   : out std_logic_vector(G_NUM_REQ-1 downto 0);  --! one-hot grant
    o_busy  : out std_logic                                --! some grant is active
  );
end entity fixed_prio_arbiter;

architecture rtl of fixed_prio_arbiter is
  signal gnt_q : std_logic_vector(G_NUM_REQ-1 downto 0);
  signal gnt_d : std_logic_vector(G_NUM_REQ-1 downto 0);
begin

  --! Next grant: keep the current owner while it still requests, otherwise
  --! pick the lowest-numbered active request.
  p_next : process (all)
  begin
    gnt_d <= (others => '0');
    if (or (gnt_q and i_req)) = '1' then
      gnt_d <= gnt_q;
    else
      for i in 0 to G_NUM_REQ-1 loop
        if i_req(i) = '1' then
          gnt_d(i) <= '1';
          exit;
        end if;
      end loop;
    end if;
  end process p_next;

  --! Grant register.
  p_reg : process (i_clk, i_rst_n)
  begin
    if i_rst_n = '0' then
      gnt_q <= (others => '0');
    elsif rising_edge(i_clk) then
      gnt_q <= gnt_d;
    end if;
  end process p_reg;

  o_gnt  <= gnt_q;
  o_busy <= or gnt_q;

end architecture rtl;
