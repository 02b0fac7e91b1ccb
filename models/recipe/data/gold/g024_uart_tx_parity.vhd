-- UART transmitter with optional even parity, two-process FSM style,
-- driven by an external baud-rate clock enable.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_tx_parity is
  generic (
    PARITY_EN : boolean := true
  );
  port (
    i_clk      : in  std_logic;
    i_rst_n    : in  std_logic;
    i_baud_ce  : in  std_logic;                     -- one pulse per bit time
    i_valid    : in  std_logic;
    i_data     : in  std_logic_vector(7 downto 0);
    o_ready    : out std_logic;
    o_tx       : out std_logic
  );
end entity uart_tx_parity;

architecture rtl of uart_tx_parity is
  type t_state is (ST_IDLE, ST_START, ST_DATA, ST_PARITY, ST_STOP);
  signal state_q, state_d : t_state;
  signal data_q,  data_d  : std_logic_vector(7 downto 0);
  signal cnt_q,   cnt_d   : unsigned(2 downto 0);
  signal tx_q,    tx_d    : std_logic;
begin

  p_comb : process (state_q, data_q, cnt_q, tx_q, i_baud_ce, i_valid, i_data)
  begin
    state_d <= state_q;
    data_d  <= data_q;
    cnt_d   <= cnt_q;
    tx_d    <= tx_q;
    o_ready <= '0';

    case state_q is
      when ST_IDLE =>
        o_ready <= '1';
        tx_d    <= '1';
        if i_valid = '1' then
          data_d  <= i_data;
          state_d <= ST_START;
        end if;
      when ST_START =>
        if i_baud_ce = '1' then
          tx_d    <= '0';
          cnt_d   <= (others => '0');
          state_d <= ST_DATA;
        end if;
      when ST_DATA =>
        if i_baud_ce = '1' then
          tx_d   <= data_q(to_integer(cnt_q));
          cnt_d  <= cnt_q + 1;
          if cnt_q = 7 then
            if PARITY_EN then
              state_d <= ST_PARITY;
            else
              state_d <= ST_STOP;
            end if;
          end if;
        end if;
      when ST_PARITY =>
        if i_baud_ce = '1' then
          tx_d    <= xor data_q;                  -- even parity (VHDL-2008 reduction)
          state_d <= ST_STOP;
        end if;
      when ST_STOP =>
        if i_baud_ce = '1' then
          tx_d    <= '1';
          state_d <= ST_IDLE;
        end if;
    end case;
  end process p_comb;

  p_seq : process (i_clk, i_rst_n)
  begin
    if i_rst_n = '0' then
      state_q <= ST_IDLE;
      data_q  <= (others => '0');
      cnt_q   <= (others => '0');
      tx_q    <= '1';
    elsif rising_edge(i_clk) then
      state_q <= state_d;
      data_q  <= data_d;
      cnt_q   <= cnt_d;
      tx_q    <= tx_d;
    end if;
  end process p_seq;

  o_tx <= tx_q;

end architecture rtl;
