-- Three-stage CIC decimator (differential delay 1), decimation by 2**LOG2_R.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity cic_decimator is
  generic (
    IN_W   : positive := 12;
    LOG2_R : positive := 4                    -- R = 16
  );
  port (
    clk       : in  std_logic;
    rst       : in  std_logic;                -- synchronous, active high
    in_valid  : in  std_logic;
    in_data   : in  signed(IN_W-1 downto 0);
    out_valid : out std_logic;
    out_data  : out signed(IN_W+3*LOG2_R-1 downto 0)
  );
end entity cic_decimator;

architecture rtl of cic_decimator is
  constant ACC_W : positive := IN_W + 3*LOG2_R;   -- Hogenauer bit growth N*log2(R*M)
  type stage_t is array (1 to 3) of signed(ACC_W-1 downto 0);
  signal integ     : stage_t;                      -- integrators, input rate
  signal comb_dly  : stage_t;                      -- comb delay elements, output rate
  signal comb_out  : signed(ACC_W-1 downto 0);
  signal phase     : unsigned(LOG2_R-1 downto 0);
  signal dec_valid : std_logic;
begin

  process (clk)
    variable c : signed(ACC_W-1 downto 0);
  begin
    if rising_edge(clk) then
      if rst = '1' then
        integ     <= (others => (others => '0'));
        comb_dly  <= (others => (others => '0'));
        comb_out  <= (others => '0');
        phase     <= (others => '0');
        dec_valid <= '0';
      else
        dec_valid <= '0';
        if in_valid = '1' then
          -- integrator cascade, wraps modulo 2**ACC_W by design
          integ(1) <= integ(1) + resize(in_data, ACC_W);
          integ(2) <= integ(2) + integ(1);
          integ(3) <= integ(3) + integ(2);
          phase    <= phase + 1;
          if phase = 0 then
            -- comb cascade, once every R input samples
            c := integ(3);
            for k in 1 to 3 loop
              comb_dly(k) <= c;
              c := c - comb_dly(k);
            end loop;
            comb_out  <= c;
            dec_valid <= '1';
          end if;
        end if;
      end if;
    end if;
  end process;

  out_data  <= comb_out;
  out_valid <= dec_valid;

end architecture rtl;
