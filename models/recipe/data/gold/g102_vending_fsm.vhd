-- Vending machine controller: accepts 5c, 10c and 25c coins, vends when
-- the credit reaches PRICE and returns change in 5c coins.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity vending_fsm is
  generic (
    PRICE : natural := 35              -- cents, multiple of 5
  );
  port (
    clk        : in  std_logic;
    rst        : in  std_logic;        -- synchronous, active high
    coin_5     : in  std_logic;        -- one-cycle pulses from the coin validator
    coin_10    : in  std_logic;
    coin_25    : in  std_logic;
    vend       : out std_logic;        -- one-cycle pulse, release the item
    change_5   : out std_logic;        -- one pulse per returned 5c coin
    credit_out : out unsigned(7 downto 0)
  );
end entity vending_fsm;

architecture rtl of vending_fsm is
  type state_type is (S_IDLE, S_COLLECT, S_VEND, S_CHANGE);
  signal state  : state_type;
  signal credit : unsigned(7 downto 0);
begin

  process (clk)
  begin
    if rising_edge(clk) then
      -- default: single-cycle outputs
      vend     <= '0';
      change_5 <= '0';

      if rst = '1' then
        state  <= S_IDLE;
        credit <= (others => '0');
      else
        case state is
          when S_IDLE | S_COLLECT =>
            if coin_25 = '1' then
              credit <= credit + 25;
              state  <= S_COLLECT;
            elsif coin_10 = '1' then
              credit <= credit + 10;
              state  <= S_COLLECT;
            elsif coin_5 = '1' then
              credit <= credit + 5;
              state  <= S_COLLECT;
            elsif credit >= PRICE then
              state <= S_VEND;
            end if;

          when S_VEND =>
            vend   <= '1';
            credit <= credit - PRICE;
            state  <= S_CHANGE;

          when S_CHANGE =>
            if credit = 0 then
              state <= S_IDLE;
            else
              change_5 <= '1';
              credit   <= credit - 5;
            end if;
        end case;
      end if;
    end if;
  end process;

  credit_out <= credit;

end architecture rtl;
