--! @brief SPI register slave (mode 0, oversampled in the system clock).
--! Protocol: byte 0 = R/W bit (MSB) + 7-bit address, byte 1 = data.
--! Write: master sends data in byte 1. Read: slave returns data in byte 1.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity spi_reg_slave is
  port (
    clk      : in  std_logic;
    rst      : in  std_logic;
    sclk     : in  std_logic;
    csn      : in  std_logic;
    mosi     : in  std_logic;
    miso     : out std_logic;
    reg_ctrl : out std_logic_vector(7 downto 0);    --! address 0x00
    reg_gain : out std_logic_vector(7 downto 0);    --! address 0x01
    status   : in  std_logic_vector(7 downto 0)     --! address 0x02, read-only
  );
end entity spi_reg_slave;

architecture rtl of spi_reg_slave is
  type phase_t is (CMD, DATA);
  signal phase     : phase_t;
  signal sclk_q, csn_q, mosi_q : std_logic_vector(2 downto 0);
  signal sh        : std_logic_vector(7 downto 0);
  signal tx        : std_logic_vector(7 downto 0);
  signal nbit      : unsigned(2 downto 0);
  signal is_read   : std_logic;
  signal addr      : std_logic_vector(6 downto 0);
  signal ctrl_r, gain_r : std_logic_vector(7 downto 0);
  signal sclk_rise, sclk_fall : std_logic;
begin

  sclk_rise <= sclk_q(1) and not sclk_q(2);
  sclk_fall <= sclk_q(2) and not sclk_q(1);

  process (clk)
    variable b : std_logic_vector(7 downto 0);
  begin
    if rising_edge(clk) then
      sclk_q <= sclk_q(1 downto 0) & sclk;
      csn_q  <= csn_q(1 downto 0) & csn;
      mosi_q <= mosi_q(1 downto 0) & mosi;
      if rst = '1' then
        phase <= CMD; nbit <= (others => '0'); tx <= (others => '0');
        ctrl_r <= (others => '0'); gain_r <= x"10";
      elsif csn_q(1) = '1' then                   -- deselected: restart protocol
        phase <= CMD; nbit <= (others => '0'); tx <= (others => '0');
      elsif sclk_rise = '1' then
        b   := sh(6 downto 0) & mosi_q(1);
        sh  <= b;
        nbit <= nbit + 1;
        if nbit = 7 then
          case phase is
            when CMD =>
              is_read <= b(7);
              addr    <= b(6 downto 0);
              phase   <= DATA;
              case b(6 downto 0) is                 -- prepare read data
                when "0000000" => tx <= ctrl_r;
                when "0000001" => tx <= gain_r;
                when "0000010" => tx <= status;
                when others    => tx <= x"00";
              end case;
            when DATA =>
              if is_read = '0' then
                case addr is
                  when "0000000" => ctrl_r <= b;
                  when "0000001" => gain_r <= b;
                  when others    => null;
                end case;
              end if;
              phase <= CMD;                         -- allow back-to-back pairs
          end case;
        end if;
      elsif sclk_fall = '1' and phase = DATA and nbit /= 0 then
        tx <= tx(6 downto 0) & '0';
      end if;
    end if;
  end process;

  miso     <= tx(7) when csn = '0' else 'Z';
  reg_ctrl <= ctrl_r;
  reg_gain <= gain_r;

end architecture rtl;
