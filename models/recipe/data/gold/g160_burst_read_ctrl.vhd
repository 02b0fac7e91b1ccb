--! @file burst_read_ctrl.vhd
--! @brief Burst read controller (VHDL-2008): splits a read request of
--! LEN words into memory bursts of at most G_MAX_BURST words that do not
--! cross a G_BOUNDARY-word boundary, and accepts the returned data beats.
--! The read data bus itself goes straight to the consumer, which must
--! always be able to take a beat while the controller is busy.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity burst_read_ctrl is
  generic (
    G_ADDR_W    : positive := 32;
    G_MAX_BURST : positive := 16;    --! words per burst (power of two)
    G_BOUNDARY  : positive := 256    --! words, power of two
  );
  port (
    clk         : in  std_logic;
    rst         : in  std_logic;                             --! synchronous, active high
    -- command
    cmd_valid   : in  std_logic;
    cmd_ready   : out std_logic;
    cmd_addr    : in  unsigned(G_ADDR_W-1 downto 0);          --! word address
    cmd_len     : in  unsigned(15 downto 0);                  --! words, >= 1
    -- memory read address channel
    mem_arvalid : out std_logic;
    mem_arready : in  std_logic;
    mem_araddr  : out unsigned(G_ADDR_W-1 downto 0);
    mem_arlen   : out unsigned(7 downto 0);                   --! beats - 1
    -- memory read data channel (passed through)
    mem_rvalid  : in  std_logic;
    mem_rready  : out std_logic;
    -- status
    busy        : out std_logic;
    done        : out std_logic                               --! one-cycle pulse
  );
end entity burst_read_ctrl;

architecture rtl of burst_read_ctrl is
  type state_t is (S_IDLE, S_ISSUE, S_WAIT_DATA, S_DONE);
  signal state      : state_t;
  signal addr       : unsigned(G_ADDR_W-1 downto 0);
  signal remaining  : unsigned(15 downto 0);   --! words not yet requested
  signal outstanding: unsigned(16 downto 0);   --! words requested, not yet received
  signal burst_len  : unsigned(15 downto 0);   --! size of the next burst
begin

  --! next burst: limited by the remaining length, the maximum burst and the boundary
  p_len : process (all)
    variable to_bound : unsigned(15 downto 0);
    variable len      : unsigned(15 downto 0);
  begin
    to_bound := to_unsigned(G_BOUNDARY, 16) - resize(addr mod G_BOUNDARY, 16);
    if remaining < G_MAX_BURST then
      len := remaining;
    else
      len := to_unsigned(G_MAX_BURST, 16);
    end if;
    if to_bound < len then
      burst_len <= to_bound;
    else
      burst_len <= len;
    end if;
  end process p_len;

  p_fsm : process (clk)
    variable beat : std_logic;
  begin
    if rising_edge(clk) then
      done <= '0';
      beat := mem_rvalid when state = S_ISSUE or state = S_WAIT_DATA else '0';
      if rst then
        state       <= S_IDLE;
        remaining   <= (others => '0');
        outstanding <= (others => '0');
      else
        case state is
          when S_IDLE =>
            if cmd_valid then
              addr        <= cmd_addr;
              remaining   <= cmd_len;
              outstanding <= (others => '0');
              state       <= S_ISSUE;
            end if;
          when S_ISSUE | S_WAIT_DATA =>
            if state = S_ISSUE and mem_arready = '1' then
              addr      <= addr + burst_len;
              remaining <= remaining - burst_len;
              state     <= S_WAIT_DATA when remaining = burst_len else S_ISSUE;
            end if;
            -- book-keeping of words in flight
            if state = S_ISSUE and mem_arready = '1' then
              if beat then
                outstanding <= outstanding + burst_len - 1;
              else
                outstanding <= outstanding + burst_len;
              end if;
            elsif beat then
              outstanding <= outstanding - 1;
            end if;
            if state = S_WAIT_DATA and outstanding = 1 and beat = '1' then
              state <= S_DONE;
            end if;
          when S_DONE =>
            done  <= '1';
            state <= S_IDLE;
        end case;
      end if;
    end if;
  end process p_fsm;

  cmd_ready   <= '1' when state = S_IDLE else '0';
  mem_arvalid <= '1' when state = S_ISSUE else '0';
  mem_araddr  <= addr;
  mem_arlen   <= resize(burst_len - 1, 8);
  mem_rready  <= '1' when state = S_ISSUE or state = S_WAIT_DATA else '0';
  busy        <= not cmd_ready;

end architecture rtl;
