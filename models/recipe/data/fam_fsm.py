"""Synthetic families: FSM controllers (traffic light, vending machine, sequence detector), testbenches, function packages."""
import random

from synth import Ctx, family, FAMILIES


@family('traffic_light', 'traffic-light controller FSM with timed phases and pedestrian request')
def traffic_light(c):
    c.ename('traffic_light', 'traffic_ctrl', 'crossing_fsm', 'junction_ctrl')
    clk, rst = c.clock(), c.reset()
    gg = c.generic('GREEN_TICKS', 'positive', c.rng.choice([20, 30, 45]), 'length of a green phase in ticks')
    gy = c.generic('YELLOW_TICKS', 'positive', c.rng.choice([3, 4, 5]), 'length of a yellow phase in ticks')
    gr = c.generic('RED_TICKS', 'positive', c.rng.choice([1, 2]), 'all-red clearance time in ticks')
    tick = c.inp('tick', doc='timing enable, typically one pulse per second')
    ped = c.inp('ped_req', doc='pedestrian button: shortens the current north-south green')
    ns = c.outp('ns_light', 'std_logic_vector(2 downto 0)', 'north-south lamps: bit 2 red, bit 1 yellow, bit 0 green')
    ew = c.outp('ew_light', 'std_logic_vector(2 downto 0)', 'east-west lamps: bit 2 red, bit 1 yellow, bit 0 green')
    S = c.fsm('light_state_t', [('NS_GREEN', 'north-south green, east-west red'), ('NS_YELLOW', 'north-south yellow'),
                                ('ALL_RED1', 'both red before east-west starts'), ('EW_GREEN', 'east-west green, north-south red'),
                                ('EW_YELLOW', 'east-west yellow'), ('ALL_RED2', 'both red before north-south starts')],
              'A Moore machine cycling NS_GREEN -> NS_YELLOW -> ALL_RED1 -> EW_GREEN -> EW_YELLOW -> ALL_RED2 -> NS_GREEN; each state lasts its tick count, and a pedestrian request ends NS_GREEN early.')
    R = c.regs([('state', S['_type'], S['ALL_RED2'], 'FSM state'), ('timer', 'natural range 0 to 255', '0', 'ticks spent in the current state')], clk, rst, label='fsm')
    r, w = R.r, R.w
    seq = [('NS_GREEN', gg, 'NS_YELLOW'), ('NS_YELLOW', gy, 'ALL_RED1'), ('ALL_RED1', gr, 'EW_GREEN'),
           ('EW_GREEN', gg, 'EW_YELLOW'), ('EW_YELLOW', gy, 'ALL_RED2'), ('ALL_RED2', gr, 'NS_GREEN')]
    body = [f"if {tick} = '1' then", f"  {w('timer')} {r('timer')} + 1;", f"  case {r('state')} is"]
    for st, lim, nxt in seq:
        cond = f"{r('timer')} = {lim} - 1" + (f" or {ped} = '1'" if st == 'NS_GREEN' else '')
        body += [f"    when {S[st]} =>", f"      if {cond} then", f"        {w('state')} {S[nxt]};", f"        {w('timer')} 0;", '      end if;']
    body += ['  end case;', 'end if;']
    R.process(body, [tick, ped], f'On every `{tick}` the phase timer `{r("timer")}` advances; when it reaches the current phase length the FSM moves to the next phase and the timer restarts.')
    outs = {'NS_GREEN': ('001', '100'), 'NS_YELLOW': ('010', '100'), 'ALL_RED1': ('100', '100'),
            'EW_GREEN': ('100', '001'), 'EW_YELLOW': ('100', '010'), 'ALL_RED2': ('100', '100')}
    body = [f"case {r('state')} is"] + [f'  when {S[s]} => {ns} <= "{a}"; {ew} <= "{b}";' for s, (a, b) in outs.items()] + ['end case;']
    c.comb(body, [r('state')], 'The lamp outputs are decoded from the state alone (Moore outputs).', label='lamps')
    c.purpose.append('Controls the lights of a two-way road junction: timed green, yellow and all-red phases, with a pedestrian request that cuts the north-south green short.')


@family('vending_machine', 'vending machine FSM with credit accumulation and change')
def vending_machine(c):
    c.ename('vending_fsm', 'vending_machine', 'vend_ctrl', 'coin_ctrl')
    clk, rst = c.clock(), c.reset()
    price = c.rng.choice([35, 50, 65, 75, 100])
    gp = c.generic('PRICE', 'natural', price, 'price of an item in cents')
    n = c.inp('nickel', doc='5-cent coin inserted (one-cycle pulse)')
    d = c.inp('dime', doc='10-cent coin inserted (one-cycle pulse)')
    q = c.inp('quarter', doc='25-cent coin inserted (one-cycle pulse)')
    cancel = c.inp('cancel', doc='return the inserted credit')
    vend = c.outp('dispense', doc='one-cycle pulse: release an item')
    chg = c.outp('change', 'std_logic_vector(7 downto 0)', 'change to return in cents, valid while change_valid is high')
    cv = c.outp('change_valid', doc='one-cycle pulse with the change amount')
    S = c.fsm('vend_state_t', [('IDLE', 'no credit'), ('COLLECT', 'accumulating coins'), ('VEND', 'dispensing the item'), ('REFUND', 'returning change or cancelled credit')],
              'IDLE -> COLLECT on the first coin; COLLECT -> VEND once the credit reaches PRICE, or -> REFUND on cancel; VEND -> REFUND; REFUND -> IDLE.')
    R = c.regs([('state', S['_type'], S['IDLE'], 'FSM state'), ('credit', 'natural range 0 to 255', '0', 'inserted credit in cents'),
                ('vend_q', 'std_logic', "'0'", 'dispense pulse'), ('chg_q', 'natural range 0 to 255', '0', 'change amount'), ('cv_q', 'std_logic', "'0'", 'change valid pulse')], clk, rst, label='vend')
    r, w = R.r, R.w
    coin = c.signal('coin_value', 'natural range 0 to 25')
    c.stmt(f"{coin} <= 25 when {q} = '1' else 10 when {d} = '1' else 5 when {n} = '1' else 0;")
    c.behaviour.append(f'`{coin}` is the value of the coin inserted this cycle (a quarter has priority if several pulse together).')
    body = [f"{w('vend_q')} '0';", f"{w('cv_q')} '0';", f"case {r('state')} is",
            f"  when {S['IDLE']} =>", f"    if {coin} /= 0 then", f"      {w('credit')} {coin};", f"      {w('state')} {S['COLLECT']};", '    end if;',
            f"  when {S['COLLECT']} =>", f"    if {cancel} = '1' then", f"      {w('state')} {S['REFUND']};",
            f"    elsif {r('credit')} >= {gp} then", f"      {w('state')} {S['VEND']};",
            f"    elsif {coin} /= 0 then", f"      {w('credit')} {r('credit')} + {coin};", '    end if;',
            f"  when {S['VEND']} =>", f"    {w('vend_q')} '1';", f"    {w('credit')} {r('credit')} - {gp};", f"    {w('state')} {S['REFUND']};",
            f"  when {S['REFUND']} =>", f"    {w('chg_q')} {r('credit')};", f"    {w('cv_q')} '1';", f"    {w('credit')} 0;", f"    {w('state')} {S['IDLE']};",
            'end case;']
    R.process(body, [coin, cancel], f'The FSM accumulates coin values in `{r("credit")}`; when the credit reaches PRICE it pulses `{vend}`, subtracts the price, and in the refund state reports the remaining credit as change (also used for cancel).')
    c.stmt(f"{vend} <= {r('vend_q')};", f"{cv} <= {r('cv_q')};", f"{chg} <= std_logic_vector(to_unsigned({r('chg_q')}, 8));")
    c.purpose.append(f'The controller of a vending machine selling items at {price} cents: it accepts nickels, dimes and quarters, dispenses an item when enough credit is inserted, and returns change or the credit on cancel.')


def kmp_next(pat, k, b):
    """Longest prefix of pat that is a suffix of pat[:k] + b (the matcher's next state)."""
    s = pat[:k] + b
    for L in range(min(len(s), len(pat)), -1, -1):
        if s.endswith(pat[:L]) and L < len(pat):
            return L
    return 0


def seq_transitions(pat, overlap):
    """{(state, bit): (next state, detected)}; state k = length of the matched prefix of pat."""
    n, t = len(pat), {}
    for k in range(n):
        for b in '01':
            nxt = k + 1 if pat[k] == b else kmp_next(pat, k, b)
            if nxt == n:   # overlapping: continue from the longest proper suffix of pat that is also a prefix
                t[k, b] = (max(L for L in range(n) if pat.endswith(pat[:L])) if overlap else 0, True)
            else:
                t[k, b] = (nxt, False)
    return t


@family('sequence_detector', 'serial bit-pattern detector FSM (overlapping or not)')
def sequence_detector(c):
    n = c.rng.choice([3, 4, 4, 5])
    pat = ''.join(c.rng.choice('01') for _ in range(n))
    if '1' not in pat:
        pat = '1' + pat[1:]
    overlap = c.rng.random() < 0.5
    c.ename('seq_detect', 'pattern_detector', f'seq{pat}_det', 'bit_matcher')
    clk, rst = c.clock(), c.reset()
    din = c.inp('din', doc='serial input bit, one per clock (when en is high)')
    en = c.inp('en', doc='bit valid')
    det = c.outp('detected', doc=f'one-cycle pulse after the last bit of "{pat}"')
    states = [('IDLE', 'nothing matched yet')] + [(f'GOT_{pat[:k]}', f'the last bits received are "{pat[:k]}"') for k in range(1, n)]
    S = c.fsm('seq_state_t', states, f'One state per length of the matched prefix of "{pat}" (a KMP-style matcher). ' +
              ('After a full match the machine keeps the longest suffix that is again a prefix, so overlapping occurrences are detected.' if overlap
               else 'After a full match it returns to the start, so occurrences do not overlap.'))
    names = [S[s] for s, _ in states]
    R = c.regs([('state', S['_type'], names[0], 'matched-prefix state'), ('det_q', 'std_logic', "'0'", 'detection pulse')], clk, rst, label='fsm')
    r, w = R.r, R.w
    body = [f"{w('det_q')} '0';", f"if {en} = '1' then", f"  case {r('state')} is"]
    trans = seq_transitions(pat, overlap)
    for k in range(n):
        body.append(f'    when {names[k]} =>')
        for b in '10':
            nxt, hit = trans[k, b]
            extra = [f"{w('det_q')} '1';"] if hit else []
            body.append(f"      {'if' if b == '1' else 'else'}" + (f" {din} = '1' then" if b == '1' else ''))
            body += [f'        {l}' for l in extra + [f"{w('state')} {names[nxt]};"]]
        body.append('      end if;')
    body += ['  end case;', 'end if;']
    R.process(body, [din, en], f'On each valid bit the FSM moves to the state for the longest matched prefix; completing "{pat}" sets the registered pulse `{r("det_q")}` for one cycle.')
    c.stmt(f"{det} <= {r('det_q')};")
    c.purpose.append(f'Detects the bit pattern "{pat}" in a serial input stream ({"overlapping" if overlap else "non-overlapping"} occurrences) and pulses an output when it is found.')


@family('testbench', 'self-checking testbench for a counter DUT')
def testbench(c):
    # The DUT is a generated counter; the testbench drives it and checks the count with assertions.
    dut = Ctx(random.Random(c.rng.random()), 'counter', 'counter')
    FAMILIES['counter'][0](dut)
    c.extra_units.append(dut.render_vhdl().rstrip('\n').split('\n'))
    c.ename(f'tb_{dut.entity}', f'{dut.entity}_tb')
    c.libs = ['library ieee;', 'use ieee.std_logic_1164.all;', 'use ieee.numeric_std.all;']
    ports = dut.ports
    by_doc = lambda key: next(n for n, _, _, doc in ports if doc.startswith(key))
    clk, rst = dut.clocks[0], dut.resets[0]
    en, clr = by_doc('count enable'), by_doc('synchronous clear')
    cnt, tc = by_doc('the current count'), by_doc('terminal count')
    W = dut.generics[0][2]
    N = c.rng.randint(3, 12)
    per = c.rng.choice([10, 8, 20])
    act, inact = ("'0'", "'1'") if rst['level'] == 'low' else ("'1'", "'0'")
    cp = c.uniq('CLK_PERIOD')
    c.decl(f'constant {cp} : time := {per} ns;')
    sig = {}
    for n, d, t, _ in ports:
        t2 = t.replace(dut.generics[0][0], str(W))
        init = f" := '0'" if t == 'std_logic' and d == 'in' else ''
        if n == rst['name']:
            init = f' := {act}'
        c.decl(f'signal {n} : {t2}{init};')
        c.used.add(n.lower())
    done = c.uniq('sim_done')
    c.decl(f"signal {done} : boolean := false;")
    c.stmt(f"{clk} <= not {clk} after {cp} / 2 when not {done} else '0';",
           f'dut: entity work.{dut.entity}', f'  generic map ({dut.generics[0][0]} => {W})',
           '  port map (' + ', '.join(f'{n} => {n}' for n, *_ in ports) + ');')
    body = [f'{rst["name"]} <= {act};', f"{en} <= '0';", f"{clr} <= '0';",
            f'for i in 1 to 3 loop', f'  wait until rising_edge({clk});', 'end loop;',
            f'{rst["name"]} <= {inact};', f'wait until rising_edge({clk});',
            f"assert unsigned({cnt}) = 0 report \"count not zero after reset\" severity error;",
            f"{en} <= '1';", f'for i in 1 to {N} loop', f'  wait until rising_edge({clk});', 'end loop;',
            f"{en} <= '0';", f'wait until rising_edge({clk});', 'wait for 1 ns;',
            f'assert unsigned({cnt}) = {N} report "expected count {N} after {N} enabled cycles" severity error;',
            f"{clr} <= '1';", f'wait until rising_edge({clk});', f"{clr} <= '0';", 'wait for 1 ns;',
            f'assert unsigned({cnt}) = 0 report "clear did not zero the count" severity error;',
            'report "testbench finished" severity note;', f'{done} <= true;', 'wait;']
    c.stmt(f'{c.label("stimulus")}process', 'begin', *['  ' + l for l in body], 'end process;')
    c.behaviour += [f'A concurrent assignment toggles `{clk}` every half `{cp}` ({per} ns period) until `{done}` is set, which stops the clock so the simulation ends.',
                    f'The DUT `{dut.entity}` is instantiated by direct entity instantiation with WIDTH = {W}.',
                    f'The stimulus process holds `{rst["name"]}` active for three clock edges, checks the count is zero, enables counting for {N} edges and asserts the count equals {N}, then pulses `{clr}` and asserts the count returns to zero.']
    c.purpose.append(f'A self-checking testbench for the counter `{dut.entity}` (included above it in the same file): it generates the clock and reset, drives the enable and clear inputs and checks the count with assertions.')
    c.notes.append(f'The terminal-count output `{tc}` is connected but not checked.')
    c.testbench_of = dut.entity


FUNCS = {
    'clog2': ('function clog2(n : positive) return natural', ['variable r : natural := 0;', 'variable v : natural := 1;'],
              ['while v < n loop', '  v := v * 2;', '  r := r + 1;', 'end loop;', 'return r;'],
              'ceiling of log2(n): the number of address bits needed for n entries (clog2(1) = 0)'),
    'parity': ('function parity(v : std_logic_vector) return std_logic', ["variable p : std_logic := '0';"],
               ["for i in v'range loop", '  p := p xor v(i);', 'end loop;', 'return p;'], "even parity: XOR of all bits ('1' when the number of ones is odd)"),
    'reverse_bits': ('function reverse_bits(v : std_logic_vector) return std_logic_vector', ["variable r : std_logic_vector(v'reverse_range);"],
                     ["for i in v'range loop", '  r(i) := v(i);', 'end loop;', 'return r;'], 'the vector with its bit order reversed (MSB becomes LSB)'),
    'bin_to_gray': ('function bin_to_gray(b : unsigned) return unsigned', [], ['return b xor shift_right(b, 1);'], 'binary to Gray code: b xor (b >> 1)'),
    'gray_to_bin': ('function gray_to_bin(g : unsigned) return unsigned', ["variable b : unsigned(g'range);"],
                    ["b(b'left) := g(g'left);", "for i in g'left - 1 downto g'right loop", '  b(i) := b(i + 1) xor g(i);', 'end loop;', 'return b;'],
                    'Gray code back to binary: each bit is the XOR of all higher Gray bits'),
    'popcount': ('function popcount(v : std_logic_vector) return natural', ['variable n : natural := 0;'],
                 ["for i in v'range loop", "  if v(i) = '1' then", '    n := n + 1;', '  end if;', 'end loop;', 'return n;'], 'the number of bits set to one'),
    'sat_add': ('function sat_add(a, b : signed) return signed', ["variable s : signed(a'length downto 0);", "variable r : signed(a'length - 1 downto 0);"],
                ['s := resize(a, s\'length) + resize(b, s\'length);', "if s(s'left) /= s(s'left - 1) then",
                 "  r := (others => not s(s'left));", "  r(r'left) := s(s'left);", 'else', "  r := s(r'range);", 'end if;', 'return r;'],
                'signed addition that saturates at the most positive/negative value instead of wrapping (a and b of equal length)'),
    'max_nat': ('function max_nat(a, b : natural) return natural', [], ['if a > b then', '  return a;', 'end if;', 'return b;'], 'the larger of two naturals'),
    'to_onehot': ('function to_onehot(i : natural; n : positive) return std_logic_vector', ["variable r : std_logic_vector(n - 1 downto 0) := (others => '0');"],
                  ["r(i) := '1';", 'return r;'], 'an n-bit vector with only bit i set'),
}


@family('function_package', 'package of utility functions with a package body')
def function_package(c):
    pkg = c.ename('util_pkg', 'common_pkg', 'math_pkg', 'bit_utils_pkg', 'helpers_pkg')
    names = sorted(c.rng.sample(sorted(FUNCS), c.rng.randint(3, 6)))
    const = c.rng.random() < 0.5
    decl = [f'package {pkg} is']
    if const:
        decl += ['  constant DATA_WIDTH : positive := 32;', '  subtype word_t is std_logic_vector(DATA_WIDTH - 1 downto 0);']
    decl += [f'  {FUNCS[n][0]};' for n in names] + [f'end package {pkg};']
    body = [f'package body {pkg} is']
    for n in names:
        sig, vars_, stmts, _ = FUNCS[n]
        body += [f'  {sig} is'] + [f'    {v}' for v in vars_] + ['  begin'] + [f'    {s}' for s in stmts] + [f'  end function {n};', '']
    body[-1] = f'end package body {pkg};'
    c.custom = c.libs + [''] + decl + [''] + body
    c.purpose.append(f'A package of reusable utility functions ({", ".join(names)}) for synthesisable designs.' +
                     (' It also defines a DATA_WIDTH constant and a word_t subtype.' if const else ''))
    c.behaviour += [f'`{n}`: {FUNCS[n][3]}.' for n in names]
    c.notes.append(f'Designs use it with `use work.{pkg}.all;`. All functions are pure and synthesise to combinational logic.')
    c.functions = names
