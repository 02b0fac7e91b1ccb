-- Serial CRC-16/MODBUS (reflected poly 0xA001, init 0xFFFF), processing one
-- byte in 8 clocks, LSB first, with a small control FSM.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity crc16_modbus is
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;
    init      : in  std_logic;
    byte_in   : in  std_logic_vector(7 downto 0);
    byte_vld  : in  std_logic;
    ready     : out std_logic;
    crc_out   : out std_logic_vector(15 downto 0)
  );
end entity crc16_modbus;

architecture rtl of crc16_modbus is
  type state_t is (IDLE, SHIFT);
  signal state : state_t;
  signal crc   : std_logic_vector(15 downto 0);
  signal data  : std_logic_vector(7 downto 0);
  signal n     : unsigned(2 downto 0);
begin

  process (clk)
    variable c : std_logic_vector(15 downto 0);
  begin
    if rising_edge(clk) then
      if rst = '1' then
        state <= IDLE;
        crc   <= x"FFFF";
        n     <= (others => '0');
      else
        case state is
          when IDLE =>
            if init = '1' then
              crc <= x"FFFF";
            elsif byte_vld = '1' then
              data  <= byte_in;
              n     <= (others => '0');
              state <= SHIFT;
            end if;
          when SHIFT =>
            c := crc;
            if (c(0) xor data(0)) = '1' then
              crc <= ('0' & c(15 downto 1)) xor x"A001";
            else
              crc <= '0' & c(15 downto 1);
            end if;
            data <= '0' & data(7 downto 1);
            n    <= n + 1;
            if n = 7 then
              state <= IDLE;
            end if;
        end case;
      end if;
    end if;
  end process;

  ready   <= '1' when state = IDLE else '0';
  crc_out <= crc;

end architecture rtl;
