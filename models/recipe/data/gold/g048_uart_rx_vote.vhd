--! UART receiver, 8N1, 16x oversampling with 3-sample majority vote.
--! Two-process FSM (registered state, combinational next state).
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity uart_rx_vote is
  port (
    clk_i      : in  std_logic;
    rst_i      : in  std_logic;                     --! sync reset, active high
    tick16_i   : in  std_logic;                     --! 16x baud strobe
    rx_i       : in  std_logic;                     --! asynchronous serial input
    data_o     : out std_logic_vector(7 downto 0);
    valid_o    : out std_logic;                     --! one-cycle strobe
    ferr_o     : out std_logic                      --! framing error strobe
  );
end entity uart_rx_vote;

architecture rtl of uart_rx_vote is
  type state_t is (IDLE, START, DATA, STOP);
  signal state, state_nxt : state_t;
  signal os, os_nxt       : unsigned(3 downto 0);
  signal nbit, nbit_nxt   : unsigned(2 downto 0);
  signal sh, sh_nxt       : std_logic_vector(7 downto 0);
  signal rx_sync          : std_logic_vector(1 downto 0);
  signal samples          : std_logic_vector(2 downto 0);  --! last three samples
  signal vote             : std_logic;
  signal valid_nxt, ferr_nxt : std_logic;
begin

  --! Majority of the three most recent 16x samples.
  vote <= (samples(0) and samples(1)) or (samples(1) and samples(2)) or (samples(0) and samples(2));

  comb_p : process (all)
  begin
    state_nxt <= state;  os_nxt <= os;  nbit_nxt <= nbit;  sh_nxt <= sh;
    valid_nxt <= '0';    ferr_nxt <= '0';
    if tick16_i = '1' then
      os_nxt <= os + 1;
      case state is
        when IDLE =>
          os_nxt <= (others => '0');
          if samples(0) = '0' then state_nxt <= START; end if;
        when START =>
          if os = 8 then                              -- centre of the start bit
            os_nxt <= (others => '0');
            if vote = '0' then state_nxt <= DATA; nbit_nxt <= (others => '0');
            else state_nxt <= IDLE; end if;
          end if;
        when DATA =>
          if os = 15 then
            sh_nxt   <= vote & sh(7 downto 1);
            nbit_nxt <= nbit + 1;
            if nbit = 7 then state_nxt <= STOP; end if;
          end if;
        when STOP =>
          if os = 15 then
            state_nxt <= IDLE;
            valid_nxt <= vote;
            ferr_nxt  <= not vote;
          end if;
      end case;
    end if;
  end process comb_p;

  seq_p : process (clk_i)
  begin
    if rising_edge(clk_i) then
      rx_sync <= rx_sync(0) & rx_i;
      if tick16_i = '1' then
        samples <= samples(1 downto 0) & rx_sync(1);
      end if;
      if rst_i = '1' then
        state <= IDLE; os <= (others => '0'); nbit <= (others => '0');
        valid_o <= '0'; ferr_o <= '0'; samples <= (others => '1');
      else
        state <= state_nxt; os <= os_nxt; nbit <= nbit_nxt; sh <= sh_nxt;
        valid_o <= valid_nxt; ferr_o <= ferr_nxt;
      end if;
    end if;
  end process seq_p;

  data_o <= sh;

end architecture rtl;
