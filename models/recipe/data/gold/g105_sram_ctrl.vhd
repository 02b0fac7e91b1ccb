--! @file sram_ctrl.vhd
--! @brief Controller for an asynchronous SRAM with a fixed number of wait states.
--! A request is accepted in IDLE; the controller drives the SRAM pins for
--! G_WAIT+1 cycles and then reports completion on o_done.
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity sram_ctrl is
  generic (
    G_ADDR_W : positive := 18;
    G_DATA_W : positive := 16;
    G_WAIT   : natural  := 2      --! extra cycles per access
  );
  port (
    i_clk      : in    std_logic;
    i_rst      : in    std_logic;   --! synchronous, active high
    -- user side
    i_req      : in    std_logic;
    i_wr       : in    std_logic;   --! '1' write, '0' read
    i_addr     : in    std_logic_vector(G_ADDR_W-1 downto 0);
    i_wdata    : in    std_logic_vector(G_DATA_W-1 downto 0);
    o_rdata    : out   std_logic_vector(G_DATA_W-1 downto 0);
    o_busy     : out   std_logic;
    o_done     : out   std_logic;   --! one-cycle completion pulse
    -- SRAM pins
    o_sram_a   : out   std_logic_vector(G_ADDR_W-1 downto 0);
    io_sram_d  : inout std_logic_vector(G_DATA_W-1 downto 0);
    o_sram_ce_n: out   std_logic;
    o_sram_oe_n: out   std_logic;
    o_sram_we_n: out   std_logic
  );
end entity sram_ctrl;

architecture rtl of sram_ctrl is
  type t_state is (ST_IDLE, ST_READ, ST_WRITE, ST_DONE);
  signal state   : t_state;
  signal wcnt    : natural range 0 to G_WAIT;
  signal wdata_q : std_logic_vector(G_DATA_W-1 downto 0);
  signal drive_d : std_logic;        --! FPGA drives the data bus
begin

  p_fsm : process (i_clk)
  begin
    if rising_edge(i_clk) then
      o_done <= '0';
      if i_rst = '1' then
        state       <= ST_IDLE;
        wcnt        <= 0;
        drive_d     <= '0';
        o_sram_ce_n <= '1';
        o_sram_oe_n <= '1';
        o_sram_we_n <= '1';
      else
        case state is
          when ST_IDLE =>
            if i_req = '1' then
              o_sram_a    <= i_addr;
              o_sram_ce_n <= '0';
              wcnt        <= 0;
              if i_wr = '1' then
                wdata_q     <= i_wdata;
                drive_d     <= '1';
                o_sram_we_n <= '0';
                state       <= ST_WRITE;
              else
                o_sram_oe_n <= '0';
                state       <= ST_READ;
              end if;
            end if;
          when ST_READ =>
            if wcnt = G_WAIT then
              o_rdata     <= io_sram_d;   -- sample at the end of the access
              o_sram_oe_n <= '1';
              o_sram_ce_n <= '1';
              state       <= ST_DONE;
            else
              wcnt <= wcnt + 1;
            end if;
          when ST_WRITE =>
            if wcnt = G_WAIT then
              o_sram_we_n <= '1';         -- data held one more cycle (hold time)
              o_sram_ce_n <= '1';
              state       <= ST_DONE;
            else
              wcnt <= wcnt + 1;
            end if;
          when ST_DONE =>
            drive_d <= '0';
            o_done  <= '1';
            state   <= ST_IDLE;
        end case;
      end if;
    end if;
  end process p_fsm;

  io_sram_d <= wdata_q when drive_d = '1' else (others => 'Z');
  o_busy    <= '0' when state = ST_IDLE else '1';

end architecture rtl;
