"""Generated designs do what their explanations say: GHDL simulations of a UART loopback and a FIFO, across styles."""
import random
import shutil
import subprocess

import pytest

import synth

synth.load_families()
GHDL = shutil.which('ghdl')
pytestmark = pytest.mark.skipif(GHDL is None, reason='ghdl not installed (apt-get install ghdl)')


def reset_levels(meta):
    """(active, inactive) literals of the design's reset."""
    return ("'0'", "'1'") if meta['resets'][0]['level'] == 'low' else ("'1'", "'0'")


def simulate(tmp_path, files, top):
    run = lambda cmd, *a: subprocess.run([GHDL, cmd, '--std=08', f'--workdir={tmp_path}', *a], cwd=tmp_path, capture_output=True, text=True)
    paths = []
    for i, text in enumerate(files):
        p = tmp_path / f'f{i}.vhd'
        p.write_text(text)
        paths.append(str(p))
    a = run('-a', *paths)
    assert a.returncode == 0, a.stderr
    r = run('--elab-run', top, '--stop-time=1ms')
    return r.stdout + r.stderr


@pytest.mark.parametrize('seed', range(3))
def test_uart_tx_to_uart_rx_loopback(tmp_path, seed):
    tx = synth.make_design(random.Random(f'tx{seed}'), 'uart_tx')
    rx = synth.make_design(random.Random(f'rx{seed}'), 'uart_rx')
    T, R = tx['meta'], rx['meta']
    pt, pr = T['port_roles'], R['port_roles']
    at, it = reset_levels(T)
    ar, ir = reset_levels(R)
    data = [0x55, 0xA3, 0x00, 0xFF, 0x3C]
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_loop is
end entity;
architecture sim of tb_loop is
  type bytes_t is array (0 to {len(data) - 1}) of std_logic_vector(7 downto 0);
  constant BYTES : bytes_t := ({", ".join(f'x"{b:02X}"' for b in data)});
  signal clk : std_logic := '0';
  signal rst_t : std_logic := {at};
  signal rst_r : std_logic := {ar};
  signal start : std_logic := '0';
  signal data, rdata : std_logic_vector(7 downto 0) := x"00";
  signal line, busy, rvalid, ferr : std_logic;
  signal done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  tx: entity work.{T['entity']} generic map (CLKS_PER_BIT => 8)
    port map ({T['clocks'][0]} => clk, {T['resets'][0]['name']} => rst_t, {pt['tx_start']} => start, {pt['tx_data']} => data, {pt['tx']} => line, {pt['busy']} => busy);
  rx: entity work.{R['entity']} generic map (CLKS_PER_BIT => 8)
    port map ({R['clocks'][0]} => clk, {R['resets'][0]['name']} => rst_r, {pr['rx']} => line, {pr['rx_data']} => rdata, {pr['rx_valid']} => rvalid, {pr['frame_err']} => ferr);
  stim: process
  begin
    wait for 52 ns;
    rst_t <= {it};
    rst_r <= {ir};
    wait until rising_edge(clk);
    for i in BYTES'range loop
      if busy /= '0' then
        wait until busy = '0';
      end if;
      wait until rising_edge(clk);
      data <= BYTES(i);
      start <= '1';
      wait until rising_edge(clk);
      start <= '0';
      wait until rvalid = '1' for 2 us;
      assert rvalid = '1' report "no byte received" severity failure;
      assert rdata = BYTES(i) report "received " & to_hstring(rdata) & " instead of " & to_hstring(BYTES(i)) severity failure;
    end loop;
    report "loopback ok";
    done <= true;
    wait;
  end process;
  assert ferr /= '1' report "framing error" severity failure;
end architecture;
'''
    out = simulate(tmp_path, [tx['vhdl'], rx['vhdl'], tb], 'tb_loop')
    assert 'loopback ok' in out and 'failure' not in out.lower(), out + '\n' + tx['vhdl'] + rx['vhdl']


@pytest.mark.parametrize('seed', range(3))
def test_sync_fifo_keeps_order_and_flags(tmp_path, seed):
    f = synth.make_design(random.Random(f'fifo{seed}'), 'sync_fifo')
    M = f['meta']
    p = M['port_roles']
    a, i = reset_levels(M)
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_fifo is
end entity;
architecture sim of tb_fifo is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal we, re, full, empty : std_logic := '0';
  signal wd, rd : std_logic_vector(7 downto 0) := x"00";
  signal cnt : std_logic_vector(3 downto 0);
  signal done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']} generic map (DATA_WIDTH => 8, ADDR_WIDTH => 3)
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['wr_en']} => we, {p['wr_data']} => wd, {p['rd_en']} => re,
              {p['rd_data']} => rd, {p['full']} => full, {p['empty']} => empty, {p['count']} => cnt);
  stim: process
  begin
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    assert empty = '1' and full = '0' report "not empty after reset" severity failure;
    for k in 0 to 7 loop
      wd <= std_logic_vector(to_unsigned(k * 7 + 3, 8));
      we <= '1';
      wait until rising_edge(clk);
    end loop;
    we <= '0';
    wait for 1 ns;
    assert full = '1' and unsigned(cnt) = 8 report "not full after 8 writes" severity failure;
    wd <= x"FF";
    we <= '1';
    wait until rising_edge(clk);
    we <= '0';
    for k in 0 to 7 loop
      re <= '1';
      wait until rising_edge(clk);
      wait for 1 ns;
      assert unsigned(rd) = k * 7 + 3 report "word " & integer'image(k) & " is " & to_hstring(rd) severity failure;
    end loop;
    re <= '0';
    wait for 1 ns;
    assert empty = '1' report "not empty after 8 reads: the write to a full FIFO was not ignored" severity failure;
    report "fifo ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [f['vhdl'], tb], 'tb_fifo')
    assert 'fifo ok' in out and 'failure' not in out.lower(), out + '\n' + f['vhdl']


def crc_reference(data, width, poly, init):
    """Bitwise MSB-first CRC without reflection or final XOR (what the generated design computes)."""
    c, top, mask = init, 1 << (width - 1), (1 << width) - 1
    for byte in data:
        for i in range(7, -1, -1):
            fb = bool(c & top) ^ bool((byte >> i) & 1)
            c = (c << 1) & mask
            if fb:
                c ^= poly
    return c


def test_crc_reference_matches_published_check_values():
    msg = b'123456789'
    assert crc_reference(msg, 8, 0x07, 0x00) == 0xF4                      # CRC-8
    assert crc_reference(msg, 16, 0x1021, 0xFFFF) == 0x29B1                # CRC-16/CCITT-FALSE
    assert crc_reference(msg, 32, 0x04C11DB7, 0xFFFFFFFF) == 0x0376E6E7    # CRC-32/MPEG-2


@pytest.mark.parametrize('seed', range(4))
def test_crc_design_computes_its_checksum(tmp_path, seed):
    d = synth.make_design(random.Random(f'crc{seed}'), 'crc')
    M = d['meta']
    p, k = M['port_roles'], M['params']
    a, i = reset_levels(M)
    want = crc_reference(b'123456789', k['width'], k['poly'], k['init'])
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_crc is
end entity;
architecture sim of tb_crc is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal init, valid : std_logic := '0';
  signal data : std_logic_vector(7 downto 0) := x"00";
  signal crc : std_logic_vector({k['width'] - 1} downto 0);
  signal done : boolean := false;
  constant MSG : string := "123456789";
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']}
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['init']} => init, {p['valid']} => valid, {p['data']} => data, {p['crc']} => crc);
  stim: process
  begin
    wait for 32 ns;
    rst <= {i};
    init <= '1';
    wait until rising_edge(clk);
    init <= '0';
    for n in MSG'range loop
      data <= std_logic_vector(to_unsigned(character'pos(MSG(n)), 8));
      valid <= '1';
      wait until rising_edge(clk);
    end loop;
    valid <= '0';
    wait for 1 ns;
    assert unsigned(crc) = {want} report "crc is " & to_hstring(crc) severity failure;
    report "crc ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_crc')
    assert 'crc ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed', range(3))
def test_spi_master_loopback_returns_the_sent_word(tmp_path, seed):
    d = synth.make_design(random.Random(f'spi{seed}'), 'spi_master')
    M = d['meta']
    p = M['port_roles']
    a, i = reset_levels(M)
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_spi is
end entity;
architecture sim of tb_spi is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal start, done_p, busy, sclk, mosi, cs : std_logic := '0';
  signal txd, rxd : std_logic_vector(15 downto 0) := x"0000";
  signal done : boolean := false;
  signal edges : natural := 0;
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']} generic map (DATA_WIDTH => 16, HALF_PERIOD => 2)
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['start']} => start, {p['tx_data']} => txd, {p['rx_data']} => rxd,
              {p['done']} => done_p, {p['busy']} => busy, {p['sclk']} => sclk, {p['mosi']} => mosi, {p['miso']} => mosi, {p['cs_n']} => cs);
  edges <= edges + 1 when rising_edge(sclk);
  stim: process
  begin
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    txd <= x"B5C3";
    start <= '1';
    wait until rising_edge(clk);
    start <= '0';
    wait until done_p = '1' for 5 us;
    assert done_p = '1' report "no done pulse" severity failure;
    wait for 1 ns;
    assert rxd = x"B5C3" report "received " & to_hstring(rxd) severity failure;
    assert edges = 16 report "SCLK rose " & integer'image(edges) & " times" severity failure;
    report "spi ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_spi')
    assert 'spi ok' in out and 'failure' not in out.lower(), out


def test_lfsr_has_maximal_period(tmp_path):
    rng = random.Random(0)
    while True:   # a width small enough to walk the whole sequence
        d = synth.make_design(random.Random(rng.random()), 'lfsr')
        if d['meta']['params']['width'] <= 8:
            break
    M = d['meta']
    p, W = M['port_roles'], M['params']['width']
    a, i = reset_levels(M)
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
entity tb_lfsr is
end entity;
architecture sim of tb_lfsr is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal en, b : std_logic := '0';
  signal q : std_logic_vector({W - 1} downto 0);
  signal done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']} port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['en']} => en, {p['q']} => q, {p['bit_out']} => b);
  stim: process
    variable first : std_logic_vector({W - 1} downto 0);
    variable n : natural := 0;
  begin
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    wait for 1 ns;
    first := q;
    en <= '1';
    loop
      wait until rising_edge(clk);
      wait for 1 ns;
      n := n + 1;
      assert q /= (q'range => '0') report "LFSR reached all zeros" severity failure;
      exit when q = first or n > 2**{W};
    end loop;
    assert n = 2**{W} - 1 report "period " & integer'image(n) severity failure;
    report "lfsr ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_lfsr')
    assert 'lfsr ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed', range(3))
def test_async_fifo_passes_words_between_clock_domains(tmp_path, seed):
    d = synth.make_design(random.Random(f'afifo{seed}'), 'async_fifo')
    M = d['meta']
    p = M['port_roles']
    wclk, rclk = M['clocks']
    (wa, wi), (ra, ri) = [("'0'", "'1'") if r['level'] == 'low' else ("'1'", "'0'") for r in M['resets']]
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_afifo is
end entity;
architecture sim of tb_afifo is
  signal wc, rc : std_logic := '0';
  signal wr, rr : std_logic;
  signal we, re, full, empty : std_logic := '0';
  signal wd, rd : std_logic_vector(7 downto 0) := x"00";
  signal done : boolean := false;
begin
  wc <= not wc after 5 ns when not done else '0';
  rc <= not rc after 7 ns when not done else '0';
  dut: entity work.{M['entity']} generic map (DATA_WIDTH => 8, ADDR_WIDTH => 3)
    port map ({wclk} => wc, {M['resets'][0]['name']} => wr, {rclk} => rc, {M['resets'][1]['name']} => rr,
              {p['wr_en']} => we, {p['wr_data']} => wd, {p['full']} => full, {p['rd_en']} => re, {p['rd_data']} => rd, {p['empty']} => empty);
  writer: process
  begin
    wr <= {wa};
    wait for 50 ns;
    wr <= {wi};
    for k in 0 to 19 loop
      wait until rising_edge(wc);
      wait for 1 ns;                  -- sample the flags after the registers have updated
      while full = '1' loop
        we <= '0';
        wait until rising_edge(wc);
        wait for 1 ns;
      end loop;
      wd <= std_logic_vector(to_unsigned(k * 11 + 1, 8));
      we <= '1';
    end loop;
    wait until rising_edge(wc);
    we <= '0';
    wait;
  end process;
  reader: process
  begin
    rr <= {ra};
    wait for 50 ns;
    rr <= {ri};
    for k in 0 to 19 loop
      wait until rising_edge(rc);
      wait for 1 ns;
      re <= '0';
      while empty = '1' loop
        wait until rising_edge(rc);
        wait for 1 ns;
      end loop;
      assert unsigned(rd) = k * 11 + 1 report "word " & integer'image(k) & " is " & to_hstring(rd) severity failure;
      re <= '1';
    end loop;
    wait until rising_edge(rc);
    re <= '0';
    report "async fifo ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_afifo')
    assert 'async fifo ok' in out and 'failure' not in out.lower(), out


def alu_reference(op, a, b, w):
    m = (1 << w) - 1
    sa = a - (1 << w) if a >> (w - 1) else a
    sb = b - (1 << w) if b >> (w - 1) else b
    if op == 0:
        s = a + b
        return s & m, s >> w & 1
    if op == 1:
        s = (a - b) & ((1 << (w + 1)) - 1)
        return s & m, s >> w & 1
    sh = b & 31
    return {2: a & b, 3: a | b, 4: a ^ b, 5: int(sa < sb), 6: (a << sh) & m, 7: a >> sh}[op], 0


@pytest.mark.parametrize('seed', range(2))
def test_alu_matches_a_python_reference(tmp_path, seed):
    d = synth.make_design(random.Random(f'alu{seed}'), 'alu')
    M = d['meta']
    p, W = M['port_roles'], 16
    rng = random.Random(seed)
    vecs = [(op, rng.randrange(1 << W), rng.randrange(1 << W)) for op in range(8) for _ in range(6)] + [(0, 0xFFFF, 1), (1, 0, 1), (5, 0x8000, 1)]
    checks = []
    for op, a, b in vecs:
        y, cy = alu_reference(op, a, b, W)
        checks.append(f'    a <= x"{a:04X}"; b <= x"{b:04X}"; op <= "{op:03b}"; wait for 1 ns;\n'
                      f'    assert res = x"{y:04X}" and z = \'{int(y == 0)}\'{f" and cy = {chr(39)}{cy}{chr(39)}" if op < 2 else ""} '
                      f'report "op {op} a {a:04X} b {b:04X}: " & to_hstring(res) severity failure;')
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
entity tb_alu is
end entity;
architecture sim of tb_alu is
  signal a, b, res : std_logic_vector(15 downto 0);
  signal op : std_logic_vector(2 downto 0);
  signal z, cy, ov : std_logic;
begin
  dut: entity work.{M['entity']} generic map (WIDTH => 16)
    port map ({p['a']} => a, {p['b']} => b, {p['op']} => op, {p['result']} => res, {p['zero']} => z, {p['carry']} => cy, {p['overflow']} => ov);
  process
  begin
{chr(10).join(checks)}
    report "alu ok";
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_alu')
    assert 'alu ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed', range(3))
def test_axi_lite_register_bank_writes_with_strobes_and_reads_back(tmp_path, seed):
    d = synth.make_design(random.Random(f'axil{seed}'), 'axi_lite_regs')
    M = d['meta']
    p = M['port_roles']
    a, i = reset_levels(M)
    aw = int(next(x['type'] for x in M['ports'] if x['name'] == p['s_axi_awaddr']).split('(')[1].split()[0]) + 1
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_axil is
end entity;
architecture sim of tb_axil is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal awaddr, araddr : std_logic_vector({aw - 1} downto 0) := (others => '0');
  signal awvalid, awready, wvalid, wready, bvalid, bready, arvalid, arready, rvalid, rready : std_logic := '0';
  signal wdata, rdata, status : std_logic_vector(31 downto 0) := (others => '0');
  signal wstrb : std_logic_vector(3 downto 0) := "1111";
  signal bresp, rresp : std_logic_vector(1 downto 0);
  signal done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']}
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst,
              {p['s_axi_awaddr']} => awaddr, {p['s_axi_awvalid']} => awvalid, {p['s_axi_awready']} => awready,
              {p['s_axi_wdata']} => wdata, {p['s_axi_wstrb']} => wstrb, {p['s_axi_wvalid']} => wvalid, {p['s_axi_wready']} => wready,
              {p['s_axi_bresp']} => bresp, {p['s_axi_bvalid']} => bvalid, {p['s_axi_bready']} => bready,
              {p['s_axi_araddr']} => araddr, {p['s_axi_arvalid']} => arvalid, {p['s_axi_arready']} => arready,
              {p['s_axi_rdata']} => rdata, {p['s_axi_rresp']} => rresp, {p['s_axi_rvalid']} => rvalid, {p['s_axi_rready']} => rready,
              {p['regs_out']} => open,
              {p['status']} => status);
  stim: process
    procedure write(addr : natural; data : std_logic_vector(31 downto 0); strb : std_logic_vector(3 downto 0)) is
    begin
      awaddr <= std_logic_vector(to_unsigned(addr, awaddr'length));
      wdata <= data;
      wstrb <= strb;
      awvalid <= '1';
      wvalid <= '1';
      bready <= '1';
      wait until rising_edge(clk) and awready = '1';
      awvalid <= '0';
      wvalid <= '0';
      if bvalid /= '1' then
        wait until rising_edge(clk) and bvalid = '1';
      end if;
      wait until rising_edge(clk);
      bready <= '0';
    end procedure;
    procedure read(addr : natural; want : std_logic_vector(31 downto 0)) is
    begin
      araddr <= std_logic_vector(to_unsigned(addr, araddr'length));
      arvalid <= '1';
      rready <= '1';
      wait until rising_edge(clk) and arready = '1';
      arvalid <= '0';
      if rvalid /= '1' then
        wait until rising_edge(clk) and rvalid = '1';
      end if;
      assert rdata = want report "read " & integer'image(addr) & ": " & to_hstring(rdata) & " expected " & to_hstring(want) severity failure;
      wait until rising_edge(clk);
      rready <= '0';
    end procedure;
  begin
    status <= x"5AA5F00D";
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    write(0, x"11223344", "1111");
    write(4, x"AABBCCDD", "1111");
    write(4, x"00EE0000", "0100");
    read(0, x"11223344");
    read(4, x"AAEECCDD");
    report "axil ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_axil')
    assert 'axil ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed,ack', [(0, True), (1, True), (2, False)])
def test_i2c_master_writes_a_byte_to_a_slave_model(tmp_path, seed, ack):
    d = synth.make_design(random.Random(f'i2c{seed}'), 'i2c_master')
    M = d['meta']
    p = M['port_roles']
    a, i = reset_levels(M)
    nbytes = 2 if ack else 1
    check = ('assert got(1) = x"C5" and nack = \'0\' report "data byte " & to_hstring(got(1)) severity failure;' if ack
             else 'assert nack = \'1\' report "NACK not flagged" severity failure;')
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
entity tb_i2c is
end entity;
architecture sim of tb_i2c is
  type bytes_t is array (0 to 1) of std_logic_vector(7 downto 0);
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal start, busy, done_p, nack, scl_oe, sda_oe, scl, sda : std_logic := '0';
  signal ack_drive : std_logic := '0';
  signal got : bytes_t := (others => x"00");
  signal stop_seen, done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  scl <= '0' when scl_oe = '1' else '1';                          -- open drain with pull-ups
  sda <= '0' when sda_oe = '1' or ack_drive = '1' else '1';
  dut: entity work.{M['entity']} generic map (QUARTER => 4)
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['start']} => start, {p['addr']} => "1010011", {p['wdata']} => x"C5",
              {p['busy']} => busy, {p['done']} => done_p, {p['ack_error']} => nack, {p['scl_oe']} => scl_oe, {p['sda_oe']} => sda_oe, {p['sda_in']} => sda);
  slave: process
    variable byte : std_logic_vector(7 downto 0);
  begin
    wait until falling_edge(sda) and scl = '1';                  -- START
    for n in 0 to {nbytes - 1} loop
      for k in 7 downto 0 loop
        wait until rising_edge(scl);
        byte(k) := sda;
      end loop;
      got(n) <= byte;
      wait until falling_edge(scl);
      ack_drive <= '{int(ack)}';
      wait until falling_edge(scl);
      ack_drive <= '0';
    end loop;
    wait until rising_edge(sda) and scl = '1';                   -- STOP
    stop_seen <= true;
    wait;
  end process;
  stim: process
  begin
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    start <= '1';
    wait until rising_edge(clk);
    start <= '0';
    wait until done_p = '1' for 100 us;
    assert done_p = '1' report "no done pulse" severity failure;
    wait for 100 ns;
    assert stop_seen report "no STOP condition" severity failure;
    assert got(0) = "10100110" report "address byte " & to_hstring(got(0)) severity failure;
    {check}
    report "i2c ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_i2c')
    assert 'i2c ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed', range(2))
def test_handshake_and_pulse_synchronisers_cross_clock_domains(tmp_path, seed):
    hs = synth.make_design(random.Random(f'hs{seed}'), 'handshake_sync')
    ps = synth.make_design(random.Random(f'ps{seed}'), 'pulse_sync')
    H, P = hs['meta'], ps['meta']
    h, q = H['port_roles'], P['port_roles']
    lv = lambda m, k: ("'0'", "'1'") if m['resets'][k]['level'] == 'low' else ("'1'", "'0'")
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
entity tb_cdc is
end entity;
architecture sim of tb_cdc is
  signal sc, dc : std_logic := '0';
  signal hs_sr, hs_dr, ps_sr, ps_dr : std_logic;
  signal send, ready, dvalid, pin, pout : std_logic := '0';
  signal sdata, ddata : std_logic_vector(15 downto 0) := x"0000";
  signal received, pulses : natural := 0;
  signal done : boolean := false;
begin
  sc <= not sc after 5 ns when not done else '0';                  -- 100 MHz source
  dc <= not dc after 8 ns when not done else '0';                  -- 62.5 MHz destination
  hs: entity work.{H['entity']} generic map (WIDTH => 16)
    port map ({H['clocks'][0]} => sc, {H['resets'][0]['name']} => hs_sr, {H['clocks'][1]} => dc, {H['resets'][1]['name']} => hs_dr,
              {h['send']} => send, {h['src_data']} => sdata, {h['src_ready']} => ready, {h['dst_data']} => ddata, {h['dst_valid']} => dvalid);
  ps: entity work.{P['entity']}
    port map ({P['clocks'][0]} => sc, {P['resets'][0]['name']} => ps_sr, {P['clocks'][1]} => dc, {P['resets'][1]['name']} => ps_dr,
              {q['pulse_in']} => pin, {q['pulse_out']} => pout);
  check: process (dc)
  begin
    if rising_edge(dc) then
      if dvalid = '1' then
        assert unsigned(ddata) = 1000 + received * 37 report "word " & integer'image(received) & " is " & to_hstring(ddata) severity failure;
        received <= received + 1;
      end if;
      if pout = '1' then
        pulses <= pulses + 1;
      end if;
    end if;
  end process;
  stim: process
  begin
    hs_sr <= {lv(H, 0)[0]}; hs_dr <= {lv(H, 1)[0]}; ps_sr <= {lv(P, 0)[0]}; ps_dr <= {lv(P, 1)[0]};
    wait for 50 ns;
    hs_sr <= {lv(H, 0)[1]}; hs_dr <= {lv(H, 1)[1]}; ps_sr <= {lv(P, 0)[1]}; ps_dr <= {lv(P, 1)[1]};
    for k in 0 to 4 loop
      wait until rising_edge(sc) and ready = '1';
      sdata <= std_logic_vector(to_unsigned(1000 + k * 37, 16));
      send <= '1';
      pin <= '1';
      wait until rising_edge(sc);
      send <= '0';
      pin <= '0';
      for n in 1 to 8 loop                                         -- pulses well apart (see the design's note)
        wait until rising_edge(sc);
      end loop;
    end loop;
    wait for 300 ns;
    assert received = 5 report "received " & integer'image(received) & " words" severity failure;
    assert pulses = 5 report integer'image(pulses) & " pulses arrived" severity failure;
    report "cdc ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [hs['vhdl'], ps['vhdl'], tb], 'tb_cdc')
    assert 'cdc ok' in out and 'failure' not in out.lower(), out


@pytest.mark.parametrize('seed', range(2))
def test_round_robin_arbiter_serves_every_requester_in_turn(tmp_path, seed):
    d = synth.make_design(random.Random(f'rr{seed}'), 'rr_arbiter')
    M = d['meta']
    p = M['port_roles']
    a, i = reset_levels(M)
    tb = f'''library ieee;
use ieee.std_logic_1164.all;
entity tb_rr is
end entity;
architecture sim of tb_rr is
  signal clk : std_logic := '0';
  signal rst : std_logic := {a};
  signal req, gnt : std_logic_vector(3 downto 0) := "0000";
  signal done : boolean := false;
begin
  clk <= not clk after 5 ns when not done else '0';
  dut: entity work.{M['entity']} generic map (N => 4)
    port map ({M['clocks'][0]} => clk, {M['resets'][0]['name']} => rst, {p['req']} => req, {p['grant']} => gnt);
  stim: process
    type seq_t is array (0 to 5) of std_logic_vector(3 downto 0);
    constant ALL_ON : seq_t := ("0001", "0010", "0100", "1000", "0001", "0010");
  begin
    wait for 32 ns;
    rst <= {i};
    wait until rising_edge(clk);
    req <= "1111";
    for k in 0 to 5 loop
      wait until rising_edge(clk);
      wait for 1 ns;
      assert gnt = ALL_ON(k) report "grant " & to_string(gnt) & " at step " & integer'image(k) severity failure;
    end loop;
    req <= "0100";
    wait until rising_edge(clk);
    wait for 1 ns;
    assert gnt = "0100" report "sole requester not granted" severity failure;
    req <= "0000";
    wait until rising_edge(clk);
    wait for 1 ns;
    assert gnt = "0000" report "grant without request" severity failure;
    report "rr ok";
    done <= true;
    wait;
  end process;
end architecture;
'''
    out = simulate(tmp_path, [d['vhdl'], tb], 'tb_rr')
    assert 'rr ok' in out and 'failure' not in out.lower(), out
