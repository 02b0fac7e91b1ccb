--! @brief I2C bit controller: executes START, STOP, WRITE-bit and READ-bit
--! commands on open-drain SCL/SDA, supports clock stretching.
--! A byte controller above it issues one command per bit.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity i2c_bit_ctrl is
  generic (
    CLK_CNT : positive := 250     --! clocks per SCL quarter period
  );
  port (
    clk      : in  std_logic;
    nrst     : in  std_logic;     --! asynchronous reset, active low
    cmd      : in  std_logic_vector(1 downto 0);  --! 00 START, 01 STOP, 10 WRITE, 11 READ
    cmd_vld  : in  std_logic;
    din      : in  std_logic;     --! bit to write
    dout     : out std_logic;     --! bit read
    cmd_ack  : out std_logic;     --! command finished (one cycle)
    scl_i    : in  std_logic;
    scl_oen  : out std_logic;     --! '0' drives SCL low, '1' releases
    sda_i    : in  std_logic;
    sda_oen  : out std_logic
  );
end entity i2c_bit_ctrl;

architecture rtl of i2c_bit_ctrl is
  type st_t is (IDLE, A, B, C, D);     -- four quarter-period phases
  signal st       : st_t;
  signal op       : std_logic_vector(1 downto 0);
  signal cnt      : natural range 0 to CLK_CNT-1;
  signal scl_s, sda_s : std_logic_vector(1 downto 0);
  signal scl_oe_r, sda_oe_r : std_logic;
  signal stretch  : std_logic;
begin

  -- SCL released but still low: a slave is stretching the clock.
  stretch <= '1' when scl_oe_r = '1' and scl_s(1) = '0' else '0';

  process (clk, nrst)
    -- per command: SCL and SDA enables in phases A..D
    type lvl_t is array (0 to 3) of std_logic_vector(3 downto 0);
    constant SCL_TAB : lvl_t := ("1110", "0111", "0110", "0110");  -- A B C D, '1'=released
    constant SDA_TAB : lvl_t := ("1100", "0001", "0000", "1111");
    variable idx : natural range 0 to 3;
  begin
    if nrst = '0' then
      st <= IDLE; cnt <= 0; op <= "00";
      scl_s <= "11"; sda_s <= "11";
      scl_oe_r <= '1'; sda_oe_r <= '1';
      dout <= '0'; cmd_ack <= '0';
    elsif rising_edge(clk) then
      scl_s <= scl_s(0) & scl_i;
      sda_s <= sda_s(0) & sda_i;
      cmd_ack <= '0';
      idx := to_integer(unsigned(op));
      if st = IDLE then
        if cmd_vld = '1' then
          op <= cmd; st <= A; cnt <= 0;
        end if;
      elsif stretch = '0' then
        if cnt = CLK_CNT-1 then
          cnt <= 0;
          case st is
            when A => st <= B;
            when B => st <= C;
            when C => st <= D;
                      if op = "11" then dout <= sda_s(1); end if;   -- sample while SCL high
            when others => st <= IDLE; cmd_ack <= '1';
          end case;
        else
          cnt <= cnt + 1;
        end if;
        case st is
          when A => scl_oe_r <= SCL_TAB(idx)(3); sda_oe_r <= SDA_TAB(idx)(3);
          when B => scl_oe_r <= SCL_TAB(idx)(2); sda_oe_r <= SDA_TAB(idx)(2);
          when C => scl_oe_r <= SCL_TAB(idx)(1); sda_oe_r <= SDA_TAB(idx)(1);
          when D => scl_oe_r <= SCL_TAB(idx)(0); sda_oe_r <= SDA_TAB(idx)(0);
          when others => null;
        end case;
        if op = "10" and st /= IDLE then sda_oe_r <= din; end if;     -- WRITE drives din
      end if;
    end if;
  end process;

  scl_oen <= scl_oe_r;
  sda_oen <= sda_oe_r;

end architecture rtl;
