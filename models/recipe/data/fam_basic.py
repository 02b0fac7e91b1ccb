"""Synthetic families: counters, shift registers, edge detectors, debouncers, PWM, dividers, timers, LFSR, CRC."""
from synth import family, zeros


def slv(w):
    return f'std_logic_vector({w}-1 downto 0)'


def uns(w):
    return f'unsigned({w}-1 downto 0)'


@family('counter', 'up counter with enable, synchronous clear and terminal count')
def counter(c):
    c.ename('counter', 'up_counter', 'event_counter', 'cnt_unit')
    W = c.rng.choice([4, 6, 8, 10, 12, 16, 24, 32])
    g = c.generic('WIDTH', 'positive', W, 'counter width in bits')
    clk, rst = c.clock(), c.reset()
    en = c.inp('en', doc='count enable: the count advances by one on each clock edge where it is high')
    clr = c.inp('clear', doc='synchronous clear: forces the count to zero on the next clock edge (has priority over en)')
    q = c.outp('count', slv(g), 'the current count')
    tc = c.outp('tc', doc='terminal count: high while the count is at its maximum and en is high, so the next edge wraps to zero')
    mx = c.uniq('MAX_COUNT')
    c.decl(f"constant {mx} : {uns(g)} := (others => '1');")
    R = c.regs([('cnt', uns(g), zeros(), 'the count')], clk, rst)
    r, w = R.r, R.w
    R.process([f"if {clr} = '1' then", f"  {w('cnt')} (others => '0');",
               f"elsif {en} = '1' then", f"  {w('cnt')} {r('cnt')} + 1;", 'end if;'], [clr, en],
              f'The count register `{r("cnt")}` clears when `{clr}` is high, otherwise increments by one when `{en}` is high and wraps from all ones to zero.')
    c.stmt(f"{q} <= std_logic_vector({r('cnt')});",
           f"{tc} <= '1' when {r('cnt')} = {mx} and {en} = '1' else '0';")
    c.behaviour.append(f'`{tc}` is decoded combinationally from the count and `{en}`; `{q}` is the count register converted to std_logic_vector.')
    c.purpose.append(f'A {W}-bit binary up counter with a count enable, a synchronous clear and a terminal-count output for cascading.')


@family('updown_counter', 'loadable up/down counter')
def updown_counter(c):
    c.ename('updown_counter', 'up_down_cnt', 'bidir_counter')
    W = c.rng.choice([4, 8, 12, 16])
    g = c.generic('WIDTH', 'positive', W, 'counter width in bits')
    clk, rst = c.clock(), c.reset()
    load = c.inp('load', doc='loads `d` into the counter (highest priority)')
    d = c.inp('d', slv(g), 'value loaded when load is high')
    en = c.inp('en', doc='count enable')
    up = c.inp('up', doc='direction: 1 counts up, 0 counts down')
    q = c.outp('q', slv(g), 'the current count')
    zero = c.outp('zero', doc='high while the count is zero')
    R = c.regs([('cnt', uns(g), zeros(), 'the count')], clk, rst)
    r, w = R.r, R.w
    R.process([f"if {load} = '1' then", f"  {w('cnt')} unsigned({d});",
               f"elsif {en} = '1' then", f"  if {up} = '1' then", f"    {w('cnt')} {r('cnt')} + 1;", '  else',
               f"    {w('cnt')} {r('cnt')} - 1;", '  end if;', 'end if;'], [load, d, en, up],
              f'`{r("cnt")}` loads `{d}` when `{load}` is high; otherwise, when `{en}` is high, it counts up if `{up}` is high and down if it is low, wrapping modulo 2**{g}.')
    c.stmt(f"{q} <= std_logic_vector({r('cnt')});", f"{zero} <= '1' when {r('cnt')} = 0 else '0';")
    c.behaviour.append(f'`{zero}` is a combinational compare of the count with zero.')
    c.purpose.append(f'A loadable {W}-bit up/down counter with enable and a zero flag.')


@family('shift_register', 'serial-in parallel-out shift register with parallel load')
def shift_register(c):
    c.ename('shift_reg', 'sipo', 'shifter', 'shift_register')
    W = c.rng.choice([4, 8, 16, 32])
    msb_first = c.rng.random() < 0.5
    g = c.generic('WIDTH', 'positive', W, 'register length in bits')
    clk, rst = c.clock(), c.reset()
    load = c.inp('load', doc='parallel load of `din` (priority over shifting)')
    din = c.inp('din', slv(g), 'parallel load value')
    sh = c.inp('shift', doc='shift enable')
    si = c.inp('sin', doc='serial input bit')
    q = c.outp('q', slv(g), 'parallel output (the register contents)')
    so = c.outp('sout', doc='serial output: the bit shifted out next')
    R = c.regs([('sr', slv(g), zeros(), 'the shift register')], clk, rst)
    r, w = R.r, R.w
    if msb_first:
        shift = f"{w('sr')} {r('sr')}({g}-2 downto 0) & {si};"
        out = f"{so} <= {r('sr')}({g}-1);"
        how = 'shifts towards the MSB: the serial input enters at bit 0 and the MSB leaves first'
    else:
        shift = f"{w('sr')} {si} & {r('sr')}({g}-1 downto 1);"
        out = f"{so} <= {r('sr')}(0);"
        how = 'shifts towards the LSB: the serial input enters at the MSB and bit 0 leaves first'
    R.process([f"if {load} = '1' then", f"  {w('sr')} {din};", f"elsif {sh} = '1' then", '  ' + shift, 'end if;'],
              [load, din, sh, si], f'`{r("sr")}` loads `{din}` when `{load}` is high; when `{sh}` is high it {how}.')
    c.stmt(f"{q} <= {r('sr')};", out)
    c.purpose.append(f'A {W}-bit shift register with parallel load, serial input and both parallel and serial outputs ({"MSB" if msb_first else "LSB"} first).')


@family('edge_detector', 'synchronised rising/falling edge detector')
def edge_detector(c):
    c.ename('edge_detect', 'edge_detector', 'pulse_gen', 'edge_det')
    clk, rst = c.clock(), c.reset()
    sync = c.rng.random() < 0.5
    din = c.inp('din', doc='input level to watch' + (' (asynchronous: it is synchronised first)' if sync else ''))
    rise = c.outp('rise', doc='one-clock pulse after a 0-to-1 transition of the input')
    fall = c.outp('fall', doc='one-clock pulse after a 1-to-0 transition of the input')
    specs = ([('sync0', 'std_logic', "'0'", 'first synchroniser stage'), ('sync1', 'std_logic', "'0'", 'second synchroniser stage')] if sync else [])
    specs += [('prev', 'std_logic', "'0'", 'input value one clock earlier'),
              ('rise_q', 'std_logic', "'0'", 'registered rising-edge pulse'), ('fall_q', 'std_logic', "'0'", 'registered falling-edge pulse')]
    R = c.regs(specs, clk, rst)
    r, w = R.r, R.w
    cur = r('sync1') if sync else din
    body = ([f"{w('sync0')} {din};", f"{w('sync1')} {r('sync0')};"] if sync else [])
    body += [f"{w('prev')} {cur};", f"{w('rise_q')} {cur} and not {r('prev')};", f"{w('fall_q')} {r('prev')} and not {cur};"]
    doc = (f'`{din}` passes through a two-flop synchroniser (`{r("sync0")}`, `{r("sync1")}`); ' if sync else '')
    doc += f'`{r("prev")}` holds the previous sample, and the rising/falling pulses are registered by comparing the current sample with it.'
    R.process(body, [din], doc)
    c.stmt(f"{rise} <= {r('rise_q')};", f"{fall} <= {r('fall_q')};")
    c.purpose.append('Detects rising and falling edges of a slow input and produces one-clock-cycle pulses' + (', after synchronising it to the clock.' if sync else '.'))


@family('debouncer', 'push-button debouncer with synchroniser and stability counter')
def debouncer(c):
    c.ename('debounce', 'debouncer', 'button_filter', 'key_debounce')
    clk, rst = c.clock(), c.reset()
    N = c.rng.choice([1000, 50000, 100000, 250000, 500000])
    g = c.generic('STABLE_CYCLES', 'positive', N, 'clock cycles the input must stay unchanged before the output follows')
    btn = c.inp('btn', doc='raw, bouncing button input (asynchronous)')
    o = c.outp('btn_db', doc='debounced level')
    p = c.outp('pressed', doc='one-clock pulse when the debounced level rises')
    R = c.regs([('s0', 'std_logic', "'0'", 'synchroniser stage 1'), ('s1', 'std_logic', "'0'", 'synchroniser stage 2'),
                ('cnt', f'natural range 0 to {g}', '0', 'stability counter'), ('state', 'std_logic', "'0'", 'debounced level'),
                ('pulse', 'std_logic', "'0'", 'press pulse')], clk, rst)
    r, w = R.r, R.w
    R.process([f"{w('s0')} {btn};", f"{w('s1')} {r('s0')};", f"{w('pulse')} '0';",
               f"if {r('s1')} = {r('state')} then", f"  {w('cnt')} 0;",
               f"elsif {r('cnt')} = {g} - 1 then", f"  {w('cnt')} 0;", f"  {w('state')} {r('s1')};",
               f"  {w('pulse')} {r('s1')};", 'else', f"  {w('cnt')} {r('cnt')} + 1;", 'end if;'], [btn],
              f'The button is synchronised by `{r("s0")}`/`{r("s1")}`. While the synchronised input equals the debounced level `{r("state")}` the counter `{r("cnt")}` stays at zero; when it differs, the counter runs, and after {g} consecutive differing cycles the level is accepted and the counter restarts.')
    c.stmt(f"{o} <= {r('state')};", f"{p} <= {r('pulse')};")
    c.purpose.append('Debounces a mechanical push button: the output changes only after the input has been stable for a programmable number of clock cycles, and a press produces a single pulse.')


@family('pwm', 'PWM generator with programmable period and duty cycle')
def pwm(c):
    c.ename('pwm', 'pwm_gen', 'pwm_generator', 'led_dimmer')
    W = c.rng.choice([8, 10, 12, 16])
    g = c.generic('WIDTH', 'positive', W, 'counter and duty-cycle width')
    clk, rst = c.clock(), c.reset()
    en = c.inp('en', doc='enable: when low the output is held low and the counter stops')
    per = c.inp('period', slv(g), 'PWM period minus one, in clock cycles')
    duty = c.inp('duty', slv(g), 'number of clock cycles per period during which the output is high')
    o = c.outp('pwm', doc='PWM output')
    R = c.regs([('cnt', uns(g), zeros(), 'position within the period'), ('pwm_q', 'std_logic', "'0'", 'registered output')], clk, rst)
    r, w = R.r, R.w
    R.process([f"if {en} = '0' then", f"  {w('cnt')} (others => '0');", f"  {w('pwm_q')} '0';", 'else',
               f"  if {r('cnt')} >= unsigned({per}) then", f"    {w('cnt')} (others => '0');", '  else',
               f"    {w('cnt')} {r('cnt')} + 1;", '  end if;',
               f"  if {r('cnt')} < unsigned({duty}) then", f"    {w('pwm_q')} '1';", '  else', f"    {w('pwm_q')} '0';", '  end if;',
               'end if;'], [en, per, duty],
              f'`{r("cnt")}` counts from 0 to `{per}` and wraps; the output register is high while the count is below `{duty}`, so the duty cycle is duty/(period+1).')
    c.stmt(f"{o} <= {r('pwm_q')};")
    c.purpose.append(f'A {W}-bit pulse-width modulator with run-time programmable period and duty cycle, for LED dimming or motor control.')


@family('clock_divider', 'clock-enable tick generator and divided square wave')
def clock_divider(c):
    c.ename('clk_div', 'clock_divider', 'tick_gen', 'prescaler')
    D = c.rng.choice([2, 4, 10, 100, 1000, 50000])
    g = c.generic('DIVIDE', 'positive', D, 'division ratio (clock cycles per tick)')
    clk, rst = c.clock(), c.reset()
    tick = c.outp('tick', doc='one-clock-wide enable pulse every DIVIDE cycles')
    sq = c.outp('clk_out', doc='square wave toggling on every tick (the clock frequency divided by 2*DIVIDE); intended as a slow enable or output pin, not as a clock inside the FPGA')
    R = c.regs([('cnt', f'natural range 0 to {g} - 1', '0', 'cycle counter'), ('tick_q', 'std_logic', "'0'", 'tick pulse'),
                ('sq_q', 'std_logic', "'0'", 'divided square wave')], clk, rst)
    r, w = R.r, R.w
    R.process([f"{w('tick_q')} '0';", f"if {r('cnt')} = {g} - 1 then", f"  {w('cnt')} 0;", f"  {w('tick_q')} '1';",
               f"  {w('sq_q')} not {r('sq_q')};", 'else', f"  {w('cnt')} {r('cnt')} + 1;", 'end if;'], [],
              f'`{r("cnt")}` counts 0 .. {g}-1; at the terminal value it restarts, emits a one-cycle `{tick}` and toggles the square wave.')
    c.stmt(f"{tick} <= {r('tick_q')};", f"{sq} <= {r('sq_q')};")
    c.purpose.append('Divides the clock: generates a clock-enable tick every DIVIDE cycles (the recommended way to run slow logic) and a divided square wave.')
    c.notes.append('Downstream logic should use the tick as a clock enable on the same clock rather than clocking registers from the divided output.')


@family('watchdog', 'watchdog timer with kick input and sticky timeout')
def watchdog(c):
    c.ename('watchdog', 'wdt', 'watchdog_timer', 'timeout_monitor')
    W = c.rng.choice([16, 20, 24, 32])
    g = c.generic('TIMEOUT', 'positive', c.rng.choice([1000, 100000, 5000000]), 'cycles without a kick before the watchdog fires')
    clk, rst = c.clock(), c.reset()
    en = c.inp('enable', doc='arms the watchdog; while low the counter is held at zero')
    kick = c.inp('kick', doc='restart pulse from the supervised logic')
    to = c.outp('timeout', doc='sticky: goes high when the timer expires and stays high until reset or disable')
    R = c.regs([('cnt', f'natural range 0 to {g}', '0', 'cycles since the last kick'), ('fired', 'std_logic', "'0'", 'sticky timeout flag')], clk, rst)
    r, w = R.r, R.w
    R.process([f"if {en} = '0' then", f"  {w('cnt')} 0;", f"  {w('fired')} '0';",
               f"elsif {kick} = '1' then", f"  {w('cnt')} 0;",
               f"elsif {r('cnt')} = {g} then", f"  {w('fired')} '1';",
               'else', f"  {w('cnt')} {r('cnt')} + 1;", 'end if;'], [en, kick],
              f'While enabled, `{r("cnt")}` counts cycles since the last `{kick}`; a kick restarts it. When it reaches {g} the sticky flag `{r("fired")}` is set and the counter stops.')
    c.stmt(f"{to} <= {r('fired')};")
    c.purpose.append('A watchdog timer: if the supervised logic does not pulse kick within TIMEOUT clock cycles, a sticky timeout flag is raised (e.g. to trigger a system reset).')
    c.notes.append(f'Counter width is implied by TIMEOUT (natural range 0 to {g}); W={W} bits would suffice for the default.')


@family('timer', 'programmable interval timer with one-shot and periodic modes and interrupt')
def timer(c):
    c.ename('timer', 'interval_timer', 'pit', 'countdown_timer')
    W = c.rng.choice([16, 24, 32])
    g = c.generic('WIDTH', 'positive', W, 'timer width')
    clk, rst = c.clock(), c.reset()
    start = c.inp('start', doc='loads `load_val` and starts counting down')
    stop = c.inp('stop', doc='stops the timer')
    periodic = c.inp('periodic', doc='1: reload and continue after expiry; 0: one-shot')
    lv = c.inp('load_val', slv(g), 'start value (interval in clock cycles)')
    irq = c.outp('irq', doc='one-clock interrupt pulse at each expiry')
    run = c.outp('running', doc='high while the timer counts')
    R = c.regs([('cnt', uns(g), zeros(), 'remaining cycles'), ('run', 'std_logic', "'0'", 'running flag'), ('irq_q', 'std_logic', "'0'", 'interrupt pulse')], clk, rst)
    r, w = R.r, R.w
    R.process([f"{w('irq_q')} '0';", f"if {start} = '1' then", f"  {w('cnt')} unsigned({lv});", f"  {w('run')} '1';",
               f"elsif {stop} = '1' then", f"  {w('run')} '0';",
               f"elsif {r('run')} = '1' then", f"  if {r('cnt')} = 0 then", f"    {w('irq_q')} '1';",
               f"    if {periodic} = '1' then", f"      {w('cnt')} unsigned({lv});", '    else', f"      {w('run')} '0';", '    end if;',
               '  else', f"    {w('cnt')} {r('cnt')} - 1;", '  end if;', 'end if;'], [start, stop, periodic, lv],
              f'`{start}` loads `{lv}` into `{r("cnt")}` and sets the running flag; while running the count decrements each cycle. At zero, `{irq}` pulses for one cycle and the timer either reloads (`{periodic}` high) or stops. `{stop}` halts it.')
    c.stmt(f"{irq} <= {r('irq_q')};", f"{run} <= {r('run')};")
    c.purpose.append(f'A {W}-bit programmable down-counting interval timer with one-shot and periodic modes and an interrupt pulse on expiry.')


LFSR_TAPS = {4: (4, 3), 5: (5, 3), 7: (7, 6), 8: (8, 6, 5, 4), 10: (10, 7), 12: (12, 6, 4, 1), 16: (16, 15, 13, 4),
             24: (24, 23, 22, 17), 32: (32, 22, 2, 1)}


@family('lfsr', 'maximal-length Fibonacci LFSR pseudo-random generator')
def lfsr(c):
    c.ename('lfsr', 'prbs_gen', 'lfsr_rng', 'random_gen')
    W = c.rng.choice(sorted(LFSR_TAPS))
    taps = LFSR_TAPS[W]
    c.params = {'width': W, 'taps': list(taps)}
    clk, rst = c.clock(), c.reset()
    en = c.inp('en', doc='advance enable')
    q = c.outp('q', slv(W), 'current LFSR state (pseudo-random value)')
    bit = c.outp('bit_out', doc='the feedback bit (pseudo-random bit stream)')
    seed = c.rng.randrange(1, 2 ** W)
    R = c.regs([('sr', slv(W), f'"{seed:0{W}b}"', 'LFSR state; must never be all zeros')], clk, rst)
    r, w = R.r, R.w
    fb = c.signal('feedback', 'std_logic')
    c.stmt(f"{fb} <= " + ' xor '.join(f"{r('sr')}({t - 1})" for t in taps) + ';')
    R.process([f"if {en} = '1' then", f"  {w('sr')} {r('sr')}({W - 2} downto 0) & {fb};", 'end if;'], [en, fb],
              f'When `{en}` is high the state shifts left by one and the feedback bit enters at bit 0.')
    c.behaviour.insert(0, f'`{fb}` is the XOR of taps {", ".join(map(str, taps))} (1-based), the polynomial of a maximal-length {W}-bit sequence (period 2**{W}-1).')
    c.stmt(f"{q} <= {r('sr')};", f"{bit} <= {fb};")
    c.purpose.append(f'A {W}-bit maximal-length linear feedback shift register producing a pseudo-random sequence, seeded with a nonzero value at reset.')


CRCS = [('CRC-8', 8, 0x07, 0x00), ('CRC-16/CCITT-FALSE', 16, 0x1021, 0xFFFF), ('CRC-32/MPEG-2', 32, 0x04C11DB7, 0xFFFFFFFF),
        ('CRC-5 (polynomial 0x05)', 5, 0x05, 0x1F)]


@family('crc', 'byte-parallel CRC generator using a next-state function')
def crc(c):
    name, W, poly, init = c.rng.choice(CRCS)
    c.params = {'width': W, 'poly': poly, 'init': init}
    c.ename('crc_gen', 'crc', 'crc_calc', 'checksum_unit')
    clk, rst = c.clock(), c.reset()
    init_in = c.inp('init', doc='restarts the CRC at its initial value')
    v = c.inp('valid', doc='a data byte is presented this cycle')
    d = c.inp('data', slv(8), 'data byte, processed MSB first')
    q = c.outp('crc', slv(W), 'current CRC value')
    fn, pc = c.uniq('crc_next'), c.uniq('POLY')
    c.decl(f'constant {pc} : std_logic_vector({W - 1} downto 0) := "{poly:0{W}b}";',
           f'function {fn}(crc_in : std_logic_vector({W - 1} downto 0); byte : std_logic_vector(7 downto 0))',
           f'  return std_logic_vector is',
           f'  variable c : std_logic_vector({W - 1} downto 0) := crc_in;',
           '  variable fb : std_logic;',
           'begin',
           '  for i in 7 downto 0 loop',
           f'    fb := c({W - 1}) xor byte(i);',
           f'    c := c({W - 2} downto 0) & \'0\';',
           f"    if fb = '1' then",
           f'      c := c xor {pc};',
           '    end if;',
           '  end loop;',
           '  return c;',
           f'end function {fn};')
    iv = f'"{init:0{W}b}"'
    R = c.regs([('crc_r', f'std_logic_vector({W - 1} downto 0)', iv, 'CRC register')], clk, rst)
    r, w = R.r, R.w
    R.process([f"if {init_in} = '1' then", f"  {w('crc_r')} {iv};", f"elsif {v} = '1' then",
               f"  {w('crc_r')} {fn}({r('crc_r')}, {d});", 'end if;'], [init_in, v, d],
              f'`{r("crc_r")}` is set to the initial value 0x{init:X} by `{init_in}`; for each valid byte it is replaced by `{fn}`, which runs eight serial CRC steps (MSB first) over the byte in one clock.')
    c.stmt(f"{q} <= {r('crc_r')};")
    c.purpose.append(f'Computes a {name} checksum (polynomial 0x{poly:X}, initial value 0x{init:X}, no reflection, no final XOR) over a byte stream, one byte per clock.')
