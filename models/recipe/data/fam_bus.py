"""Synthetic families: register banks on AXI4-Lite, APB and Wishbone, and bus arbiters."""
from synth import family


def regfile(c, n_regs, dw):
    """Declare the register array type; returns (type, reset aggregate)."""
    t = c.uniq('reg_array_t')
    c.decl(f'type {t} is array (0 to {n_regs - 1}) of std_logic_vector({dw - 1} downto 0);')
    return t, "(others => (others => '0'))"


def expose(c, regs_read, out, n_regs, dw):
    g = c.uniq('out_gen')
    i = 'i'
    c.stmt(f'{g}: for {i} in 0 to {n_regs - 1} generate',
           f'  {out}({dw}*{i}+{dw - 1} downto {dw}*{i}) <= {regs_read}({i});', f'end generate {g};')


def strobe_write(R, idx, data, strb, nbytes):
    r, w = R.r, R.w
    return [f'for b in 0 to {nbytes - 1} loop', f"  if {strb}(b) = '1' then",
            f"    {w('regs', f'({idx})(8*b+7 downto 8*b)')} {data}(8*b+7 downto 8*b);", '  end if;', 'end loop;']


@family('axi_lite_regs', 'AXI4-Lite slave register bank with byte strobes and a read-only status register')
def axi_lite_regs(c):
    c.ename('axil_regs', 'axi_lite_slave', 'axil_regfile', 'csr_axil')
    N = c.rng.choice([2, 4, 8])
    AW = max(4, (N + 1 - 1).bit_length() + 2 + 1)
    clk = c.clock(c.rng.choice([None, None]) or None, 'AXI clock (ACLK)')
    rst = c.reset()
    P = lambda base, d, t='std_logic', doc='': c.port(base, d, t, doc)
    awaddr = P('s_axi_awaddr', 'in', f'std_logic_vector({AW - 1} downto 0)', 'write address')
    awvalid = P('s_axi_awvalid', 'in', doc='write address valid')
    awready = P('s_axi_awready', 'out', doc='write address accepted')
    wdata = P('s_axi_wdata', 'in', 'std_logic_vector(31 downto 0)', 'write data')
    wstrb = P('s_axi_wstrb', 'in', 'std_logic_vector(3 downto 0)', 'byte write strobes')
    wvalid = P('s_axi_wvalid', 'in', doc='write data valid')
    wready = P('s_axi_wready', 'out', doc='write data accepted')
    bresp = P('s_axi_bresp', 'out', 'std_logic_vector(1 downto 0)', 'write response (always OKAY)')
    bvalid = P('s_axi_bvalid', 'out', doc='write response valid')
    bready = P('s_axi_bready', 'in', doc='master accepts the write response')
    araddr = P('s_axi_araddr', 'in', f'std_logic_vector({AW - 1} downto 0)', 'read address')
    arvalid = P('s_axi_arvalid', 'in', doc='read address valid')
    arready = P('s_axi_arready', 'out', doc='read address accepted')
    rdata = P('s_axi_rdata', 'out', 'std_logic_vector(31 downto 0)', 'read data')
    rresp = P('s_axi_rresp', 'out', 'std_logic_vector(1 downto 0)', 'read response (always OKAY)')
    rvalid = P('s_axi_rvalid', 'out', doc='read data valid')
    rready = P('s_axi_rready', 'in', doc='master accepts the read data')
    ctrl = c.outp('regs_out', f'std_logic_vector({32 * N - 1} downto 0)', f'the {N} read/write registers, register 0 in the low 32 bits')
    status = c.inp('status', 'std_logic_vector(31 downto 0)', f'read-only status word at register index {N}')
    t, z = regfile(c, N, 32)
    R = c.regs([('regs', t, z, 'read/write registers'), ('awready_q', 'std_logic', "'0'", 'AWREADY'), ('wready_q', 'std_logic', "'0'", 'WREADY'),
                ('bvalid_q', 'std_logic', "'0'", 'BVALID'), ('arready_q', 'std_logic', "'0'", 'ARREADY'), ('rvalid_q', 'std_logic', "'0'", 'RVALID'),
                ('rdata_q', 'std_logic_vector(31 downto 0)', "(others => '0')", 'read data register')], clk, rst, label='axi')
    r, w = R.r, R.w
    widx, ridx = c.signal('wr_idx', 'natural'), c.signal('rd_idx', 'natural')
    c.stmt(f'{widx} <= to_integer(unsigned({awaddr}({AW - 1} downto 2)));', f'{ridx} <= to_integer(unsigned({araddr}({AW - 1} downto 2)));')
    c.behaviour.append(f'Addresses are byte addresses: bits {AW - 1}..2 select a 32-bit register (`{widx}` for writes, `{ridx}` for reads).')
    body = [f"{w('awready_q')} '0';", f"{w('wready_q')} '0';", f"{w('arready_q')} '0';",
            f"if {awvalid} = '1' and {wvalid} = '1' and {r('awready_q')} = '0' and {r('bvalid_q')} = '0' then",
            f"  {w('awready_q')} '1';", f"  {w('wready_q')} '1';", f"  {w('bvalid_q')} '1';",
            f"  if {widx} < {N} then"] + ['    ' + l for l in strobe_write(R, widx, wdata, wstrb, 4)] + ['  end if;',
            f"elsif {r('bvalid_q')} = '1' and {bready} = '1' then", f"  {w('bvalid_q')} '0';", 'end if;',
            f"if {arvalid} = '1' and {r('arready_q')} = '0' and {r('rvalid_q')} = '0' then",
            f"  {w('arready_q')} '1';", f"  {w('rvalid_q')} '1';",
            f"  if {ridx} < {N} then", f"    {w('rdata_q')} {r('regs')}({ridx});",
            f"  elsif {ridx} = {N} then", f"    {w('rdata_q')} {status};", '  else', f"    {w('rdata_q')} (others => '0');", '  end if;',
            f"elsif {r('rvalid_q')} = '1' and {rready} = '1' then", f"  {w('rvalid_q')} '0';", 'end if;']
    R.process(body, [awvalid, wvalid, bready, arvalid, rready, widx, ridx, wdata, wstrb, status],
              f'Write channel: when both `{awvalid}` and `{wvalid}` are high and no response is pending, the address and data are accepted together (one-cycle AWREADY/WREADY pulse), the bytes enabled by `{wstrb}` are written, and BVALID is held until `{bready}`. '
              f'Read channel: an `{arvalid}` is accepted when no read data is pending; the selected register (or the status word at index {N}, zero above) is registered into RDATA and RVALID is held until `{rready}`.')
    c.stmt(f"{awready} <= {r('awready_q')};", f"{wready} <= {r('wready_q')};", f"{bvalid} <= {r('bvalid_q')};", f'{bresp} <= "00";',
           f"{arready} <= {r('arready_q')};", f"{rvalid} <= {r('rvalid_q')};", f"{rdata} <= {r('rdata_q')};", f'{rresp} <= "00";')
    expose(c, r('regs'), ctrl, N, 32)
    c.behaviour.append(f'A generate loop flattens the registers onto `{ctrl}`.')
    c.purpose.append(f'An AXI4-Lite slave with {N} 32-bit read/write control registers (byte strobes honoured) and one read-only status register, for configuring a peripheral from a processor.')
    c.notes.append('Writes need AWVALID and WVALID in the same cycle; every access gets an OKAY response, including addresses with no register.')


@family('apb_regs', 'APB3 slave register bank')
def apb_regs(c):
    c.ename('apb_regs', 'apb_slave', 'apb_regfile', 'csr_apb')
    N = c.rng.choice([2, 4, 8])
    AW = c.rng.choice([8, 12])
    clk = c.clock()
    rst = c.reset()
    paddr = c.port('paddr', 'in', f'std_logic_vector({AW - 1} downto 0)', 'APB byte address')
    psel = c.port('psel', 'in', 'std_logic', 'slave select')
    pen = c.port('penable', 'in', 'std_logic', 'access phase of the transfer')
    pwr = c.port('pwrite', 'in', 'std_logic', '1 = write, 0 = read')
    pwd = c.port('pwdata', 'in', 'std_logic_vector(31 downto 0)', 'write data')
    prd = c.port('prdata', 'out', 'std_logic_vector(31 downto 0)', 'read data')
    prdy = c.port('pready', 'out', 'std_logic', 'always ready (zero wait states)')
    perr = c.port('pslverr', 'out', 'std_logic', 'error for an address outside the register bank')
    out = c.outp('ctrl', f'std_logic_vector({32 * N - 1} downto 0)', f'the {N} control registers, flattened')
    t, z = regfile(c, N, 32)
    idx = c.signal('reg_idx', 'natural')
    c.stmt(f'{idx} <= to_integer(unsigned({paddr}({AW - 1} downto 2)));')
    R = c.regs([('regs', t, z, 'control registers')], clk, rst, label='apb')
    r, w = R.r, R.w
    R.process([f"if {psel} = '1' and {pen} = '1' and {pwr} = '1' and {idx} < {N} then", f"  {w('regs', f'({idx})')} {pwd};", 'end if;'],
              [psel, pen, pwr, idx, pwd], f'A register is written in the access phase (`{psel}` and `{pen}` and `{pwr}` high) when the word index `{idx}` is below {N}.')
    c.comb([f"{prd} <= (others => '0');", f"if {idx} < {N} then", f"  {prd} <= {r('regs')}({idx});", 'end if;'], [idx, r('regs')],
           f'Read data is a combinational multiplexer of the registers by `{idx}` (zero outside the bank).', label='rd')
    c.stmt(f"{prdy} <= '1';", f"{perr} <= {psel} and {pen} when {idx} >= {N} else '0';")
    expose(c, r('regs'), out, N, 32)
    c.behaviour.append(f'`{prdy}` is tied high (no wait states); `{perr}` flags an access phase to an address outside the bank.')
    c.purpose.append(f'An APB3 slave exposing {N} 32-bit control registers to a processor, with zero wait states and PSLVERR on out-of-range addresses.')


@family('wishbone_regs', 'Wishbone B4 classic slave register bank')
def wishbone_regs(c):
    c.ename('wb_regs', 'wb_slave', 'wishbone_regfile', 'csr_wb')
    N = c.rng.choice([4, 8, 16])
    AB = (N - 1).bit_length()
    clk = c.clock()
    rst = c.reset()
    cyc = c.port('wb_cyc', 'in', 'std_logic', 'bus cycle in progress')
    stb = c.port('wb_stb', 'in', 'std_logic', 'strobe: this slave is addressed')
    we = c.port('wb_we', 'in', 'std_logic', 'write enable')
    adr = c.port('wb_adr', 'in', f'std_logic_vector({AB - 1} downto 0)', 'word address')
    sel = c.port('wb_sel', 'in', 'std_logic_vector(3 downto 0)', 'byte selects')
    dati = c.port('wb_dat_w', 'in', 'std_logic_vector(31 downto 0)', 'write data')
    dato = c.port('wb_dat_r', 'out', 'std_logic_vector(31 downto 0)', 'read data')
    ack = c.port('wb_ack', 'out', 'std_logic', 'acknowledge, one clock after the request')
    out = c.outp('regs_out', f'std_logic_vector({32 * N - 1} downto 0)', 'all registers, flattened')
    t, z = regfile(c, N, 32)
    R = c.regs([('regs', t, z, 'registers'), ('ack_q', 'std_logic', "'0'", 'acknowledge'),
                ('dat_q', 'std_logic_vector(31 downto 0)', "(others => '0')", 'read data register')], clk, rst, label='wb')
    r, w = R.r, R.w
    idx = f'to_integer(unsigned({adr}))'
    R.process([f"{w('ack_q')} '0';", f"if {cyc} = '1' and {stb} = '1' and {r('ack_q')} = '0' then", f"  {w('ack_q')} '1';",
               f"  {w('dat_q')} {r('regs')}({idx});", f"  if {we} = '1' then"] + ['    ' + l for l in strobe_write(R, idx, dati, sel, 4)] +
              ['  end if;', 'end if;'], [cyc, stb, we, adr, sel, dati],
              f'For each request (`{cyc}` and `{stb}` high) the slave acknowledges on the next edge for one cycle, registers the addressed word for reading and, when `{we}` is high, writes the bytes selected by `{sel}`.')
    c.stmt(f"{ack} <= {r('ack_q')};", f"{dato} <= {r('dat_q')};")
    expose(c, r('regs'), out, N, 32)
    c.purpose.append(f'A Wishbone classic slave with {N} 32-bit registers and byte selects, acknowledging every access after one clock.')


@family('rr_arbiter', 'round-robin arbiter with registered one-hot grant')
def rr_arbiter(c):
    c.ename('rr_arbiter', 'round_robin_arb', 'arbiter_rr', 'fair_arbiter')
    N = c.rng.choice([2, 3, 4, 5, 8])
    gn = c.generic('N', 'positive', N, 'number of requesters')
    clk, rst = c.clock(), c.reset()
    req = c.inp('req', f'std_logic_vector({gn}-1 downto 0)', 'request per requester')
    gnt = c.outp('grant', f'std_logic_vector({gn}-1 downto 0)', 'one-hot grant, registered')
    fn = c.uniq('next_grant')
    c.decl(f'function {fn}(r : std_logic_vector; last : natural) return natural is',
           '  variable k : natural;', 'begin', f"  for i in 1 to r'length loop", f"    k := (last + i) mod r'length;",
           f"    if r(k) = '1' then", '      return k;', '    end if;', '  end loop;', '  return last;', f'end function {fn};')
    R = c.regs([('grant_q', f'std_logic_vector({gn}-1 downto 0)', "(others => '0')", 'current grant'),
                ('last', f'natural range 0 to {gn}-1', f'{gn}-1', 'index granted most recently')], clk, rst, label='arb')
    r, w = R.r, R.w
    pick = c.signal('winner', f'natural range 0 to {gn}-1')
    c.stmt(f"{pick} <= {fn}({req}, {r('last')});")
    R.process([f"{w('grant_q')} (others => '0');", f"if {req} /= ({req}'range => '0') then", f"  {w('grant_q', f'({pick})')} '1';",
               f"  {w('last')} {pick};", 'end if;'], [req, pick],
              f'Each cycle with any request, the grant register becomes one-hot at `{pick}` and `{r("last")}` remembers it; with no request the grant is zero.')
    c.behaviour.insert(0, f'`{fn}` searches the requests starting just after the last granted index and wrapping around, so the most recently served requester has the lowest priority.')
    c.stmt(f"{gnt} <= {r('grant_q')};")
    c.purpose.append(f'A round-robin arbiter for {N} requesters: fair access, no requester can be starved.')
    c.notes.append(f'Arbitration happens every cycle, so a grant lasts one cycle unless the same requester wins again (only when it is the sole requester).')


@family('priority_arbiter', 'fixed-priority arbiter (lowest index wins)')
def priority_arbiter(c):
    c.ename('prio_arbiter', 'priority_arb', 'fixed_arbiter', 'irq_arbiter')
    N = c.rng.choice([2, 4, 6, 8])
    gn = c.generic('N', 'positive', N, 'number of requesters')
    clk, rst = c.clock(), c.reset()
    req = c.inp('req', f'std_logic_vector({gn}-1 downto 0)', 'request per requester; index 0 has the highest priority')
    gnt = c.outp('grant', f'std_logic_vector({gn}-1 downto 0)', 'registered one-hot grant')
    vld = c.outp('any_grant', doc='high when some grant is active')
    gc = c.signal('grant_c', f'std_logic_vector({gn}-1 downto 0)')
    c.comb([f"{gc} <= (others => '0');", f'for i in {gn}-1 downto 0 loop', f"  if {req}(i) = '1' then",
            f"    {gc} <= (others => '0');", f"    {gc}(i) <= '1';", '  end if;', 'end loop;'], [req],
           f'A combinational loop scans from the highest index down, so the last (lowest-index) active request wins: `{gc}` is one-hot.', label='prio')
    R = c.regs([('grant_q', f'std_logic_vector({gn}-1 downto 0)', "(others => '0')", 'registered grant')], clk, rst, label='arb')
    R.process([f"{R.w('grant_q')} {gc};"], [gc], f'The grant is registered every clock.')
    c.stmt(f"{gnt} <= {R.r('grant_q')};", f"{vld} <= '1' when {R.r('grant_q')} /= ({R.r('grant_q')}'range => '0') else '0';")
    c.purpose.append(f'A fixed-priority arbiter for {N} requesters with a registered one-hot grant.')
    c.notes.append('Low-priority requesters can starve while a higher-priority one keeps requesting.')
