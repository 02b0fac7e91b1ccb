"""Synthetic families: FIFOs, RAMs, ROM and clock-domain-crossing synchronisers."""
import math

from synth import family, zeros


def uns(w):
    return f'unsigned({w}-1 downto 0)'


def slv(w):
    return f'std_logic_vector({w}-1 downto 0)'


@family('sync_fifo', 'synchronous FIFO with occupancy counter')
def sync_fifo(c):
    c.ename('sync_fifo', 'fifo', 'fifo_sc', 'data_fifo')
    dw = c.generic('DATA_WIDTH', 'positive', c.rng.choice([8, 16, 32]), 'word width')
    aw = c.generic('ADDR_WIDTH', 'positive', c.rng.choice([2, 4, 5, 8]), 'log2 of the depth')
    clk, rst = c.clock(), c.reset()
    we = c.inp('wr_en', doc='write request; ignored while full')
    wd = c.inp('wr_data', slv(dw), 'word to write')
    re = c.inp('rd_en', doc='read request; ignored while empty')
    rd = c.outp('rd_data', slv(dw), 'word read, valid the cycle after an accepted read')
    full = c.outp('full', doc='no free entry: writes are ignored')
    empty = c.outp('empty', doc='no stored entry: reads are ignored')
    cnt_o = c.outp('count', f'std_logic_vector({aw} downto 0)', 'number of stored words')
    mt = c.uniq('mem_t')
    c.decl(f'type {mt} is array (0 to 2**{aw} - 1) of {slv(dw)};')
    mem = c.signal('mem', mt)
    wok, rok = c.signal('wr_ok', 'std_logic'), c.signal('rd_ok', 'std_logic')
    fi, ei = c.signal('full_i', 'std_logic'), c.signal('empty_i', 'std_logic')
    rq = c.signal('rd_q', slv(dw), init=zeros())
    R = c.regs([('wr_ptr', uns(aw), zeros(), 'write pointer'), ('rd_ptr', uns(aw), zeros(), 'read pointer'),
                ('cnt', f'unsigned({aw} downto 0)', zeros(), 'occupancy')], clk, rst)
    r, w = R.r, R.w
    c.stmt(f"{wok} <= {we} and not {fi};", f"{rok} <= {re} and not {ei};",
           f"{fi} <= '1' when {r('cnt')} = 2**{aw} else '0';", f"{ei} <= '1' when {r('cnt')} = 0 else '0';")
    c.behaviour.append(f'A write is accepted (`{wok}`) when `{we}` is high and the FIFO is not full; a read (`{rok}`) when `{re}` is high and it is not empty. Full and empty are decoded from the occupancy counter.')
    c.clocked_raw(clk, [f"if {wok} = '1' then", f"  {mem}(to_integer({r('wr_ptr')})) <= {wd};", 'end if;',
                        f"if {rok} = '1' then", f"  {rq} <= {mem}(to_integer({r('rd_ptr')}));", 'end if;'],
                  f'The storage `{mem}` (2**{aw} words, no reset, so it can map to block or distributed RAM) is written at the write pointer, and the read data register `{rq}` loads the word at the read pointer on an accepted read.', label='mem')
    R.process([f"if {wok} = '1' then", f"  {w('wr_ptr')} {r('wr_ptr')} + 1;", 'end if;',
               f"if {rok} = '1' then", f"  {w('rd_ptr')} {r('rd_ptr')} + 1;", 'end if;',
               f"if {wok} = '1' and {rok} = '0' then", f"  {w('cnt')} {r('cnt')} + 1;",
               f"elsif {wok} = '0' and {rok} = '1' then", f"  {w('cnt')} {r('cnt')} - 1;", 'end if;'], [wok, rok],
              f'The pointers advance (wrapping at the depth) on accepted writes and reads; the counter `{r("cnt")}` goes up on a write alone, down on a read alone, and is unchanged when both happen.')
    c.stmt(f"{rd} <= {rq};", f"{full} <= {fi};", f"{empty} <= {ei};", f"{cnt_o} <= std_logic_vector({r('cnt')});")
    c.purpose.append('A single-clock FIFO buffer with full/empty flags and an occupancy count; overflowing writes and underflowing reads are ignored.')


@family('async_fifo', 'dual-clock FIFO with Gray-coded pointers and synchronisers')
def async_fifo(c):
    c.ename('async_fifo', 'dc_fifo', 'cdc_fifo', 'dual_clock_fifo')
    dw = c.generic('DATA_WIDTH', 'positive', c.rng.choice([8, 16, 32, 64]), 'word width')
    aw = c.generic('ADDR_WIDTH', 'positive', c.rng.choice([3, 4, 5, 6]), 'log2 of the depth (at least 2)')
    wclk = c.clock('wr_clk', 'write clock')
    wrst = c.reset('wr_rst')
    rclk = c.clock('rd_clk', 'read clock, asynchronous to the write clock')
    rrst = c.reset('rd_rst')
    we = c.inp('wr_en', doc='write request (write domain); ignored while full')
    wd = c.inp('wr_data', slv(dw), 'word to write')
    full = c.outp('full', doc='write-domain full flag')
    re = c.inp('rd_en', doc='read request (read domain); ignored while empty')
    rd = c.outp('rd_data', slv(dw), 'word at the head of the FIFO (first-word fall-through)')
    empty = c.outp('empty', doc='read-domain empty flag')
    mt = c.uniq('mem_t')
    c.decl(f'type {mt} is array (0 to 2**{aw} - 1) of {slv(dw)};')
    mem = c.signal('mem', mt)
    P = f'unsigned({aw} downto 0)'
    W = c.regs([('wbin', P, zeros(), 'binary write pointer (one extra wrap bit)'), ('wgray', P, zeros(), 'Gray-coded write pointer'),
                ('rq1', P, zeros(), 'read pointer, first synchroniser stage'), ('rq2', P, zeros(), 'read pointer, second synchroniser stage'),
                ('wfull', 'std_logic', "'0'", 'registered full flag')], wclk, wrst, label='wr')
    Rd = c.regs([('rbin', P, zeros(), 'binary read pointer'), ('rgray', P, zeros(), 'Gray-coded read pointer'),
                 ('wq1', P, zeros(), 'write pointer, first synchroniser stage'), ('wq2', P, zeros(), 'write pointer, second synchroniser stage'),
                 ('rempty', 'std_logic', "'1'", 'registered empty flag')], rclk, rrst, label='rd')
    wi, wgi, wfv = c.signal('wbin_inc', P), c.signal('wgray_inc', P), c.signal('full_val', 'std_logic')
    ri, rgi, rev = c.signal('rbin_inc', P), c.signal('rgray_inc', P), c.signal('empty_val', 'std_logic')
    c.stmt(f"{wi} <= {W.r('wbin')} + 1 when {we} = '1' and {W.r('wfull')} = '0' else {W.r('wbin')};",
           f"{wgi} <= {wi} xor ('0' & {wi}({aw} downto 1));",
           f"{wfv} <= '1' when {wgi} = (not {W.r('rq2')}({aw} downto {aw} - 1)) & {W.r('rq2')}({aw} - 2 downto 0) else '0';",
           f"{ri} <= {Rd.r('rbin')} + 1 when {re} = '1' and {Rd.r('rempty')} = '0' else {Rd.r('rbin')};",
           f"{rgi} <= {ri} xor ('0' & {ri}({aw} downto 1));",
           f"{rev} <= '1' when {rgi} = {Rd.r('wq2')} else '0';")
    c.behaviour.append('Pointers are binary counters with one extra bit; their Gray code is b xor (b >> 1), so only one bit changes per step and a pointer sampled in the other clock domain is either the old or the new value.')
    c.clocked_raw(wclk, [f"if {we} = '1' and {W.r('wfull')} = '0' then", f"  {mem}(to_integer({W.r('wbin')}({aw} - 1 downto 0))) <= {wd};", 'end if;'],
                  f'The memory `{mem}` is written in the write domain at the low bits of the write pointer.', label='mem_wr')
    W.process([f"{W.w('wbin')} {wi};", f"{W.w('wgray')} {wgi};", f"{W.w('rq1')} {Rd.r('rgray')};",
               f"{W.w('rq2')} {W.r('rq1')};", f"{W.w('wfull')} {wfv};"], [wi, wgi, wfv, Rd.r('rgray')],
              f'Write domain: the pointer advances on accepted writes; the read pointer\'s Gray code crosses into this domain through two flops (`{W.r("rq1")}`, `{W.r("rq2")}`); full is when the next write Gray pointer equals the synchronised read pointer with its two top bits inverted.')
    Rd.process([f"{Rd.w('rbin')} {ri};", f"{Rd.w('rgray')} {rgi};", f"{Rd.w('wq1')} {W.r('wgray')};",
                f"{Rd.w('wq2')} {Rd.r('wq1')};", f"{Rd.w('rempty')} {rev};"], [ri, rgi, rev, W.r('wgray')],
               f'Read domain: the pointer advances on accepted reads; the write Gray pointer crosses through `{Rd.r("wq1")}`, `{Rd.r("wq2")}`; empty is when the next read Gray pointer equals the synchronised write pointer.')
    c.stmt(f"{rd} <= {mem}(to_integer({Rd.r('rbin')}({aw} - 1 downto 0)));", f"{full} <= {W.r('wfull')};", f"{empty} <= {Rd.r('rempty')};")
    c.purpose.append('An asynchronous (dual-clock) FIFO that passes words safely from the write clock domain to the read clock domain using Gray-coded pointers and two-flop synchronisers (Cummings style).')
    c.notes.append('Full and empty are pessimistic: each flag sees the other side\'s pointer two clocks late, so it may assert early but never late.')


@family('single_port_ram', 'single-port synchronous RAM (read-first / write-first)')
def single_port_ram(c):
    c.ename('sp_ram', 'single_port_ram', 'ram', 'bram_sp')
    mode = c.rng.choice(['read_first', 'write_first'])
    dw = c.generic('DATA_WIDTH', 'positive', c.rng.choice([8, 16, 32]), 'word width')
    aw = c.generic('ADDR_WIDTH', 'positive', c.rng.choice([6, 8, 10, 12]), 'address width (depth 2**ADDR_WIDTH)')
    clk = c.clock()
    en = c.inp('en', doc='port enable')
    we = c.inp('we', doc='write enable')
    addr = c.inp('addr', slv(aw), 'address')
    din = c.inp('din', slv(dw), 'write data')
    dout = c.outp('dout', slv(dw), 'read data, registered (one clock latency)')
    mt = c.uniq('ram_t')
    c.decl(f'type {mt} is array (0 to 2**{aw} - 1) of {slv(dw)};')
    ram = c.signal('ram', mt)
    a = f'to_integer(unsigned({addr}))'
    if mode == 'read_first':
        body = [f"if {en} = '1' then", f"  if {we} = '1' then", f"    {ram}({a}) <= {din};", '  end if;', f"  {dout} <= {ram}({a});", 'end if;']
        how = 'returns the old contents of a written address (read-first)'
    else:
        body = [f"if {en} = '1' then", f"  if {we} = '1' then", f"    {ram}({a}) <= {din};", f"    {dout} <= {din};", '  else',
                f"    {dout} <= {ram}({a});", '  end if;', 'end if;']
        how = 'returns the newly written data during a write (write-first)'
    c.clocked_raw(clk, body, f'On each enabled clock edge the process writes `{din}` when `{we}` is high and registers the read data; a write {how}.', label='ram')
    c.purpose.append('A single-port synchronous RAM written in the template that synthesis tools infer as block RAM.')
    c.notes.append('There is no reset: RAM contents and the output register start undefined in simulation (U).')


@family('dual_port_ram', 'simple dual-port RAM with independent read and write clocks')
def dual_port_ram(c):
    c.ename('dp_ram', 'dual_port_ram', 'sdp_ram', 'bram_dp')
    dw = c.generic('DATA_WIDTH', 'positive', c.rng.choice([8, 16, 18, 32, 36]), 'word width')
    aw = c.generic('ADDR_WIDTH', 'positive', c.rng.choice([5, 8, 9, 10]), 'address width')
    wclk = c.clock('clk_a', 'write-port clock')
    we = c.inp('we_a', doc='write enable (port A)')
    wa = c.inp('addr_a', slv(aw), 'write address')
    wd = c.inp('din_a', slv(dw), 'write data')
    rclk = c.clock('clk_b', 'read-port clock (may be asynchronous to clk_a)')
    reb = c.inp('en_b', doc='read enable (port B)')
    ra = c.inp('addr_b', slv(aw), 'read address')
    rd = c.outp('dout_b', slv(dw), 'registered read data')
    mt = c.uniq('ram_t')
    c.decl(f'type {mt} is array (0 to 2**{aw} - 1) of {slv(dw)};')
    ram = c.signal('ram', mt)
    c.clocked_raw(wclk, [f"if {we} = '1' then", f"  {ram}(to_integer(unsigned({wa}))) <= {wd};", 'end if;'],
                  f'Port A writes `{wd}` at `{wa}` on rising edges of `{wclk}` when `{we}` is high.', label='port_a')
    c.clocked_raw(rclk, [f"if {reb} = '1' then", f"  {rd} <= {ram}(to_integer(unsigned({ra})));", 'end if;'],
                  f'Port B reads the word at `{ra}` into the output register on rising edges of `{rclk}` when `{reb}` is high.', label='port_b')
    c.purpose.append('A simple dual-port RAM: one write port and one read port with their own clocks, inferred as block RAM.')
    c.notes.append('Reading an address in the same cycle it is written from the other clock gives old or new data (a collision); the design does not guard against it.')


@family('rom', 'lookup-table ROM (sine table or constants) with registered output')
def rom(c):
    kind = c.rng.choice(['sine', 'gamma', 'squares'])
    c.ename({'sine': 'sine_rom', 'gamma': 'gamma_lut', 'squares': 'square_rom'}[kind], 'lut_rom', 'rom')
    AW, DW = c.rng.choice([(4, 8), (5, 8), (6, 10), (5, 12)])
    clk = c.clock()
    addr = c.inp('addr', f'std_logic_vector({AW - 1} downto 0)', 'table index')
    data = c.outp('data', f'std_logic_vector({DW - 1} downto 0)', 'table value, one clock after the address')
    n, top = 2 ** AW, 2 ** DW - 1
    if kind == 'sine':
        vals = [round((math.sin(2 * math.pi * i / n) + 1) / 2 * top) for i in range(n)]
        what = f'one period of a sine wave, offset to unsigned (0 .. {top}), {n} samples'
    elif kind == 'gamma':
        vals = [round(((i / (n - 1)) ** 2.2) * top) for i in range(n)]
        what = f'a gamma-2.2 correction curve mapping {n} input levels to {DW}-bit outputs'
    else:
        vals = [min(top, i * i) for i in range(n)]
        what = f'the squares of the indices 0 .. {n - 1}, saturated at {top}'
    rt, tbl = c.uniq('rom_t'), c.uniq('ROM_TABLE')
    c.decl(f'type {rt} is array (0 to {n - 1}) of std_logic_vector({DW - 1} downto 0);')
    rows = [f'x"{v:0{(DW + 3) // 4}X}"' if DW % 4 == 0 else f'"{v:0{DW}b}"' for v in vals]
    lines = [f'constant {tbl} : {rt} := (']
    for i in range(0, n, 8):
        lines.append('  ' + ', '.join(rows[i:i + 8]) + (',' if i + 8 < n else ''))
    lines.append(');')
    c.decl(*lines)
    c.clocked_raw(clk, [f"{data} <= {tbl}(to_integer(unsigned({addr})));"], f'The output register loads `{tbl}` at `{addr}` on every rising edge (synchronous ROM, maps to block RAM or LUTs).', label='rom')
    c.purpose.append(f'A {n}x{DW} ROM holding {what}.')


@family('cdc_sync', 'multi-flop bit synchroniser for a level signal')
def cdc_sync(c):
    c.ename('sync_2ff', 'cdc_sync', 'bit_sync', 'synchronizer')
    clk = c.clock(doc='destination clock')
    use_rst = c.rng.random() < 0.5
    rst = c.reset() if use_rst else None
    gs = c.generic('STAGES', 'positive', c.rng.choice([2, 2, 3]), 'number of flip-flops in the chain (at least 2)')
    d = c.inp('async_in', doc='level signal from another clock domain (or a pin)')
    q = c.outp('sync_out', doc='the input, synchronised to the destination clock after STAGES cycles')
    R = c.regs([('sync_ff', f'std_logic_vector({gs}-1 downto 0)', zeros() if use_rst else None, 'synchroniser chain')], clk, rst, label='sync')
    if R.style != 'record':
        c.decl('attribute ASYNC_REG : string;', f'attribute ASYNC_REG of {R.r("sync_ff")} : signal is "TRUE";')
        c.notes.append('The ASYNC_REG attribute tells the tools to place the chain\'s flops close together and not to optimise them away.')
    R.process([f"{R.w('sync_ff')} {R.r('sync_ff')}({gs}-2 downto 0) & {d};"], [d],
              f'`{R.r("sync_ff")}` shifts the asynchronous input through STAGES flip-flops; the first stage may go metastable, the later stages give it a clock period to settle.')
    c.stmt(f"{q} <= {R.r('sync_ff')}({gs}-1);")
    c.purpose.append('A multi-flop synchroniser that brings a single-bit level signal safely into a clock domain.')
    c.notes.append('Only for single bits or Gray-coded values: independent bits of a bus can be sampled on different cycles.')


@family('pulse_sync', 'toggle-based pulse synchroniser between two clock domains')
def pulse_sync(c):
    c.ename('pulse_sync', 'pulse_cdc', 'toggle_sync', 'event_sync')
    sclk = c.clock('src_clk', 'source clock')
    srst = c.reset('src_rst')
    dclk = c.clock('dst_clk', 'destination clock')
    drst = c.reset('dst_rst')
    pin = c.inp('pulse_in', doc='one-cycle pulse in the source domain')
    pout = c.outp('pulse_out', doc='one-cycle pulse in the destination domain')
    S = c.regs([('toggle', 'std_logic', "'0'", 'source toggle flip-flop')], sclk, srst, label='src')
    D = c.regs([('s1', 'std_logic', "'0'", 'synchroniser stage 1'), ('s2', 'std_logic', "'0'", 'synchroniser stage 2'),
                ('s3', 'std_logic', "'0'", 'previous synchronised value')], dclk, drst, label='dst')
    S.process([f"if {pin} = '1' then", f"  {S.w('toggle')} not {S.r('toggle')};", 'end if;'], [pin],
              f'Source domain: each input pulse flips `{S.r("toggle")}`, turning the pulse into a level change that cannot be missed.')
    D.process([f"{D.w('s1')} {S.r('toggle')};", f"{D.w('s2')} {D.r('s1')};", f"{D.w('s3')} {D.r('s2')};"], [S.r('toggle')],
              f'Destination domain: the toggle passes through two synchroniser flops (`{D.r("s1")}`, `{D.r("s2")}`) and `{D.r("s3")}` keeps the previous value.')
    c.stmt(f"{pout} <= {D.r('s2')} xor {D.r('s3')};")
    c.behaviour.append(f'`{pout}` is the XOR of the last two synchronised values: one destination-clock pulse per level change.')
    c.purpose.append('Transfers single-cycle pulses from one clock domain to another with a toggle flip-flop and a synchroniser.')
    c.notes.append('Input pulses must be spaced at least about three destination clock periods apart, or they merge.')


@family('handshake_sync', 'four-phase req/ack handshake carrying a data word across clock domains')
def handshake_sync(c):
    c.ename('handshake_cdc', 'hs_sync', 'cdc_handshake', 'data_xfer_cdc')
    dw = c.generic('WIDTH', 'positive', c.rng.choice([8, 16, 32]), 'data width')
    sclk = c.clock('src_clk', 'source clock')
    srst = c.reset('src_rst')
    dclk = c.clock('dst_clk', 'destination clock')
    drst = c.reset('dst_rst')
    send = c.inp('send', doc='source: request to transfer `src_data` (taken when src_ready is high)')
    sd = c.inp('src_data', slv(dw), 'source: data word')
    srdy = c.outp('src_ready', doc='source: no transfer in flight')
    dd = c.outp('dst_data', slv(dw), 'destination: received word')
    dv = c.outp('dst_valid', doc='destination: one-cycle pulse when dst_data is new')
    S = c.regs([('req', 'std_logic', "'0'", 'request level'), ('hold', slv(dw), zeros(), 'data held stable during the handshake'),
                ('ack_s0', 'std_logic', "'0'", 'ack synchroniser stage 1'), ('ack_s1', 'std_logic', "'0'", 'ack synchroniser stage 2')], sclk, srst, label='src')
    D = c.regs([('req_s0', 'std_logic', "'0'", 'req synchroniser stage 1'), ('req_s1', 'std_logic', "'0'", 'req synchroniser stage 2'),
                ('ack', 'std_logic', "'0'", 'acknowledge level'), ('data_q', slv(dw), zeros(), 'captured word'), ('valid_q', 'std_logic', "'0'", 'valid pulse')], dclk, drst, label='dst')
    S.process([f"{S.w('ack_s0')} {D.r('ack')};", f"{S.w('ack_s1')} {S.r('ack_s0')};",
               f"if {S.r('req')} = '0' and {S.r('ack_s1')} = '0' and {send} = '1' then", f"  {S.w('hold')} {sd};", f"  {S.w('req')} '1';",
               f"elsif {S.r('req')} = '1' and {S.r('ack_s1')} = '1' then", f"  {S.w('req')} '0';", 'end if;'], [send, sd, D.r('ack')],
              f'Source domain: when idle and `{send}` is high, the word is latched in `{S.r("hold")}` and `{S.r("req")}` rises; it falls once the synchronised acknowledge is seen, and a new transfer waits until the acknowledge has fallen again.')
    D.process([f"{D.w('req_s0')} {S.r('req')};", f"{D.w('req_s1')} {D.r('req_s0')};", f"{D.w('ack')} {D.r('req_s1')};", f"{D.w('valid_q')} '0';",
               f"if {D.r('req_s1')} = '1' and {D.r('ack')} = '0' then", f"  {D.w('data_q')} {S.r('hold')};", f"  {D.w('valid_q')} '1';", 'end if;'],
              [S.r('req'), S.r('hold')],
              f'Destination domain: the request is synchronised; on its rising edge the held word is captured (it is stable because the source does not change it while req is high) and `{dv}` pulses; the acknowledge follows the synchronised request.')
    c.stmt(f"{srdy} <= not {S.r('req')} and not {S.r('ack_s1')};", f"{dd} <= {D.r('data_q')};", f"{dv} <= {D.r('valid_q')};")
    c.purpose.append('Moves a multi-bit word between two unrelated clock domains with a four-phase request/acknowledge handshake; only the single-bit req and ack cross through synchronisers.')
