-- Generic priority encoder: index of the highest set bit, plus a valid flag.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity priority_encoder is
  generic (
    WIDTH : positive := 16;
    OUT_W : positive := 4     -- must satisfy 2**OUT_W >= WIDTH
  );
  port (
    din   : in  std_logic_vector(WIDTH-1 downto 0);
    idx   : out std_logic_vector(OUT_W-1 downto 0);
    valid : out std_logic
  );
end entity priority_encoder;

architecture comb of priority_encoder is
begin

  encode : process (din)
    variable v_idx   : unsigned(OUT_W-1 downto 0);
    variable v_valid : std_logic;
  begin
    v_idx   := (others => '0');
    v_valid := '0';
    -- scanning upwards: the last match, i.e. the highest set bit, wins
    for i in 0 to WIDTH-1 loop
      if din(i) = '1' then
        v_idx   := to_unsigned(i, OUT_W);
        v_valid := '1';
      end if;
    end loop;
    idx   <= std_logic_vector(v_idx);
    valid <= v_valid;
  end process encode;

end architecture comb;
