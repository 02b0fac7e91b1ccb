--! @brief Sequential radix-2 Booth multiplier for signed operands.
--! One Booth step per clock: WIDTH steps per product.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity booth_mult is
  generic (
    WIDTH : positive := 8
  );
  port (
    clk     : in  std_logic;
    rst_n   : in  std_logic;                          --! asynchronous, active low
    start   : in  std_logic;
    mcand   : in  signed(WIDTH-1 downto 0);           --! multiplicand
    mplier  : in  signed(WIDTH-1 downto 0);           --! multiplier
    product : out signed(2*WIDTH-1 downto 0);
    ready   : out std_logic                           --! high when idle, result valid
  );
end entity booth_mult;

architecture rtl of booth_mult is
  type state_t is (ST_IDLE, ST_STEP);
  signal state : state_t;
  -- accumulator register: [ upper half | multiplier | q(-1) ]
  signal acc   : signed(2*WIDTH downto 0);
  signal m     : signed(WIDTH downto 0);              --! multiplicand, one guard bit
  signal steps : natural range 0 to WIDTH;
begin

  process (clk, rst_n)
    variable upper : signed(WIDTH downto 0);
    variable a     : signed(2*WIDTH+1 downto 0);
  begin
    if rst_n = '0' then
      state <= ST_IDLE;
      acc   <= (others => '0');
      m     <= (others => '0');
      steps <= 0;
    elsif rising_edge(clk) then
      case state is
        when ST_IDLE =>
          if start = '1' then
            acc   <= (2*WIDTH downto WIDTH+1 => '0') & mplier & '0';
            m     <= resize(mcand, WIDTH+1);
            steps <= WIDTH;
            state <= ST_STEP;
          end if;
        when ST_STEP =>
          -- upper part of the accumulator, sign-extended by one bit
          upper := resize(acc(2*WIDTH downto WIDTH+1), WIDTH+1);
          case std_logic_vector'(acc(1) & acc(0)) is
            when "01"   => upper := upper + m;     -- end of a run of ones
            when "10"   => upper := upper - m;     -- start of a run of ones
            when others => null;
          end case;
          -- arithmetic shift right of the whole register by one
          a     := upper & acc(WIDTH downto 0);
          acc   <= a(2*WIDTH+1 downto 1);
          steps <= steps - 1;
          if steps = 1 then
            state <= ST_IDLE;
          end if;
      end case;
    end if;
  end process;

  product <= acc(2*WIDTH downto 1);
  ready   <= '1' when state = ST_IDLE else '0';

end architecture rtl;
