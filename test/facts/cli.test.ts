// `vhdl-explain facts`: the JSON printed for a position and for a whole entity (runs the real CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { FIXTURES, lineOf, loadFixtures } from './helpers';

const root = join(import.meta.dirname, '../..');

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'facts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('facts FILE:LINE:COL --json prints the documented shape for a register', () => {
  const path = relative(root, join(FIXTURES, 'counters.vhd'));
  const t = loadFixtures('counters.vhd').text('counters.vhd');
  const line = lineOf(t, 'signal cnt_a');
  const r = cli(`${path}:${line}:10`, '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['name', 'kind', 'type', 'declaration', 'comment', 'drivers', 'readers', 'clock', 'reset', 'fsm', 'instances', 'details', 'partial', 'notes']);
  assert.equal(j.name, 'cnt_a');
  assert.equal(j.kind, 'signal');
  assert.equal(j.type, 'unsigned(7 downto 0)');
  assert.deepEqual(j.declaration, { file: path, line });
  assert.equal(j.comment, 'Counter A: rising_edge with an asynchronous active-low reset.');
  assert.deepEqual(
    j.drivers.map((d: { line: number; statement: string; label: string }) => [d.line, d.statement, d.label]),
    [[lineOf(t, "cnt_a <= (others => '0');"), 'process', 'p_count_a'], [lineOf(t, 'cnt_a <= cnt_a + 1;'), 'process', 'p_count_a']],
  );
  assert.deepEqual(j.readers.map((d: { label: string }) => d.label), ['p_count_a', 'count_a']);
  assert.deepEqual(j.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(j.reset, { signal: 'rst_n', kind: 'async', activeLevel: '0', value: "(others => '0')" });
  assert.equal(j.fsm, null);
  assert.deepEqual(j.instances, []);
  assert.ok(!r.out.includes('"offset"'));
});

test('facts FILE --entity NAME --json prints ports, generics, processes, registers, FSMs and instances', () => {
  const path = relative(root, join(FIXTURES, 'hierarchy/top.vhd'));
  const r = cli(path, '--entity', 'top', '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['entity', 'library', 'declaration', 'comment', 'generics', 'ports', 'architectures', 'instantiatedIn']);
  assert.deepEqual(j.ports.map((p: { name: string; mode: string }) => [p.name, p.mode]), [['clk', 'in'], ['din', 'in'], ['dout', 'out'], ['lane', 'out'], ['late', 'out']]);
  const [arch] = j.architectures;
  assert.deepEqual(Object.keys(arch), ['file', 'entity', 'architecture', 'line', 'objects', 'processes', 'registers', 'fsms', 'instances', 'crossings', 'partial', 'notes', 'instanceClocking']);
  assert.deepEqual(arch.instances.map((i: { label: string; entity: string }) => [i.label, i.entity]), [['u_inv', 'leaf_inv'], ['u_reg', 'leaf_reg'], ['u_cfg', 'leaf_reg'], ['u_lane', 'leaf_reg']]);
  const fsm = cli(relative(root, join(FIXTURES, 'fsm_one.vhd')), '--entity', 'fsm_one', '--json');
  const fj = JSON.parse(fsm.out);
  assert.equal(fj.architectures[0].fsms[0].transitions.length, 5);
  assert.equal(fj.architectures[0].processes[0].kind, 'clocked');
});

test('facts reports bad arguments and positions without a name', () => {
  assert.equal(cli('nonexistent.vhd:1:1').code, 2);
  const path = relative(root, join(FIXTURES, 'counters.vhd'));
  assert.equal(cli(`${path}:1:1`).code, 1);
});

test('facts --json: a record FSM for the entity, and for the `state` field and the record `r` at a position', () => {
  const file = join(FIXTURES, 'record_fsm.vhd');
  const path = relative(root, file);
  const t = loadFixtures('record_fsm.vhd').text('record_fsm.vhd');
  const e = JSON.parse(cli(path, '--entity', 'record_fsm', '--json').out);
  const rtl = e.architectures.find((a: { architecture: string }) => a.architecture === 'rtl');
  assert.deepEqual(rtl.fsms.map((f: { signal: string; next: string; resetState: string }) => [f.signal, f.next, f.resetState]), [['r.state', 'rin.state', 'IDLE']]);
  assert.deepEqual(rtl.fsms[0].transitions.map((x: { from: string; to: string; line: number }) => [x.from, x.to, x.line]), [
    ['IDLE', 'RUN', lineOf(t, 'v.state := RUN;')],
    ['RUN', 'DONE', lineOf(t, 'v.state := DONE;')],
    ['DONE', 'IDLE', lineOf(t, 'v.state := IDLE;')],
    ['FAIL', 'IDLE', lineOf(t, 'v.state := IDLE;')],
  ]);
  assert.deepEqual(rtl.registers[0].fields, [{ name: 'state', type: 'state_t', reset: 'IDLE' }, { name: 'cnt', type: 'unsigned(3 downto 0)', reset: "(others => '0')" }]);
  const line = lineOf(t, 'case r.state is');
  const col = t.split('\n')[line - 1].indexOf('state') + 1;
  const field = JSON.parse(cli(`${path}:${line}:${col}`, '--json').out);
  assert.equal(field.name, 'r.state');
  assert.equal(field.kind, 'element');
  assert.deepEqual(field.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: 'IDLE' });
  assert.equal(field.fsm.signal, 'r.state');
  assert.equal(field.fsm.transitions.length, 4);
  const rl = lineOf(t, 'signal r, rin');
  const rec = JSON.parse(cli(`${path}:${rl}:10`, '--json').out);
  assert.equal(rec.name, 'r');
  assert.equal(rec.fsm.signal, 'r.state');
  assert.deepEqual(rec.details.object.fields.map((f: { name: string }) => f.name), ['state', 'cnt']);
});

test('facts FILE:LINE:COL --json: drivers through a procedure carry `via` and the call line', () => {
  const path = relative(root, join(FIXTURES, 'procedures.vhd'));
  const t = loadFixtures('procedures.vhd').text('procedures.vhd');
  const line = lineOf(t, 'tx    : out');
  const j = JSON.parse(cli(`${path}:${line}:5`, '--json').out);
  assert.equal(j.name, 'tx');
  assert.deepEqual(
    j.drivers.map((d: { line: number; statement: string; label: string; via: string }) => [d.line, d.statement, d.label, d.via]),
    [[lineOf(t, '        idle;'), 'process', 'p_tx', 'idle → send'], [lineOf(t, '        send(din);'), 'process', 'p_tx', 'send']],
  );
  assert.deepEqual(j.clock, { signal: 'clk', edge: 'rising' });
  assert.deepEqual(j.reset, { signal: 'rst', kind: 'sync', activeLevel: '1', value: "'1'" });
});
