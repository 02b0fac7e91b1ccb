"""Synthetic families: datapath (ALU, pipelined multiplier, FIR filter, barrel shifter) and decoders/encoders."""
from synth import family, zeros


def slv(w):
    return f'std_logic_vector({w}-1 downto 0)'


@family('alu', 'combinational ALU with opcode and zero/carry/overflow flags')
def alu(c):
    c.ename('alu', 'simple_alu', 'alu_core', 'exec_unit')
    gw = c.generic('WIDTH', 'positive', c.rng.choice([8, 16, 32]), 'operand width')
    a = c.inp('a', slv(gw), 'first operand')
    b = c.inp('b', slv(gw), 'second operand')
    op = c.inp('op', 'std_logic_vector(2 downto 0)', 'operation select (see Behaviour)')
    y = c.outp('result', slv(gw), 'result')
    z = c.outp('zero', doc='result is zero')
    cy = c.outp('carry', doc='carry out of ADD / borrow of SUB')
    ov = c.outp('overflow', doc='signed overflow of ADD or SUB')
    ops = [('000', 'ADD', 'a + b'), ('001', 'SUB', 'a - b'), ('010', 'AND', 'a and b'), ('011', 'OR', 'a or b'),
           ('100', 'XOR', 'a xor b'), ('101', 'SLT', '1 if a < b as signed numbers, else 0'), ('110', 'SLL', 'a shifted left by b(4 downto 0) bits'),
           ('111', 'SRL', 'a shifted right (logical) by b(4 downto 0) bits')]
    res = c.signal('res', slv(gw))
    ext = f'unsigned({gw} downto 0)'
    body = ["s := (others => '0');", f"ovf := '0';", f"case {op} is",
            f"  when \"000\" =>", f"    s := resize(unsigned({a}), {gw} + 1) + resize(unsigned({b}), {gw} + 1);",
            f"    ovf := ({a}({gw}-1) xnor {b}({gw}-1)) and ({a}({gw}-1) xor s({gw}-1));",
            f"  when \"001\" =>", f"    s := resize(unsigned({a}), {gw} + 1) - resize(unsigned({b}), {gw} + 1);",
            f"    ovf := ({a}({gw}-1) xor {b}({gw}-1)) and ({a}({gw}-1) xor s({gw}-1));",
            f"  when \"010\" => s({gw}-1 downto 0) := unsigned({a} and {b});",
            f"  when \"011\" => s({gw}-1 downto 0) := unsigned({a} or {b});",
            f"  when \"100\" => s({gw}-1 downto 0) := unsigned({a} xor {b});",
            f"  when \"101\" =>", f"    if signed({a}) < signed({b}) then", "      s(0) := '1';", '    end if;',
            f"  when \"110\" => s({gw}-1 downto 0) := shift_left(unsigned({a}), to_integer(unsigned({b}(4 downto 0))));",
            f"  when others => s({gw}-1 downto 0) := shift_right(unsigned({a}), to_integer(unsigned({b}(4 downto 0))));",
            'end case;', f"{res} <= std_logic_vector(s({gw}-1 downto 0));", f"{cy} <= s({gw});", f"{ov} <= ovf;"]
    c.comb(body, [a, b, op], 'One combinational process computes the result in a WIDTH+1-bit variable `s` (the extra bit is the carry): ' +
           '; '.join(f'{code} {name}: {d}' for code, name, d in ops) + '. Overflow is derived from the operand and result sign bits for ADD and SUB.',
           label='alu', variables=[f's : {ext}', 'ovf : std_logic'])
    c.stmt(f"{y} <= {res};", f"{z} <= '1' when unsigned({res}) = 0 else '0';")
    c.behaviour.append(f'`{z}` compares the result with zero.')
    c.purpose.append('A purely combinational arithmetic-logic unit with eight operations (add, subtract, and, or, xor, set-less-than, logical shifts) and zero, carry and overflow flags.')


@family('pipelined_mult', 'pipelined signed multiplier with valid pipeline')
def pipelined_mult(c):
    c.ename('pipe_mult', 'mult_pipe', 'multiplier', 'mac_mult')
    gw = c.generic('WIDTH', 'positive', c.rng.choice([8, 12, 16, 18, 25]), 'operand width')
    clk, rst = c.clock(), c.reset()
    a = c.inp('a', slv(gw), 'signed multiplicand')
    b = c.inp('b', slv(gw), 'signed multiplier')
    vi = c.inp('in_valid', doc='operands are valid this cycle')
    p = c.outp('product', f'std_logic_vector(2*{gw}-1 downto 0)', 'signed product, three clocks after its operands')
    vo = c.outp('out_valid', doc='product is valid (in_valid delayed by three clocks)')
    ar, br = c.signal('a_reg', f'signed({gw}-1 downto 0)'), c.signal('b_reg', f'signed({gw}-1 downto 0)')
    m, pr = c.signal('mult_reg', f'signed(2*{gw}-1 downto 0)'), c.signal('prod_reg', f'signed(2*{gw}-1 downto 0)')
    c.clocked_raw(clk, [f'{ar} <= signed({a});', f'{br} <= signed({b});', f'{m} <= {ar} * {br};', f'{pr} <= {m};'],
                  f'The data path has three register stages: operand registers (`{ar}`, `{br}`), the multiplier output `{m}` and the output register `{pr}`; it has no reset, which lets synthesis pack the stages into a DSP block.', label='pipe')
    R = c.regs([('vld', 'std_logic_vector(2 downto 0)', zeros(), 'valid bit for each stage')], clk, rst, label='valid')
    R.process([f"{R.w('vld')} {R.r('vld')}(1 downto 0) & {vi};"], [vi], f'A reset 3-bit shift register carries `{vi}` alongside the data, so `{vo}` marks valid products.')
    c.stmt(f'{p} <= std_logic_vector({pr});', f"{vo} <= {R.r('vld')}(2);")
    c.purpose.append('A three-stage pipelined signed multiplier that accepts a new operand pair every clock, with a valid flag travelling with the data.')


@family('fir_filter', 'transposed-free direct-form FIR filter with constant coefficients')
def fir_filter(c):
    c.ename('fir', 'fir_filter', 'lowpass_fir', 'fir_lp')
    T = c.rng.choice([4, 5, 7, 8, 11])
    DW, CW = c.rng.choice([(12, 10), (16, 16), (8, 8), (14, 12)])
    mid = (T - 1) / 2
    coefs = [max(1, round((2 ** (CW - 2)) * (1 - abs(i - mid) / (mid + 1)))) for i in range(T)]
    clk, rst = c.clock(), c.reset()
    x = c.inp('sample_in', f'std_logic_vector({DW - 1} downto 0)', 'signed input sample')
    vi = c.inp('sample_valid', doc='a new input sample is present (clock enable of the filter)')
    aw = DW + CW + T.bit_length()
    y = c.outp('sample_out', f'std_logic_vector({aw - 1} downto 0)', 'full-precision signed output')
    vo = c.outp('out_valid', doc='output updated (one clock after sample_valid)')
    ta, ca, cc = c.uniq('tap_array_t'), c.uniq('coef_array_t'), c.uniq('COEFFS')
    c.decl(f'type {ta} is array (0 to {T - 1}) of signed({DW - 1} downto 0);',
           f'type {ca} is array (0 to {T - 1}) of signed({CW - 1} downto 0);',
           f'constant {cc} : {ca} := (' + ', '.join(f'to_signed({v}, {CW})' for v in coefs) + ');')
    fn = c.uniq('mac')
    c.decl(f'function {fn}(taps : {ta}) return signed is', f'  variable acc : signed({aw - 1} downto 0) := (others => \'0\');', 'begin',
           f'  for i in 0 to {T - 1} loop', f'    acc := acc + resize(taps(i) * {cc}(i), {aw});', '  end loop;', '  return acc;', f'end function {fn};')
    R = c.regs([('taps', ta, "(others => (others => '0'))", 'delay line of the last samples'),
                ('acc', f'signed({aw - 1} downto 0)', zeros(), 'filter output'), ('vld', 'std_logic', "'0'", 'output valid')], clk, rst, label='fir')
    r, w = R.r, R.w
    R.process([f"{w('vld')} '0';", f"if {vi} = '1' then", f"  {w('taps')} signed({x}) & {r('taps')}(0 to {T - 2});",
               f"  {w('acc')} {fn}(signed({x}) & {r('taps')}(0 to {T - 2}));", f"  {w('vld')} '1';", 'end if;'], [vi, x],
              f'On each valid sample the delay line `{r("taps")}` shifts the new sample in at index 0, and the output register takes the sum of products over the {T} newest samples computed by `{fn}`.')
    c.stmt(f"{y} <= std_logic_vector({r('acc')});", f"{vo} <= {r('vld')};")
    c.purpose.append(f'A {T}-tap FIR low-pass filter (triangular coefficients {", ".join(map(str, coefs))}) on {DW}-bit signed samples, one output per input sample.')
    c.notes.append(f'All {T} multiplications happen in one clock cycle; for high clock rates the adder tree would need pipelining.')


@family('barrel_shifter', 'combinational barrel shifter / rotator')
def barrel_shifter(c):
    c.ename('barrel_shifter', 'shifter_rot', 'bshift', 'rotator')
    W = c.rng.choice([8, 16, 32])
    SW = (W - 1).bit_length()
    d = c.inp('din', f'std_logic_vector({W - 1} downto 0)', 'data to shift')
    amt = c.inp('amount', f'std_logic_vector({SW - 1} downto 0)', 'shift distance')
    mode = c.inp('mode', 'std_logic_vector(1 downto 0)', '00 shift left, 01 shift right logical, 10 shift right arithmetic, 11 rotate left')
    q = c.outp('dout', f'std_logic_vector({W - 1} downto 0)', 'shifted data')
    n = f'to_integer(unsigned({amt}))'
    c.stmt(f'with {mode} select {q} <=',
           f'  std_logic_vector(shift_left(unsigned({d}), {n})) when "00",',
           f'  std_logic_vector(shift_right(unsigned({d}), {n})) when "01",',
           f'  std_logic_vector(shift_right(signed({d}), {n})) when "10",',
           f'  std_logic_vector(rotate_left(unsigned({d}), {n})) when others;')
    c.behaviour.append(f'A selected signal assignment picks one of four numeric_std shift functions according to `{mode}`; arithmetic right shift replicates the sign bit.')
    c.purpose.append(f'A {W}-bit combinational barrel shifter supporting logical and arithmetic shifts and rotation by 0-{W - 1} bits.')


@family('priority_encoder', 'priority encoder with valid output')
def priority_encoder(c):
    c.ename('prio_enc', 'priority_encoder', 'penc', 'irq_encoder')
    W = c.rng.choice([4, 8, 16, 32])
    OW = (W - 1).bit_length()
    high_first = c.rng.random() < 0.5
    d = c.inp('req', f'std_logic_vector({W - 1} downto 0)', 'request lines')
    idx = c.outp('idx', f'std_logic_vector({OW - 1} downto 0)', 'index of the winning request')
    v = c.outp('valid', doc='at least one request is active')
    rng = f'0 to {W - 1}' if high_first else f'{W - 1} downto 0'
    c.comb([f"{idx} <= (others => '0');", f"{v} <= '0';", f'for i in {rng} loop', f"  if {d}(i) = '1' then",
            f"    {idx} <= std_logic_vector(to_unsigned(i, {OW}));", f"    {v} <= '1';", '  end if;', 'end loop;'], [d],
           f'The loop visits the requests from {"bit 0 up" if high_first else f"bit {W - 1} down"}; each active one overwrites the output, so the {"highest" if high_first else "lowest"} active index wins.', label='enc')
    c.purpose.append(f'A {W}-to-{OW} priority encoder: outputs the index of the {"highest" if high_first else "lowest"}-numbered active request and a valid flag.')


@family('seven_segment', 'hex to seven-segment decoder')
def seven_segment(c):
    c.ename('seg7', 'hex2seg', 'seven_seg_decoder', 'sevenseg')
    low = c.rng.random() < 0.5
    reg = c.rng.random() < 0.5
    if reg:
        clk = c.clock()
    h = c.inp('hex', 'std_logic_vector(3 downto 0)', 'hex digit')
    seg = c.outp('seg', 'std_logic_vector(6 downto 0)', f'segments g..a (bit 0 = a), active {"low" if low else "high"}')
    pats = [0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F, 0x77, 0x7C, 0x39, 0x5E, 0x79, 0x71]
    s = c.signal('seg_c', 'std_logic_vector(6 downto 0)')
    body = [f'case {h} is'] + [f'  when "{i:04b}" => {s} <= "{p:07b}";' for i, p in enumerate(pats[:15])] + [f'  when others => {s} <= "{pats[15]:07b}";', 'end case;']
    c.comb(body, [h], f'A case statement maps each hex value 0-F to its segment pattern (active high, bit 0 = segment a).', label='dec')
    out = f'not {s}' if low else s
    if reg:
        c.clocked_raw(clk, [f'{seg} <= {out};'], 'The pattern is registered to avoid glitches on the display pins.', label='outreg')
    else:
        c.stmt(f'{seg} <= {out};')
    if low:
        c.behaviour.append('The pattern is inverted for a common-anode display (segments active low).')
    c.purpose.append(f'Decodes a 4-bit hexadecimal digit into seven-segment display patterns (0-9, A-F), {"registered" if reg else "combinational"}, for a {"common-anode (active-low)" if low else "common-cathode (active-high)"} display.')


@family('onehot_decoder', 'binary to one-hot decoder with enable, and the reverse encoder')
def onehot_decoder(c):
    c.ename('decoder', 'onehot_dec', 'bin2onehot', 'addr_decoder')
    N = c.rng.choice([2, 3, 4, 5])
    sel = c.inp('sel', f'std_logic_vector({N - 1} downto 0)', 'binary select')
    en = c.inp('en', doc='enable: all outputs are low when it is low')
    y = c.outp('onehot', f'std_logic_vector({2 ** N - 1} downto 0)', 'one-hot output: bit sel is high')
    back = c.outp('index', f'std_logic_vector({N - 1} downto 0)', 'binary index re-encoded from the one-hot vector')
    g = c.uniq('dec_gen')
    c.stmt(f'{g}: for i in 0 to {2 ** N - 1} generate',
           f"  {y}(i) <= {en} when to_integer(unsigned({sel})) = i else '0';", f'end generate {g};')
    oh = c.signal('oh_int', f'std_logic_vector({2 ** N - 1} downto 0)')
    c.stmt(f"{oh} <= (others => '0') when {en} = '0' else std_logic_vector(shift_left(to_unsigned(1, {2 ** N}), to_integer(unsigned({sel}))));")
    c.comb(['acc := (others => \'0\');', f'for i in 0 to {2 ** N - 1} loop', f"  if {oh}(i) = '1' then",
            f'    acc := acc or to_unsigned(i, {N});', '  end if;', 'end loop;', f'{back} <= std_logic_vector(acc);'], [oh],
           f'The one-hot vector is encoded back to binary by OR-ing the indices of its set bits (exact for a one-hot input).', label='enc',
           variables=[f'acc : unsigned({N - 1} downto 0)'])
    c.behaviour.insert(0, f'A generate loop drives output bit i with `{en}` when `{sel}` equals i; `{oh}` computes the same vector by shifting a one.')
    c.purpose.append(f'A {N}-to-{2 ** N} binary-to-one-hot decoder with enable, plus the matching one-hot-to-binary encoder.')
