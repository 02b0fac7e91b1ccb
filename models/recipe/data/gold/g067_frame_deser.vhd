--! @brief Serial-to-byte deserialiser with frame alignment.
--! Hunts for the 8-bit sync pattern in the bit stream, then outputs
--! aligned bytes. Loses lock after MAX_MISS consecutive bad sync bytes.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity frame_deser is
  generic (
    SYNC_WORD   : std_logic_vector(7 downto 0) := x"47";   --! MPEG-TS sync byte
    FRAME_BYTES : positive := 188;
    MAX_MISS    : positive := 3
  );
  port (
    clk        : in  std_logic;
    rst_n      : in  std_logic;
    bit_in     : in  std_logic;
    bit_valid  : in  std_logic;
    byte_out   : out std_logic_vector(7 downto 0);
    byte_valid : out std_logic;
    sof        : out std_logic;          --! first byte of a frame
    locked     : out std_logic
  );
end entity frame_deser;

architecture rtl of frame_deser is
  type mode_t is (HUNT, LOCK);
  signal mode     : mode_t;
  signal sr       : std_logic_vector(7 downto 0);
  signal bitpos   : unsigned(2 downto 0);
  signal bytepos  : natural range 0 to FRAME_BYTES-1;
  signal misses   : natural range 0 to MAX_MISS;
begin

  process (clk, rst_n)
    variable nxt : std_logic_vector(7 downto 0);
  begin
    if rst_n = '0' then
      mode <= HUNT; sr <= (others => '0'); bitpos <= (others => '0');
      bytepos <= 0; misses <= 0;
      byte_out <= (others => '0'); byte_valid <= '0'; sof <= '0';
    elsif rising_edge(clk) then
      byte_valid <= '0';
      sof        <= '0';
      if bit_valid = '1' then
        nxt := sr(6 downto 0) & bit_in;       -- MSB first
        sr  <= nxt;
        case mode is
          when HUNT =>                        -- bit-by-bit search
            if nxt = SYNC_WORD then
              mode <= LOCK; bitpos <= (others => '0'); bytepos <= 1; misses <= 0;
              byte_out <= nxt; byte_valid <= '1'; sof <= '1';
            end if;
          when LOCK =>
            bitpos <= bitpos + 1;
            if bitpos = 7 then                -- a full byte is in nxt
              byte_out   <= nxt;
              byte_valid <= '1';
              if bytepos = 0 then
                sof <= '1';
                if nxt /= SYNC_WORD then
                  if misses = MAX_MISS - 1 then mode <= HUNT; else misses <= misses + 1; end if;
                else
                  misses <= 0;
                end if;
              end if;
              if bytepos = FRAME_BYTES-1 then bytepos <= 0; else bytepos <= bytepos + 1; end if;
            end if;
        end case;
      end if;
    end if;
  end process;

  locked <= '1' when mode = LOCK else '0';

end architecture rtl;
