// The facts each fixture must yield, stated one by one and located by text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { architectureFacts, entityUsages, factsAt } from '../../server/src/analysis/facts/index';
import type { ArchitectureFacts } from '../../server/src/analysis/facts/types';
import { Workspace } from '../../server/src/analysis/workspace';
import { archOf, lineOf, loadFixtures } from './helpers';

function obj(a: ArchitectureFacts, name: string) {
  const o = a.objects.find((x) => x.name === name);
  assert.ok(o, `object ${name}`);
  return o;
}

function proc(a: ArchitectureFacts, label: string) {
  const p = a.processes.find((x) => x.label === label);
  assert.ok(p, `process ${label}`);
  return p;
}

test('counters: clocks, edges and resets of every style', () => {
  const { ws, uri } = loadFixtures('counters.vhd');
  const a = archOf(ws, uri('counters.vhd'));
  const expect: Record<string, [string, string, string | null, string | null, string | null]> = {
    p_count_a: ['clk', 'rising', 'rst_n', 'async', '0'],
    p_count_b: ['clk', 'rising', 'srst', 'sync', '1'],
    p_shift_c: ['clk', 'falling', 'arst', 'async', '1'],
    p_shift_d: ['clk', 'rising', 'rst_b', 'sync', '0'],
    p_count_e: ['clk', 'rising', null, null, null],
  };
  for (const [label, [clock, edge, reset, kind, level]] of Object.entries(expect)) {
    const p = proc(a, label);
    assert.equal(p.kind, 'clocked', label);
    assert.deepEqual(p.clock, { signal: clock, edge }, label);
    assert.deepEqual(p.reset, reset ? { signal: reset, kind, activeLevel: level } : null, label);
  }
  assert.equal(a.processes.length, 5);
  assert.deepEqual(
    a.registers.map((r) => [r.name, r.reset?.value ?? null]),
    [['cnt_a', "(others => '0')"], ['cnt_b', 'to_unsigned(0, 8)'], ['sr_c', '"0000"'], ['sr_d', "(others => '1')"], ['cnt_e', null], ['tick', null]],
  );
});

test('counters: every driver and reader of cnt_a, located by text', () => {
  const { ws, uri, text } = loadFixtures('counters.vhd');
  const t = text('counters.vhd');
  const a = archOf(ws, uri('counters.vhd'));
  const cnt = obj(a, 'cnt_a');
  assert.equal(cnt.role, 'register');
  assert.deepEqual(cnt.drivers.map((d) => [d.label, d.line]), [
    ['p_count_a', lineOf(t, "cnt_a <= (others => '0');")],
    ['p_count_a', lineOf(t, 'cnt_a <= cnt_a + 1;')],
  ]);
  assert.deepEqual(cnt.readers.map((r) => [r.statement, r.label, r.line, r.context]), [
    ['process', 'p_count_a', lineOf(t, 'cnt_a <= cnt_a + 1;'), 'expression'],
    ['concurrent assignment', 'count_a', lineOf(t, 'count_a <= cnt_a;'), 'expression'],
  ]);
  assert.equal(obj(a, 'clk').comment, 'system clock');
  assert.equal(obj(a, 'rst_n').comment, 'asynchronous reset, active low');
  assert.equal(obj(a, 'cnt_a').comment, 'Counter A: rising_edge with an asynchronous active-low reset.');
  assert.equal(obj(a, 'cnt_b').comment, 'counter B value');
  // The reset port of a synchronous reset is read in its condition only, not in the sensitivity list.
  assert.deepEqual(obj(a, 'rst_b').readers.map((r) => [r.line, r.context]), [[lineOf(t, "if rst_b = '0' then"), 'condition']]);
  assert.deepEqual(obj(a, 'sr_c').readers[0].element, '(2 downto 0)');
});

test('one-process FSM: states, reset state, transitions with conditions', () => {
  const { ws, uri, text } = loadFixtures('fsm_one.vhd');
  const t = text('fsm_one.vhd');
  const [f] = archOf(ws, uri('fsm_one.vhd')).fsms;
  assert.equal(f.signal, 'state');
  assert.equal(f.style, 'one-process');
  assert.deepEqual(f.states, ['IDLE', 'RUN', 'FLUSH', 'ERR']);
  assert.equal(f.resetState, 'IDLE');
  assert.deepEqual(f.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(
    f.transitions.map((x) => [x.from, x.to, x.condition, x.line]),
    [
      ['IDLE', 'RUN', "start = '1'", lineOf(t, 'state <= RUN;')],
      ['RUN', 'FLUSH', "done = '1'", lineOf(t, 'state <= FLUSH;')],
      ['RUN', 'IDLE', "not (done = '1') and start = '0'", lineOf(t, 'state <= IDLE;', 1)],
      ['FLUSH', 'IDLE', '', lineOf(t, 'state <= IDLE;', 2)],
      ['ERR', 'IDLE', '', lineOf(t, 'state <= IDLE;', 2)],
    ],
  );
  assert.deepEqual(f.unreachable, ['ERR']);
});

test('two-process FSM: state/next_state pair, default assignment, conditional next state', () => {
  const { ws, uri, text } = loadFixtures('fsm_two.vhd');
  const t = text('fsm_two.vhd');
  const a = archOf(ws, uri('fsm_two.vhd'));
  const [f] = a.fsms;
  assert.equal(a.fsms.length, 1);
  assert.equal(f.style, 'two-process');
  assert.equal(f.next, 'next_state');
  assert.equal(f.resetState, 'S_IDLE');
  assert.deepEqual(
    f.transitions.map((x) => [x.from, x.to, x.condition, x.line]),
    [
      ['S_IDLE', 'S_REQ', "req = '1'", lineOf(t, 'next_state <= S_REQ;')],
      ['S_REQ', 'S_GRANT', "ack = '1'", lineOf(t, 'next_state <= S_GRANT when')],
      ['S_REQ', 'S_IDLE', "not (ack = '1')", lineOf(t, 'next_state <= S_GRANT when')],
      ['S_GRANT', 'S_IDLE', "req = '0'", lineOf(t, 'next_state <= S_IDLE;')],
    ],
  );
  assert.equal(obj(a, 'state').role, 'register');
  assert.equal(obj(a, 'next_state').role, 'combinational');
  assert.equal(proc(a, 'p_next').kind, 'combinational');
  assert.deepEqual(proc(a, 'p_next').missingSensitivity, []);
  assert.deepEqual(proc(a, 'p_next').latches, []);
});

test('record-based two-process design: r is the register, rin and v are not', () => {
  const { ws, uri, text } = loadFixtures('record_2p.vhd');
  const t = text('record_2p.vhd');
  const a = archOf(ws, uri('record_2p.vhd'));
  const r = obj(a, 'r');
  assert.equal(r.role, 'register');
  assert.deepEqual(r.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: 'REG_RESET' });
  assert.deepEqual(r.drivers.map((d) => d.line), [lineOf(t, 'r <= REG_RESET;'), lineOf(t, 'r <= rin;')]);
  assert.deepEqual(
    r.readers.map((x) => [x.label, x.line, x.context, x.element ?? null]),
    [
      ['comb', lineOf(t, 'comb : process (r, load, data)'), 'sensitivity', null],
      ['comb', lineOf(t, 'v := r;'), 'expression', null],
      ['comb', lineOf(t, 'q <= std_logic_vector(r.value);'), 'argument', '.value'],
      ['comb', lineOf(t, 'valid <= r.valid;'), 'expression', '.valid'],
    ],
  );
  assert.equal(obj(a, 'rin').role, 'combinational');
  assert.deepEqual(obj(a, 'rin').drivers.map((d) => [d.label, d.line]), [['comb', lineOf(t, 'rin <= v;')]]);
  const v = obj(a, 'v');
  assert.equal(v.kind, 'variable');
  assert.deepEqual(v.drivers.map((d) => d.element ?? null), [null, '.valid', '.value', '.valid']);
  assert.equal(proc(a, 'comb').kind, 'combinational');
  assert.deepEqual(proc(a, 'comb').latches, []);
});

test('combinational: missing sensitivity entry and latch; process(all) is clean', () => {
  const { ws, uri } = loadFixtures('comb.vhd');
  const a = archOf(ws, uri('comb.vhd'));
  assert.deepEqual(proc(a, 'p_bad').missingSensitivity, ['b']);
  assert.deepEqual(proc(a, 'p_bad').latches, ['y_latch']);
  assert.deepEqual(obj(a, 'y_latch').latchIn, ['p_bad']);
  assert.deepEqual(obj(a, 'b').missingFromSensitivity, ['p_bad']);
  assert.equal(obj(a, 'y_mux').latchIn, undefined);
  assert.equal(obj(a, 'a').missingFromSensitivity, undefined);
  assert.equal(proc(a, 'p_good').sensitivity, 'all');
  assert.deepEqual(proc(a, 'p_good').missingSensitivity, []);
  assert.deepEqual(proc(a, 'p_good').latches, []);
});

test('generate loops: per-index processes, generate-local signals, exclusive if-generates', () => {
  const { ws, uri, text } = loadFixtures('generate_loops.vhd');
  const t = text('generate_loops.vhd');
  const a = archOf(ws, uri('generate_loops.vhd'));
  const lane = proc(a, 'p_lane');
  assert.deepEqual(lane.generate, ['g_lane']);
  assert.deepEqual(lane.reset, { signal: 'rst', kind: 'sync', activeLevel: '1' });
  const q = obj(a, 'lane_q');
  assert.equal(q.role, 'register');
  assert.deepEqual(q.drivers.map((d) => [d.line, d.element, d.generate]), [
    [lineOf(t, "lane_q(i) <= '0';"), '(i)', ['g_lane']],
    [lineOf(t, 'lane_q(i) <= stage;'), '(i)', ['g_lane']],
  ]);
  assert.equal(q.multipleDrivers, undefined);
  assert.equal(obj(a, 'stage').scope, 'generate g_lane');
  // dout is driven under `if PIPE` and under `if not PIPE`: never both, so not multiply driven.
  const dout = obj(a, 'dout');
  assert.equal(dout.drivers.length, 2);
  assert.equal(dout.multipleDrivers, undefined);
});

test('two clock domains: the two-flop synchroniser is recognised, the raw crossing is flagged', () => {
  const { ws, uri, text } = loadFixtures('two_domains.vhd');
  const t = text('two_domains.vhd');
  const a = archOf(ws, uri('two_domains.vhd'));
  assert.deepEqual(
    a.crossings.map((c) => [c.source, c.fromClock.signal, c.register, c.toClock.signal, c.synchroniser, c.line]),
    [
      ['flag', 'clk_a', 'meta', 'clk_b', 'two-flop', lineOf(t, 'meta   <= flag;')],
      ['count_a', 'clk_a', 'snap_b', 'clk_b', null, lineOf(t, 'snap_b <= count_a;')],
    ],
  );
});

test('hierarchy across files: component, direct entity and configuration instances, port modes, where an entity is used', () => {
  const { ws, uri, text } = loadFixtures('hierarchy/leaf_reg.vhd', 'hierarchy/leaf_inv.vhd', 'hierarchy/leaf_cfg.vhd', 'hierarchy/top.vhd');
  const t = text('hierarchy/top.vhd');
  const a = archOf(ws, uri('hierarchy/top.vhd'));
  assert.deepEqual(
    a.instances.map((i) => [i.label, i.unitKind, i.entity, i.architecture, i.entityDeclaration?.file, i.generate]),
    [
      ['u_inv', 'component', 'leaf_inv', null, uri('hierarchy/leaf_inv.vhd'), []],
      ['u_reg', 'entity', 'leaf_reg', 'rtl', uri('hierarchy/leaf_reg.vhd'), []],
      ['u_cfg', 'configuration', 'leaf_reg', null, uri('hierarchy/leaf_reg.vhd'), []],
      ['u_lane', 'entity', 'leaf_reg', null, uri('hierarchy/leaf_reg.vhd'), ['g_lanes']],
    ],
  );
  assert.deepEqual(a.instances[3].ports, [
    { formal: 'clk', actual: 'clk', mode: 'in' },
    { formal: 'd', actual: 'din', mode: 'in' },
    { formal: 'q', actual: 'lane(8*i+7 downto 8*i)', mode: 'out' },
  ]);
  assert.deepEqual(obj(a, 'inverted').drivers.map((d) => [d.statement, d.label, d.port, d.line]), [['instance', 'u_inv', 'y', lineOf(t, 'port map (x => din, y => inverted);')]]);
  assert.deepEqual(obj(a, 'inverted').readers.map((d) => [d.label, d.port, d.context]), [['u_reg', 'd', 'port map']]);
  assert.equal(obj(a, 'dout').role, 'instance output');
  const leaf = ws.findEntity('leaf_reg')!;
  assert.deepEqual(entityUsages(ws, leaf).map((u) => [u.label, u.in, u.line]), [
    ['u_reg', 'struct of top', lineOf(t, 'u_reg : entity work.leaf_reg(rtl)')],
    ['u_cfg', 'struct of top', lineOf(t, 'u_cfg : configuration work.leaf_reg_cfg')],
    ['u_lane', 'struct of top', lineOf(t, 'u_lane : entity work.leaf_reg')],
  ]);
  assert.deepEqual(entityUsages(ws, ws.findEntity('leaf_inv')!).map((u) => u.label), ['u_inv']);
});

test('testbench: wait-based processes are "other"; an unknown DUT leaves directions uncertain', () => {
  const { ws, uri } = loadFixtures('testbench.vhd');
  const a = archOf(ws, uri('testbench.vhd'));
  assert.deepEqual(a.processes.map((p) => [p.label, p.kind, p.clock]), [['clk_gen', 'other', null], ['stim', 'other', null]]);
  assert.equal(obj(a, 'clk').role, 'testbench');
  const count = obj(a, 'count');
  assert.equal(count.role, 'unknown');
  assert.match(count.uncertain ?? '', /direction is unknown/);
  assert.match(a.instances[0].uncertain ?? '', /not found/);
});

test('multiple drivers: reported for std_ulogic, not for std_logic or disjoint slices', () => {
  const { ws, uri } = loadFixtures('multiple_drivers.vhd');
  const a = archOf(ws, uri('multiple_drivers.vhd'));
  assert.deepEqual(obj(a, 'u').multipleDrivers, { statements: 2, resolved: false, overlap: 'certain' });
  assert.equal(obj(a, 'bus_io').multipleDrivers, undefined);
  assert.equal(obj(a, 'w').multipleDrivers, undefined);
  assert.deepEqual(obj(a, 'z').multipleDrivers, { statements: 2, resolved: false, overlap: 'certain' });
});

test('bad input: partial facts with reasons, no wrong certainties', () => {
  const { ws, uri } = loadFixtures('bad_input.vhd');
  const a = archOf(ws, uri('bad_input.vhd'));
  assert.equal(a.partial, true);
  assert.ok(a.notes.some((n) => n.includes('syntax error')));
  assert.ok(a.notes.some((n) => n.includes('`ghost`')));
  assert.match(proc(a, 'p_half').uncertain ?? '', /incomplete/);
  assert.match(a.instances[0].uncertain ?? '', /not found/);
  assert.equal(a.instances[0].ports.every((p) => p.mode === null), true);
});

test('bad input: analysing every prefix of every fixture never throws', () => {
  const names = ['counters.vhd', 'fsm_two.vhd', 'record_2p.vhd', 'record_fsm.vhd', 'procedures.vhd', 'expanded_names.vhd', 'generate_loops.vhd', 'two_domains.vhd', 'hierarchy/top.vhd'];
  const { ws, text } = loadFixtures(...names);
  let checked = 0;
  for (const n of names) {
    const t = text(n);
    for (let cut = 0; cut < t.length; cut += 41) {
      const f = ws.setFile('file:///cut.vhd', t.slice(0, cut) + (cut % 2 ? '' : ' $$ ) ( <= ;'));
      for (const u of f.units) {
        if (u.kind !== 'architecture') continue;
        // The cache turns an exception into a note: look for it, so that a crash fails the test.
        const a = architectureFacts(ws, u);
        assert.ok(!a.notes.some((x) => x.includes('internal analysis error')), `${n} cut at ${cut}: ${a.notes.join('; ')}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 50);
});

test('bad input: a read of a name nothing declares marks the process uncertain', () => {
  // No use clause here, so the name cannot come from an external package: it is certainly undeclared.
  const ws = new Workspace();
  const text = 'entity u is port (clk : in bit; q : out bit); end;\narchitecture a of u is\nbegin\n  p : process (clk)\n  begin\n    if clk = \'1\' and phantom = \'1\' then\n      q <= \'1\';\n    end if;\n  end process;\nend;\n';
  const f = ws.setFile('file:///u.vhd', text);
  const a = archOf(ws, f.uri);
  const p = proc(a, 'p');
  assert.match(p.uncertain ?? '', /undeclared name `phantom`/);
  assert.ok(a.notes.some((n) => n.startsWith('`phantom` (line 6)')));
});

test('aliases: accesses through an alias count against the object, with the alias element', () => {
  const { ws, uri, text } = loadFixtures('aliases.vhd');
  const t = text('aliases.vhd');
  const a = archOf(ws, uri('aliases.vhd'));
  const s = obj(a, 's');
  assert.deepEqual(s.drivers.map((d) => [d.label, d.line, d.element]), [
    ['lo', lineOf(t, 'lo <= a & b;'), '(1 downto 0)'],
    ['p_hi', lineOf(t, 'hi <= lo;'), '(3 downto 2)'],
  ]);
  assert.deepEqual(s.readers.map((r) => [r.label, r.line, r.element ?? null]), [
    ['p_hi', lineOf(t, 'hi <= lo;'), '(1 downto 0)'],
    ['y', lineOf(t, 'y <= s;'), null],
  ]);
  // Disjoint halves: not multiply driven, although std_ulogic_vector is unresolved.
  assert.equal(s.multipleDrivers, undefined);
  assert.equal(a.objects.some((o) => o.name === 'lo'), false);
});

test('variables in a clocked process: read before assigned is a flip-flop, assigned before read is logic', () => {
  const { ws, uri } = loadFixtures('variables.vhd');
  const a = archOf(ws, uri('variables.vhd'));
  const acc = obj(a, 'acc');
  assert.equal(acc.role, 'register');
  assert.deepEqual(acc.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: "(others => '0')" });
  assert.equal(obj(a, 'sum').role, 'variable');
  assert.deepEqual(proc(a, 'p_acc').reset, { signal: 'rst', kind: 'sync', activeLevel: '1' });
  // The output is registered but the reset branch does not give it a value.
  assert.deepEqual(obj(a, 'total').reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: null });
});

test('record FSM, two-process: the state is r.state, transitions from the variable copy, reset from the constant aggregate', () => {
  const { ws, uri, text } = loadFixtures('record_fsm.vhd');
  const t = text('record_fsm.vhd');
  const file = ws.getFile(uri('record_fsm.vhd'))!;
  const a = architectureFacts(ws, file.units.find((u) => u.kind === 'architecture' && u.name === 'rtl')!);
  assert.equal(a.fsms.length, 1);
  const [f] = a.fsms;
  assert.equal(f.signal, 'r.state');
  assert.equal(f.next, 'rin.state');
  assert.equal(f.style, 'two-process');
  assert.equal(f.type, 'state_t');
  assert.deepEqual(f.states, ['IDLE', 'RUN', 'DONE', 'FAIL']);
  assert.equal(f.resetState, 'IDLE');
  assert.deepEqual(f.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(
    f.transitions.map((x) => [x.from, x.to, x.condition, x.line]),
    [
      ['IDLE', 'RUN', "start = '1'", lineOf(t, 'v.state := RUN;')],
      ['RUN', 'DONE', "stop = '1' or r.cnt = 15", lineOf(t, 'v.state := DONE;')],
      ['DONE', 'IDLE', '', lineOf(t, 'v.state := IDLE;')],
      ['FAIL', 'IDLE', '', lineOf(t, 'v.state := IDLE;')],
    ],
  );
  assert.deepEqual(f.unreachable, ['FAIL']);
  assert.equal(f.uncertain, undefined);
  // The record register: its fields are registers of the same clock, with the reset values of REG_RESET.
  const [reg] = a.registers;
  assert.equal(reg.name, 'r');
  assert.deepEqual(reg.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: 'REG_RESET' });
  assert.deepEqual(reg.fields, [
    { name: 'state', type: 'state_t', reset: 'IDLE' },
    { name: 'cnt', type: 'unsigned(3 downto 0)', reset: "(others => '0')" },
  ]);
  assert.deepEqual(obj(a, 'r').fields, reg.fields);
  assert.deepEqual(obj(a, 'r').drivers.map((d) => [d.label, d.line, d.element ?? null]), [
    ['regs', lineOf(t, 'r <= REG_RESET;'), null],
    ['regs', lineOf(t, 'r <= rin;'), null],
  ]);
  assert.deepEqual(obj(a, 'rin').drivers.map((d) => [d.label, d.line]), [['comb', lineOf(t, 'rin <= v;')]]);
  assert.equal(obj(a, 'rin').role, 'combinational');
});

test('record FSM, field-by-field reset and an if chain on r.state', () => {
  const { ws, uri, text } = loadFixtures('record_fsm.vhd');
  const t = text('record_fsm.vhd');
  const file = ws.getFile(uri('record_fsm.vhd'))!;
  const a = architectureFacts(ws, file.units.find((u) => u.kind === 'architecture' && u.name === 'fields')!);
  const [f] = a.fsms;
  assert.equal(a.fsms.length, 1);
  assert.equal(f.signal, 'r.state');
  assert.equal(f.next, 'rin.state');
  assert.equal(f.resetState, 'IDLE');
  assert.deepEqual(f.states, ['IDLE', 'RUN', 'DONE']);
  const from = lineOf(t, 'architecture fields');
  assert.deepEqual(
    f.transitions.map((x) => [x.from, x.to, x.condition, x.line]),
    [
      ['IDLE', 'RUN', "start = '1'", lineOf(t, 'v.state := RUN;', 1)],
      ['RUN', 'DONE', "stop = '1'", lineOf(t, 'v.state := DONE;', 1)],
      ['DONE', 'IDLE', '', lineOf(t, 'v.state := IDLE;', 1)],
    ],
  );
  assert.ok(f.transitions.every((x) => x.line > from));
  assert.deepEqual(a.registers[0].reset, { signal: 'rst', kind: 'async', activeLevel: '1', value: "r.state <= IDLE; r.cnt <= (others => '0')" });
  assert.deepEqual(a.registers[0].fields, [
    { name: 'cnt', type: 'unsigned(3 downto 0)', reset: "(others => '0')" },
    { name: 'state', type: 'state_t', reset: 'IDLE' },
  ]);
  assert.deepEqual(obj(a, 'r').drivers.map((d) => [d.line, d.element ?? null]), [
    [lineOf(t, 'r.state <= IDLE;'), '.state'],
    [lineOf(t, "r.cnt <= (others => '0');"), '.cnt'],
    [lineOf(t, 'r <= rin;', 1), null],
  ]);
});

test('record FSM, one process on a record signal: c.phase <= ..., reset by a positional aggregate', () => {
  const { ws, uri, text } = loadFixtures('record_fsm.vhd');
  const t = text('record_fsm.vhd');
  const file = ws.getFile(uri('record_fsm.vhd'))!;
  const a = architectureFacts(ws, file.units.find((u) => u.kind === 'architecture' && u.name === 'one')!);
  const [f] = a.fsms;
  assert.equal(a.fsms.length, 1);
  assert.equal(f.signal, 'c.phase');
  assert.equal(f.next, null);
  assert.equal(f.style, 'one-process');
  assert.equal(f.resetState, 'OFF');
  assert.deepEqual(f.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(
    f.transitions.map((x) => [x.from, x.to, x.condition, x.line]),
    [
      ['OFF', 'WARM', "go = '1'", lineOf(t, 'c.phase <= WARM;')],
      ['WARM', 'HOT', 'c.tick = 7', lineOf(t, 'c.phase <= HOT;')],
      ['HOT', 'OFF', "go = '0'", lineOf(t, 'c.phase <= OFF;')],
    ],
  );
  assert.deepEqual(f.unreachable, []);
  assert.deepEqual(a.registers.map((r) => [r.name, r.reset?.value, r.fields]), [
    ['c', '(OFF, 0)', [{ name: 'phase', type: 'phase_t', reset: 'OFF' }, { name: 'tick', type: 'natural range 0 to 7', reset: '0' }]],
  ]);
  const c = obj(a, 'c');
  assert.deepEqual(c.drivers.map((d) => [d.line, d.element ?? null]), [
    [lineOf(t, 'c <= (OFF, 0);'), null],
    [lineOf(t, 'c.phase <= WARM;'), '.phase'],
    [lineOf(t, 'c.phase <= HOT;'), '.phase'],
    [lineOf(t, 'c.tick <= c.tick + 1;'), '.tick'],
    [lineOf(t, 'c.phase <= OFF;'), '.phase'],
    [lineOf(t, 'c.tick <= 0;'), '.tick'],
  ]);
  assert.deepEqual(c.readers.map((r) => [r.label, r.line, r.context, r.element]), [
    ['p_ctl', lineOf(t, 'case c.phase is'), 'condition', '.phase'],
    ['p_ctl', lineOf(t, 'if c.tick = 7 then'), 'condition', '.tick'],
    ['p_ctl', lineOf(t, 'c.tick <= c.tick + 1;'), 'expression', '.tick'],
    ['led', lineOf(t, "led <= '1' when c.phase = HOT else '0';"), 'condition', '.phase'],
  ]);
});

test('record FSM: the name at a field use, the record and the record element give the field facts', () => {
  const { ws, uri, text } = loadFixtures('record_fsm.vhd');
  const t = text('record_fsm.vhd');
  const file = ws.getFile(uri('record_fsm.vhd'))!;
  const at = (snippet: string, delta = 0) => factsAt(ws, file, t.indexOf(snippet) + delta)!;
  const field = at('case r.state is', 'case r.'.length);
  assert.equal(field.name, 'r.state');
  assert.equal(field.kind, 'element');
  assert.equal(field.type, 'state_t');
  assert.equal(field.declaration.line, lineOf(t, 'state : state_t;'));
  assert.deepEqual(field.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(field.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: 'IDLE' });
  assert.equal(field.fsm?.signal, 'r.state');
  // Whole-record accesses count for the field; the other field's do not.
  assert.deepEqual(field.drivers.map((d) => d.line), [lineOf(t, 'r <= REG_RESET;'), lineOf(t, 'r <= rin;')]);
  assert.deepEqual(field.readers.map((r) => [r.label, r.line]), [
    ['comb', lineOf(t, 'comb : process (r, start, stop)')],
    ['comb', lineOf(t, 'v := r;')],
    ['comb', lineOf(t, 'case r.state is')],
    ['busy', lineOf(t, "busy  <= '1' when r.state = RUN else '0';")],
  ]);
  assert.equal(field.partial, false);
  // The element in the record type: the field of the register of that type.
  assert.equal(at('state : state_t;').name, 'r.state');
  // The record and its next-state copy carry the field's state machine.
  assert.equal(at('r, rin : reg_t').fsm?.signal, 'r.state');
  assert.equal(at('rin : reg_t').fsm?.next, 'rin.state');
  assert.equal(at('state_t is').fsm?.signal, 'r.state');
  const one = at('case c.phase is', 'case c.'.length);
  assert.equal(one.name, 'c.phase');
  assert.deepEqual(one.reset, { signal: 'rst_n', kind: 'async', activeLevel: '0', value: 'OFF' });
  assert.deepEqual(one.drivers.map((d) => d.line), [lineOf(t, 'c <= (OFF, 0);'), lineOf(t, 'c.phase <= WARM;'), lineOf(t, 'c.phase <= HOT;'), lineOf(t, 'c.phase <= OFF;')]);
});

test('procedures: a signal assigned in a procedure body is driven by the calling process at the call line, via the procedure', () => {
  const { ws, uri, text } = loadFixtures('procedures.vhd');
  const t = text('procedures.vhd');
  const a = archOf(ws, uri('procedures.vhd'));
  const tx = obj(a, 'tx');
  assert.deepEqual(tx.drivers.map((d) => [d.statement, d.label, d.line, d.via]), [
    ['process', 'p_tx', lineOf(t, '        idle;'), 'idle → send'],
    ['process', 'p_tx', lineOf(t, '        send(din);'), 'send'],
  ]);
  // A register of the clocked caller; the reset value is the actual given for the formal assigned (`send('1')` inside `idle`).
  assert.equal(tx.role, 'register');
  assert.deepEqual(tx.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(tx.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: "'1'" });
  assert.deepEqual(proc(a, 'p_tx').reset, { signal: 'rst', kind: 'sync', activeLevel: '1' });
  assert.deepEqual(proc(a, 'p_tx').assigns, ['tx']);
  // `signal` parameters: the actual is driven (and, for inout, read) by the caller.
  const sr = obj(a, 'sr');
  assert.equal(sr.role, 'register');
  assert.deepEqual(sr.drivers.map((d) => [d.label, d.line, d.via]), [['p_shift', lineOf(t, 'shift(sr, din);'), 'shift']]);
  assert.deepEqual(sr.readers.map((r) => [r.label, r.line, r.context]), [
    ['p_shift', lineOf(t, 'shift(sr, din);'), 'argument'],
    ['sr_o', lineOf(t, 'sr_o  <= sr;'), 'expression'],
  ]);
  assert.deepEqual(obj(a, 'led').drivers.map((d) => [d.label, d.line, d.via]), [['p_led', lineOf(t, 'hold(led);'), 'hold']]);
  assert.equal(obj(a, 'led').role, 'register');
  assert.deepEqual(obj(a, 'copy').drivers.map((d) => [d.label, d.line, d.via]), [['p_copy', lineOf(t, 'hold(copy);'), 'hold']]);
  assert.equal(obj(a, 'copy').role, 'combinational');
  assert.deepEqual(a.registers.map((r) => [r.name, r.process]), [['tx', 'p_tx'], ['sr', 'p_shift'], ['led', 'p_led']]);
});

test('procedures: reads inside a procedure body are reads by the callers (sensitivity checked), and bodies are not latches', () => {
  const { ws, uri, text } = loadFixtures('procedures.vhd');
  const t = text('procedures.vhd');
  const a = archOf(ws, uri('procedures.vhd'));
  assert.deepEqual(obj(a, 'level').readers.map((r) => [r.label, r.line, r.context, r.via ?? null]), [
    ['p_led', lineOf(t, 'hold(led);'), 'expression', 'hold'],
    ['p_comb', lineOf(t, '    drive;'), 'expression', 'drive'],
    ['p_copy', lineOf(t, 'p_copy : process (level)'), 'sensitivity', null],
    ['p_copy', lineOf(t, 'hold(copy);'), 'expression', 'hold'],
  ]);
  assert.deepEqual(proc(a, 'p_comb').missingSensitivity, ['level']);
  assert.deepEqual(obj(a, 'level').missingFromSensitivity, ['p_comb']);
  assert.deepEqual(obj(a, 'both').drivers.map((d) => [d.label, d.line, d.via]), [['p_comb', lineOf(t, '    drive;'), 'drive']]);
  // Assigned on every path of the body (and, for `hold(copy)`, through the `out` formal): no latch.
  assert.deepEqual(proc(a, 'p_comb').latches, []);
  assert.deepEqual(proc(a, 'p_copy').latches, []);
  // A recursive procedure: its body is walked once; the recursive branch ends in its base case.
  assert.deepEqual(obj(a, 'pulse').drivers.map((d) => [d.label, d.line, d.via]), [['p_pulse', lineOf(t, 'countdown(3);'), 'countdown']]);
  assert.deepEqual(obj(a, 'mark').readers.map((r) => [r.label, r.line, r.via ?? null]), [
    ['p_pulse', lineOf(t, 'p_pulse : process (mark)'), null],
    ['p_pulse', lineOf(t, 'countdown(3);'), 'countdown'],
  ]);
  assert.deepEqual(proc(a, 'p_pulse').latches, []);
  assert.equal(a.partial, false);
});

test('procedures: mutual recursion and half-written procedures give partial facts, never an exception', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity m is port (clk : in std_logic; a, b : out std_logic); end;',
    'architecture rtl of m is',
    'begin',
    '  p : process (clk)',
    '    procedure pong(n : natural);',
    '    procedure ping(n : natural) is begin a <= \'1\'; if n > 0 then pong(n - 1); end if; end procedure;',
    '    procedure pong(n : natural) is begin b <= \'0\'; if n > 0 then ping(n - 1); end if; end procedure;',
    '    procedure broken(x : std_logic) is begin b <= ',
    '  begin',
    '    if rising_edge(clk) then ping(4); broken(\'1\'); end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const f = ws.setFile('file:///m.vhd', text);
  const a = archOf(ws, f.uri);
  assert.ok(!a.notes.some((n) => n.includes('internal analysis error')), a.notes.join('; '));
  assert.equal(a.partial, true);
  assert.deepEqual(obj(a, 'a').drivers.map((d) => [d.line, d.via]), [[11, 'ping']]);
  assert.deepEqual(obj(a, 'b').drivers.map((d) => [d.line, d.via, d.uncertain ?? null]), [
    [11, 'ping → pong', null],
    [11, 'broken', 'procedure `broken` is incomplete (syntax errors)'],
  ]);
  assert.equal(obj(a, 'b').role, 'register');
  // Every prefix of the text: facts or partial facts, never a throw.
  for (let cut = 0; cut < text.length; cut += 7) {
    const g = ws.setFile('file:///cut.vhd', text.slice(0, cut));
    for (const u of g.units) if (u.kind === 'architecture') assert.ok(!architectureFacts(ws, u).notes.some((n) => n.includes('internal analysis error')), `cut at ${cut}`);
  }
});

test('expanded names: blk.t, rtl.s and work.pkg.flag drive the whole signal; arr(i).f notes the element', () => {
  const { ws, uri, text } = loadFixtures('expanded_names.vhd');
  const t = text('expanded_names.vhd');
  const file = ws.getFile(uri('expanded_names.vhd'))!;
  const a = archOf(ws, uri('expanded_names.vhd'));
  assert.equal(a.partial, false, a.notes.join('; '));
  const bt = obj(a, 't');
  assert.equal(bt.scope, 'block blk');
  assert.deepEqual(bt.drivers.map((d) => [d.label, d.line, d.element ?? null]), [['p_blk', lineOf(t, 'blk.t <= a;'), null]]);
  assert.deepEqual(bt.readers.map((r) => [r.label, r.line, r.context]), [['y', lineOf(t, 'y <= blk.t;'), 'expression']]);
  assert.equal(bt.role, 'register');
  assert.deepEqual(obj(a, 's').drivers.map((d) => [d.label, d.line, d.element ?? null]), [['p_arr', lineOf(t, 'rtl.s <= flag;'), null]]);
  assert.equal(obj(a, 's').role, 'register');
  const arr = obj(a, 'arr');
  assert.deepEqual(arr.drivers.map((d) => [d.label, d.line, d.element]), [
    ['p_arr', lineOf(t, 'arr(i).f <= a;'), '(i).f'],
    ['p_arr', lineOf(t, 'arr(0).g <= not a;'), '(0).g'],
  ]);
  assert.deepEqual(arr.readers.map((r) => [r.label, r.line, r.element]), [['p_arr', lineOf(t, 'work.expanded_pkg.flag <= arr(3).f;'), '(3).f']]);
  assert.deepEqual(proc(a, 'p_arr').assigns, ['arr', 'flag', 's']);
  assert.deepEqual(a.registers.map((r) => [r.name, r.process]), [['t', 'p_blk'], ['arr', 'p_arr'], ['flag', 'p_arr'], ['s', 'p_arr']]);
  // The package signal, by its expanded name and through the use clause: the facts of this architecture, said so.
  for (const at of [t.indexOf('rtl.s <= flag') + 'rtl.s <= '.length, t.indexOf('work.expanded_pkg.flag <= arr') + 'work.expanded_pkg.'.length]) {
    const f = factsAt(ws, file, at)!;
    assert.equal(f.name, 'flag');
    assert.equal(f.details?.object?.scope, 'package expanded_pkg');
    assert.deepEqual(f.drivers.map((d) => [d.label, d.line]), [['p_arr', lineOf(t, 'work.expanded_pkg.flag <= arr(3).f;')]]);
    assert.deepEqual(f.readers.map((r) => [r.label, r.line]), [['p_arr', lineOf(t, 'rtl.s <= flag;')], ['z', lineOf(t, 'z <= s and work.expanded_pkg.flag;')]]);
    assert.deepEqual(f.clock, { signal: 'clk', edge: 'rising' });
    assert.equal(f.partial, false);
    assert.match(f.notes[0], /signal of a package: only its drivers and readers in `rtl of expanded_names`/);
  }
});

test('record FSM, bad input: a half-written record and state assignment give the transitions seen, marked uncertain, nothing claimed unreachable', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity h is port (clk, go : in std_logic); end;',
    'architecture rtl of h is',
    '  type state_t is (IDLE, BUSY);',
    '  type reg_t is record',
    '    state : state_t;',
    '    n     :',
    '  end record;',
    '  signal r : reg_t;',
    'begin',
    '  p : process (clk) begin',
    '    if rising_edge(clk) then',
    '      case r.state is',
    "        when IDLE => if go = '1' then r.state <= BUSY; end if;",
    '        when BUSY => r.state <= ',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///h.vhd', text).uri);
  assert.equal(a.partial, true);
  assert.ok(a.notes.some((n) => n.includes('syntax error')));
  const [f] = a.fsms;
  assert.equal(f.signal, 'r.state');
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.line]), [['IDLE', 'BUSY', 14]]);
  assert.match(f.uncertain ?? '', /syntax error in the process/);
  assert.deepEqual(f.unreachable, []);
  assert.deepEqual(a.registers[0].fields?.map((x) => x.name), ['state', 'n']);
});

test('record FSM, reset inside the combinational process (v := RES_T): a transition from any state under the reset condition', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity g is port (clk, rstn, go : in std_logic; o : out std_logic); end;',
    'architecture rtl of g is',
    '  type state_t is (IDLE, BUSY);',
    '  type reg_t is record state : state_t; n : integer range 0 to 3; end record;',
    '  constant RES_T : reg_t := (state => IDLE, n => 0);',
    '  signal r, rin : reg_t;',
    'begin',
    '  comb : process (r, rstn, go)',
    '    variable v : reg_t;',
    '  begin',
    '    v := r;',
    '    case v.state is',
    "      when IDLE => if go = '1' then v.state := BUSY; end if;",
    '      when BUSY => v := RES_T;',
    '    end case;',
    "    if rstn = '0' then v := RES_T; end if;",
    '    rin <= v;',
    "    o <= '1' when r.state = BUSY else '0';",
    '  end process;',
    '  regs : process (clk) begin if rising_edge(clk) then r <= rin; end if; end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///g.vhd', text).uri);
  const [f] = a.fsms;
  assert.equal(f.signal, 'r.state');
  assert.equal(f.next, 'rin.state');
  // The clocked process has no reset: no reset state is claimed; the combinational reset is a transition.
  assert.equal(f.resetState, null);
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.condition, x.line]), [
    ['IDLE', 'BUSY', "go = '1'", 14],
    ['BUSY', 'IDLE', '', 15],
    ['*', 'IDLE', "rstn = '0'", 17],
  ]);
  assert.equal(f.uncertain, undefined);
});

test('FSM whose state is set inside a procedure: the body is followed on the call path, at the call line', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity k is port (clk, go, stop : in std_logic); end;',
    'architecture rtl of k is',
    '  type state_t is (IDLE, BUSY, DONE);',
    '  signal state : state_t;',
    'begin',
    '  p : process (clk)',
    "    procedure finish is begin if stop = '1' then state <= DONE; else state <= IDLE; end if; end procedure;",
    '  begin',
    '    if rising_edge(clk) then',
    '      case state is',
    "        when IDLE => if go = '1' then state <= BUSY; end if;",
    '        when BUSY => finish;',
    '        when DONE => null;',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///k.vhd', text).uri);
  const [f] = a.fsms;
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.condition, x.line]), [
    ['IDLE', 'BUSY', "go = '1'", 12],
    ['BUSY', 'DONE', "stop = '1'", 13],
    ['BUSY', 'IDLE', "not (stop = '1')", 13],
  ]);
  assert.equal(f.uncertain, undefined);
  assert.deepEqual(f.unreachable, []);
  // Two assignments in the body: two accesses of the call, each with its value.
  assert.deepEqual(obj(a, 'state').drivers.map((d) => [d.line, d.via ?? null]), [[12, null], [13, 'finish'], [13, 'finish']]);
});

test('FSM whose state is set through a procedure parameter: the body is followed with the parameter standing for the state', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity k is port (clk, go, err : in std_logic); end;',
    'architecture rtl of k is',
    '  type state_t is (IDLE, BUSY, FAIL);',
    '  signal state : state_t;',
    "  procedure leave(signal s : out state_t; signal e : in std_logic) is begin if e = '1' then s <= FAIL; else s <= IDLE; end if; end procedure;",
    '  procedure hold(signal s : out state_t; v : state_t) is begin s <= v; end procedure;',
    'begin',
    '  p : process (clk)',
    '  begin',
    '    if rising_edge(clk) then',
    '      case state is',
    "        when IDLE => if go = '1' then state <= BUSY; end if;",
    '        when BUSY => leave(state, err);',
    '        when FAIL => hold(state, FAIL);',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///k.vhd', text).uri);
  const [f] = a.fsms;
  // The body's conditions are on the formals, as written there.
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.condition, x.line]), [
    ['IDLE', 'BUSY', "go = '1'", 13],
    ['BUSY', 'FAIL', "e = '1'", 14],
    ['BUSY', 'IDLE', "not (e = '1')", 14],
    // `s <= v` inside `hold`, the call giving `v` the literal FAIL.
    ['FAIL', 'FAIL', '', 15],
  ]);
  assert.equal(f.uncertain, undefined);
  assert.deepEqual(f.unreachable, []);
});

test('FSM set through a procedure parameter to a value the body computes: said, once, rather than guessed', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity k is port (clk, go : in std_logic); end;',
    'architecture rtl of k is',
    '  type state_t is (IDLE, BUSY);',
    '  signal state : state_t;',
    "  procedure step(signal s : out state_t; cur : state_t) is begin s <= state_t'succ(cur); end procedure;",
    'begin',
    '  p : process (clk)',
    '  begin',
    '    if rising_edge(clk) then',
    '      case state is',
    "        when IDLE => if go = '1' then step(state, state); end if;",
    '        when BUSY => state <= IDLE;',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///k.vhd', text).uri);
  const [f] = a.fsms;
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.line]), [['BUSY', 'IDLE', 13]]);
  assert.equal(f.uncertain, "line 12: the next state `state_t'succ(cur)` is computed, so its transitions are not listed");
  assert.deepEqual(f.unreachable, []);
});

test('FSM on a record field set through a procedure parameter: the whole record is passed, the field assigned inside', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity k is port (clk, go : in std_logic); end;',
    'architecture rtl of k is',
    '  type state_t is (IDLE, BUSY);',
    '  type regs_t is record state : state_t; count : integer; end record;',
    '  signal r : regs_t;',
    '  procedure back(signal x : inout regs_t) is begin x.state <= IDLE; x.count <= 0; end procedure;',
    'begin',
    '  p : process (clk)',
    '  begin',
    '    if rising_edge(clk) then',
    '      case r.state is',
    "        when IDLE => if go = '1' then r.state <= BUSY; end if;",
    '        when BUSY => back(r);',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///k.vhd', text).uri);
  const [f] = a.fsms;
  assert.equal(f.signal, 'r.state');
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.line]), [['IDLE', 'BUSY', 13], ['BUSY', 'IDLE', 14]]);
  assert.equal(f.uncertain, undefined);
});

test('FSM whose state is set through a parameter of a procedure declared in a package: its body is followed in the package body', () => {
  const ws = new Workspace();
  ws.setFile('file:///pkg.vhd', [
    'package fsm_pkg is',
    '  type state_t is (IDLE, BUSY);',
    '  procedure set_idle(signal s : out state_t);',
    'end package;',
    'package body fsm_pkg is',
    '  procedure set_idle(signal s : out state_t) is begin s <= IDLE; end procedure;',
    'end package body;',
  ].join('\n'));
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'use work.fsm_pkg.all;',
    'entity k is port (clk, go : in std_logic); end;',
    'architecture rtl of k is',
    '  signal state : state_t;',
    'begin',
    '  p : process (clk)',
    '  begin',
    '    if rising_edge(clk) then',
    '      case state is',
    "        when IDLE => if go = '1' then state <= BUSY; end if;",
    '        when BUSY => set_idle(state);',
    '      end case;',
    '    end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///k.vhd', text).uri);
  const [f] = a.fsms;
  assert.deepEqual(f.transitions.map((x) => [x.from, x.to, x.line]), [['IDLE', 'BUSY', 11], ['BUSY', 'IDLE', 12]]);
  assert.equal(f.uncertain, undefined);
  assert.deepEqual(f.unreachable, []);
  // Without the package body the procedure cannot be followed: said, not guessed.
  ws.setFile('file:///pkg.vhd', 'package fsm_pkg is\n  type state_t is (IDLE, BUSY);\n  procedure set_idle(signal s : out state_t);\nend package;\n');
  const [g] = archOf(ws, 'file:///k.vhd').fsms;
  assert.equal(g.uncertain, 'line 12: the state is set inside procedure `set_idle`, so its transitions are not listed');
});

test('procedures: calls that fan out are walked up to a bound, then noted, never exhaustively', () => {
  const ws = new Workspace();
  // p0 calls p1 three times, p1 calls p2 three times, ... : 3^7 walks without a bound.
  const procs = Array.from({ length: 8 }, (_, i) => {
    const k = 7 - i;
    const body = k === 7 ? "q <= '1';" : `p${k + 1}; p${k + 1}; p${k + 1};`;
    return `    procedure p${k} is begin ${body} end procedure;`;
  });
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity fan is port (clk : in std_logic; q : out std_logic); end;',
    'architecture rtl of fan is',
    'begin',
    '  p : process (clk)',
    ...procs,
    '  begin',
    '    if rising_edge(clk) then p0; end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///fan.vhd', text).uri);
  assert.equal(a.notes.filter((n) => n.includes('the remaining subprogram bodies are not analysed')).length, 1, a.notes.join('; '));
  assert.equal(a.partial, true);
  // One call, one access: the repeats through the fan-out are merged.
  assert.deepEqual(obj(a, 'q').drivers.map((d) => [d.line, d.via]), [[procs.length + 7, 'p0 → p1 → p2 → p3 → p4 → p5 → p6 → p7']]);
});

test('multiple drivers: different record fields of one array element are disjoint; the same field is not', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity md is port (clk, a, b : in std_logic); end;',
    'architecture rtl of md is',
    '  type pair_t is record f : std_ulogic; g : std_ulogic; end record;',
    '  type pairs_t is array (0 to 3) of pair_t;',
    '  signal arr, brr : pairs_t;',
    'begin',
    '  p1 : process (clk) begin if rising_edge(clk) then arr(0).f <= a; brr(0).f <= a; end if; end process;',
    '  p2 : process (clk) begin if rising_edge(clk) then arr(0).g <= b; brr(0).f <= b; end if; end process;',
    '  p3 : process (clk) begin if rising_edge(clk) then arr(1).f <= b; end if; end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///md.vhd', text).uri);
  assert.equal(obj(a, 'arr').multipleDrivers, undefined);
  assert.deepEqual(obj(a, 'arr').drivers.map((d) => [d.label, d.element]), [['p1', '(0).f'], ['p2', '(0).g'], ['p3', '(1).f']]);
  assert.deepEqual(obj(a, 'brr').multipleDrivers, { statements: 2, resolved: false, overlap: 'certain' });
});

test('record FSM variants: rin.state assigned directly; one clocked process on a variable copy written back whole', () => {
  const { ws, uri, text } = loadFixtures('record_fsm.vhd');
  const t = text('record_fsm.vhd');
  const file = ws.getFile(uri('record_fsm.vhd'))!;
  const arch = (name: string) => architectureFacts(ws, file.units.find((u) => u.kind === 'architecture' && u.name === name)!);
  const direct = arch('direct');
  assert.deepEqual(direct.fsms.map((f) => [f.signal, f.next, f.style, f.resetState]), [['r.state', 'rin.state', 'two-process', 'IDLE']]);
  assert.deepEqual(direct.fsms[0].transitions.map((x) => [x.from, x.to, x.condition, x.line]), [
    ['IDLE', 'RUN', "start = '1'", lineOf(t, 'rin.state <= RUN;')],
    ['RUN', 'IDLE', "stop = '1'", lineOf(t, 'rin.state <= IDLE;')],
  ]);
  assert.deepEqual(direct.registers[0].fields, [{ name: 'state', type: 'state_t', reset: 'IDLE' }, { name: 'cnt', type: 'unsigned(3 downto 0)', reset: null }]);
  const onevar = arch('onevar');
  assert.deepEqual(onevar.fsms.map((f) => [f.signal, f.next, f.style, f.resetState]), [['r.state', null, 'one-process', null]]);
  const from = lineOf(t, 'architecture onevar');
  assert.deepEqual(onevar.fsms[0].transitions.map((x) => [x.from, x.to, x.condition, x.line]), [
    ['IDLE', 'RUN', "start = '1'", lineOf(t, 'v.state := RUN;', 2)],
    ['RUN', 'IDLE', "stop = '1'", lineOf(t, 'v.state := IDLE;', 2)],
    // The reset written as an overriding `if` on the variable: a transition from any state, no reset state claimed.
    ['*', 'IDLE', "rst = '1'", lineOf(t, "v := (state => IDLE, cnt => (others => '0'));")],
  ]);
  assert.ok(onevar.fsms[0].transitions.every((x) => x.line > from));
});

test('procedures: a signal parameter inside a procedure body drives the actual of the outer call, via both', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all;',
    'entity pp is port (clk, d : in std_logic; q : out std_logic); end;',
    'architecture rtl of pp is',
    '  procedure put(signal s : out std_logic; v : std_logic) is begin s <= v; end procedure;',
    'begin',
    '  p : process (clk)',
    '    procedure step is begin put(q, d); end procedure;',
    '  begin',
    '    if rising_edge(clk) then step; end if;',
    '  end process;',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///pp.vhd', text).uri);
  assert.deepEqual(obj(a, 'q').drivers.map((d) => [d.label, d.line, d.via]), [['p', 9, 'step → put']]);
  assert.equal(obj(a, 'q').role, 'register');
  assert.deepEqual(obj(a, 'd').readers.map((r) => [r.label, r.line, r.context, r.via]), [['p', 9, 'argument', 'step']]);
});

test('package subprograms: reads of package signals inside impure functions and procedures are the calling statements\', in full and lazily', () => {
  const F = ['package_functions/status_pkg.vhd', 'package_functions/status_pkg_body.vhd', 'package_functions/top.vhd'];
  const readersOf = (name: string, lazy: boolean) => {
    const { ws, uri, text } = loadFixtures(...F);
    const top = text(F[2]);
    const file = ws.getFile(uri(F[2]))!;
    // The complete analysis first, or the name alone (only the statements that can reach it).
    if (!lazy) archOf(ws, uri(F[2]));
    const at = name === 'bus_busy' ? top.indexOf('bus_busy;') + 1 : top.indexOf('ready(req)') + 1;
    const nf = factsAt(ws, file, at);
    return nf?.readers.map((r) => [r.line, r.label ?? r.statement, r.via ?? null]);
  };
  const expected = [
    [lineOf(loadFixtures(F[2]).text(F[2]), 'grant <= ready(req);'), 'p_grant', 'ready → is_idle'],
    [31, 'p_flag', 'set_flag'],
    [35, 'idle_o', 'is_idle'],
    [37, 'busy_o', null],
  ];
  assert.deepEqual(readersOf('bus_busy', true), expected);
  assert.deepEqual(readersOf('bus_busy', false), expected);
  // The combinational process reads both package signals through `ready`, and its sensitivity list has neither.
  const { ws, uri } = loadFixtures(...F);
  const a = archOf(ws, uri(F[2]));
  const p = a.processes.find((x) => x.label === 'p_grant')!;
  assert.deepEqual(p.missingSensitivity, ['err_seen', 'bus_busy']);
  // The pure `parity` is not walked, and the functions' own variable `r` is no access of the architecture's.
  const reads = a.processes.flatMap((x) => x.reads);
  assert.ok(!reads.includes('r') && !reads.includes('p') && !reads.includes('v'), reads.join(', '));
  assert.equal(a.partial, false);
});

test('an output that only passes a register on (whole, sliced, converted) names it in copyOf; logic after the register does not', () => {
  const ws = new Workspace();
  const text = [
    'library ieee; use ieee.std_logic_1164.all; use ieee.numeric_std.all;',
    'entity c is port (clk, sel : in std_logic; d : in unsigned(7 downto 0);',
    '  o_count, o_mux : out std_logic_vector(7 downto 0); o_low : out unsigned(3 downto 0); o_wide : out unsigned(15 downto 0);',
    '  o_zero, o_in, o_twice : out std_logic); end;',
    'architecture rtl of c is',
    '  signal r_count, r_b : unsigned(7 downto 0);',
    'begin',
    '  p : process (clk) begin',
    '    if rising_edge(clk) then r_count <= r_count + 1; r_b <= d; end if;',
    '  end process;',
    '  o_count <= std_logic_vector(r_count);',
    '  o_low <= (r_count(3 downto 0));',
    '  o_wide <= resize(r_count, 16);',
    "  o_zero <= '1' when r_count = 0 else '0';",
    '  o_in <= sel;',
    '  o_mux <= std_logic_vector(r_count) when sel = \'1\' else std_logic_vector(r_b);',
    '  o_twice <= r_count(0);',
    '  o_twice <= r_b(0);',
    'end;',
  ].join('\n');
  const a = archOf(ws, ws.setFile('file:///c.vhd', text).uri);
  for (const n of ['o_count', 'o_low', 'o_wide']) {
    assert.equal(obj(a, n).role, 'combinational', n);
    assert.equal(obj(a, n).copyOf, 'r_count', n);
  }
  for (const n of ['o_zero', 'o_in', 'o_mux', 'o_twice', 'r_count']) assert.equal(obj(a, n).copyOf, undefined, n);
});
