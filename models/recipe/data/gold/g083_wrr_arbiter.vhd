-- Weighted round-robin arbiter for four masters.
-- Each master may keep the bus for up to weightN consecutive cycles per turn.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity wrr_arbiter is
  port (
    clk         : in  std_logic;
    areset      : in  std_logic;               -- asynchronous, active high
    req         : in  std_logic_vector(3 downto 0);
    weight0     : in  unsigned(3 downto 0);    -- cycles per turn, 0 counts as 1
    weight1     : in  unsigned(3 downto 0);
    weight2     : in  unsigned(3 downto 0);
    weight3     : in  unsigned(3 downto 0);
    grant       : out std_logic_vector(3 downto 0);
    grant_valid : out std_logic
  );
end entity;

architecture behav of wrr_arbiter is
  type weight_array_t is array (0 to 3) of unsigned(3 downto 0);
  signal weights : weight_array_t;
  signal owner   : integer range 0 to 3;
  signal active  : std_logic;
  signal credit  : unsigned(3 downto 0);
begin

  weights <= (weight0, weight1, weight2, weight3);

  process (clk, areset)
    variable cand  : integer range 0 to 3;
    variable found : boolean;
  begin
    if areset = '1' then
      owner  <= 0;
      active <= '0';
      credit <= (others => '0');
    elsif clk'event and clk = '1' then
      if active = '1' and req(owner) = '1' and credit > 1 then
        -- owner keeps the bus while it has credit left
        credit <= credit - 1;
      else
        -- next requester after the current owner, owner itself last
        found := false;
        cand  := owner;
        for i in 1 to 4 loop
          cand := (owner + i) mod 4;
          if req(cand) = '1' then
            found := true;
            exit;
          end if;
        end loop;
        if found then
          owner  <= cand;
          active <= '1';
          if weights(cand) = 0 then
            credit <= to_unsigned(1, 4);
          else
            credit <= weights(cand);
          end if;
        else
          active <= '0';
        end if;
      end if;
    end if;
  end process;

  grant_gen : for i in 0 to 3 generate
    grant(i) <= '1' when active = '1' and owner = i else '0';
  end generate;

  grant_valid <= active;

end architecture;
