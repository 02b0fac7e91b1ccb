-- SPI master with run-time CPOL/CPHA, generic word length and a clock
-- enable for SCLK timing. Two-process style with an explicit FSM.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity spi_master_cfg is
  generic (
    WORD_LEN : positive := 16
  );
  port (
    clk      : in  std_logic;
    resetn   : in  std_logic;
    sclk_en  : in  std_logic;                   -- 2x SCLK rate strobe
    cpol     : in  std_logic;
    cpha     : in  std_logic;
    req      : in  std_logic;
    wdata    : in  std_logic_vector(WORD_LEN-1 downto 0);
    rdata    : out std_logic_vector(WORD_LEN-1 downto 0);
    ack      : out std_logic;
    sclk     : out std_logic;
    mosi     : out std_logic;
    miso     : in  std_logic;
    ss_n     : out std_logic
  );
end entity spi_master_cfg;

architecture rtl of spi_master_cfg is
  type fsm_t is (S_IDLE, S_LEAD, S_TRAIL, S_DONE);
  signal cs, ns      : fsm_t;
  signal edges       : natural range 0 to WORD_LEN;   -- completed bit periods
  signal sh_out      : std_logic_vector(WORD_LEN-1 downto 0);
  signal sh_in       : std_logic_vector(WORD_LEN-1 downto 0);
  signal sclk_int    : std_logic;
begin

  -- next-state logic
  fsm_comb : process (cs, req, sclk_en, edges)
  begin
    ns <= cs;
    case cs is
      when S_IDLE  => if req = '1' then ns <= S_LEAD; end if;
      when S_LEAD  => if sclk_en = '1' then ns <= S_TRAIL; end if;
      when S_TRAIL =>
        if sclk_en = '1' then
          if edges = WORD_LEN-1 then ns <= S_DONE; else ns <= S_LEAD; end if;
        end if;
      when S_DONE  => ns <= S_IDLE;
    end case;
  end process fsm_comb;

  -- state register and datapath
  fsm_seq : process (clk, resetn)
  begin
    if resetn = '0' then
      cs <= S_IDLE; edges <= 0; sclk_int <= '0';
      sh_out <= (others => '0'); sh_in <= (others => '0');
    elsif rising_edge(clk) then
      cs <= ns;
      case cs is
        when S_IDLE =>
          sclk_int <= '0'; edges <= 0;
          if req = '1' then sh_out <= wdata; end if;
        when S_LEAD =>                                    -- first edge of the bit
          if sclk_en = '1' then
            sclk_int <= '1';
            if cpha = '0' then sh_in <= sh_in(WORD_LEN-2 downto 0) & miso;
            elsif edges /= 0 then sh_out <= sh_out(WORD_LEN-2 downto 0) & '0'; end if;
          end if;
        when S_TRAIL =>                                   -- second edge of the bit
          if sclk_en = '1' then
            sclk_int <= '0';
            edges    <= edges + 1;
            if cpha = '1' then sh_in <= sh_in(WORD_LEN-2 downto 0) & miso;
            else sh_out <= sh_out(WORD_LEN-2 downto 0) & '0'; end if;
          end if;
        when S_DONE => null;
      end case;
    end if;
  end process fsm_seq;

  sclk  <= sclk_int xor cpol;                             -- idle level = cpol
  mosi  <= sh_out(WORD_LEN-1);
  ss_n  <= '1' when cs = S_IDLE else '0';
  ack   <= '1' when cs = S_DONE else '0';
  rdata <= sh_in;

end architecture rtl;
