-- I2C master, bit-level FSM. Writes one byte to a 7-bit address:
--   START, addr+W, ACK, data, ACK, STOP.
-- SCL runs at clk / (4 * QUARTER). Open-drain outputs: '0' or 'Z'.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity i2c_master is
  generic (
    QUARTER : positive := 125          -- 100 kHz SCL from 50 MHz
  );
  port (
    clk     : in    std_logic;
    rst     : in    std_logic;
    go      : in    std_logic;
    addr    : in    std_logic_vector(6 downto 0);
    wdata   : in    std_logic_vector(7 downto 0);
    busy    : out   std_logic;
    nack    : out   std_logic;
    scl     : inout std_logic;
    sda     : inout std_logic
  );
end entity i2c_master;

architecture rtl of i2c_master is
  type state_t is (ST_IDLE, ST_START, ST_BIT, ST_ACK, ST_STOP);
  signal state   : state_t;
  signal qcnt    : natural range 0 to QUARTER-1;
  signal phase   : unsigned(1 downto 0);   -- quarter of the SCL period
  signal shreg   : std_logic_vector(15 downto 0);
  signal bitn    : natural range 0 to 7;
  signal second  : std_logic;              -- sending the data byte
  signal scl_o, sda_o : std_logic;         -- '0' pulls low, '1' releases
  signal qtick   : std_logic;
begin

  qtick <= '1' when qcnt = QUARTER-1 else '0';

  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        state <= ST_IDLE; qcnt <= 0; phase <= "00";
        scl_o <= '1'; sda_o <= '1'; nack <= '0'; second <= '0'; bitn <= 7;
      else
        if state = ST_IDLE or qtick = '1' then qcnt <= 0; else qcnt <= qcnt + 1; end if;
        case state is
          when ST_IDLE =>
            scl_o <= '1'; sda_o <= '1'; phase <= "00";
            if go = '1' then
              shreg <= addr & '0' & wdata; second <= '0'; nack <= '0';
              state <= ST_START;
            end if;
          when ST_START =>                        -- SDA falls while SCL high
            if qtick = '1' then
              phase <= phase + 1;
              case phase is
                when "00"   => sda_o <= '0';
                when "01"   => scl_o <= '0'; phase <= "00"; bitn <= 7; state <= ST_BIT;
                when others => null;
              end case;
            end if;
          when ST_BIT | ST_ACK =>                 -- 00 set SDA, 01 SCL high, 10 sample, 11 SCL low
            if qtick = '1' then
              phase <= phase + 1;
              case phase is
                when "00" =>
                  if state = ST_BIT then sda_o <= shreg(15); else sda_o <= '1'; end if;
                when "01" => scl_o <= '1';
                when "10" =>
                  if state = ST_ACK and sda /= '0' then nack <= '1'; end if;
                when others =>
                  scl_o <= '0';
                  if state = ST_BIT then
                    shreg <= shreg(14 downto 0) & '0';
                    if bitn = 0 then state <= ST_ACK; else bitn <= bitn - 1; end if;
                  elsif second = '0' and nack = '0' then
                    second <= '1'; bitn <= 7; state <= ST_BIT;
                  else
                    state <= ST_STOP;
                  end if;
              end case;
            end if;
          when ST_STOP =>                         -- SDA rises while SCL high
            if qtick = '1' then
              phase <= phase + 1;
              case phase is
                when "00"   => sda_o <= '0';
                when "01"   => scl_o <= '1';
                when "10"   => sda_o <= '1'; state <= ST_IDLE;
                when others => null;
              end case;
            end if;
        end case;
      end if;
    end if;
  end process;

  scl  <= '0' when scl_o = '0' else 'Z';
  sda  <= '0' when sda_o = '0' else 'Z';
  busy <= '0' when state = ST_IDLE else '1';

end architecture rtl;
