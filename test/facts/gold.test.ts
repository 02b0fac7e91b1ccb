// Cross-check against the gold designs (models/recipe/data/gold): the clocks and resets the analysis
// finds must agree with each design's manifest entry. Testbenches are checked through their DUT:
// the testbench's clock and reset signals must reach the DUT ports the DUT uses as clock and reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { architectureFacts } from '../../server/src/analysis/facts/index';
import type { ArchitectureFacts } from '../../server/src/analysis/facts/types';
import { Workspace } from '../../server/src/analysis/workspace';

const GOLD = join(import.meta.dirname, '../../models/recipe/data/gold');

interface Entry {
  id: string;
  file: string;
  entity: string;
  family: string;
  clock: string | null;
  edge: 'rising' | 'falling' | 'both' | null;
  reset: { signal: string; kind: 'sync' | 'async'; active: string } | null;
  clocks?: string[];
  depends?: string[];
  style?: string[];
  fsm?: boolean;
}

function entries(): Entry[] {
  if (!existsSync(GOLD)) return [];
  const out: Entry[] = [];
  for (const m of readdirSync(GOLD).filter((f) => /^manifest_.*\.jsonl$/.test(f)).sort()) {
    for (const line of readFileSync(join(GOLD, m), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as Entry;
      if (existsSync(join(GOLD, e.file))) out.push(e);
    }
  }
  return out;
}

function analyse(files: string[]): { ws: Workspace; archs: (file: string) => ArchitectureFacts[] } {
  const ws = new Workspace();
  for (const f of files) ws.setFile(`file:///gold/${f}`, readFileSync(join(GOLD, f), 'utf8'));
  return {
    ws,
    archs: (f) => ws.getFile(`file:///gold/${f}`)!.units.filter((u) => u.kind === 'architecture').map((u) => architectureFacts(ws, u)),
  };
}

const base = (s: string) => s.replace(/\(.*$/, '');

/** Checks one design's own clocks and resets; returns what disagrees ('' when all agree). */
function checkDesign(e: Entry, archs: ArchitectureFacts[]): string {
  const procs = archs.flatMap((a) => a.processes);
  const clocks = procs.filter((p) => p.clock).map((p) => `${base(p.clock!.signal)}/${p.clock!.edge}`);
  const problems: string[] = [];
  if (e.clock) {
    const edges = e.edge === 'both' ? ['rising', 'falling'] : [e.edge];
    for (const edge of edges) if (!clocks.includes(`${e.clock.toLowerCase()}/${edge}`)) problems.push(`clock ${e.clock} ${edge} not found (found ${clocks.join(', ') || 'none'})`);
    for (const c of e.clocks ?? []) if (!clocks.some((x) => x.startsWith(`${c.toLowerCase()}/`))) problems.push(`clock ${c} not found`);
  } else if (clocks.length) problems.push(`no clock expected, found ${clocks.join(', ')}`);
  const resets = procs.filter((p) => p.reset).map((p) => p.reset!);
  if (e.reset) {
    const want = e.reset;
    const direct = resets.some((r) => r.signal === want.signal.toLowerCase() && r.kind === want.kind && r.activeLevel === want.active);
    // A reset built from the manifest's reset input by logic (`any <= ext_reset or not locked`) counts:
    // the process's reset signal must be driven by a statement that reads the input.
    const derived = resets.some((r) => {
      if (r.kind !== want.kind) return false;
      const o = archs.flatMap((a) => a.objects).find((x) => x.name === base(r.signal));
      const a = archs.find((x) => x.objects.includes(o!));
      if (!o || !a) return false;
      return o.drivers.some((d) => a.objects.some((src) => src.name === want.signal.toLowerCase() && src.readers.some((rd) => rd.statementLine === d.statementLine && rd.label === d.label)));
    });
    if (!direct && !derived) problems.push(`reset ${want.signal} ${want.kind} '${want.active}' not found (found ${resets.map((r) => `${r.signal} ${r.kind} '${r.activeLevel}'`).join(', ') || 'none'})`);
  }
  return problems.join('; ');
}

const all = entries();
const byId = new Map(all.map((e) => [e.id, e]));

test('gold designs: clocks and resets agree with the manifest', { skip: all.length === 0 ? 'no gold set' : false }, () => {
  const failures: string[] = [];
  let checked = 0;
  for (const e of all) {
    if (e.family === 'testbench') continue;
    const { archs } = analyse([e.file]);
    const problem = checkDesign(e, archs(e.file));
    if (problem) failures.push(`${e.id} ${e.file}: ${problem}`);
    checked++;
  }
  assert.ok(checked > 0);
  assert.deepEqual(failures, []);
});

test('gold testbenches: the clock and reset reach the DUT ports it uses as clock and reset', { skip: all.length === 0 ? 'no gold set' : false }, () => {
  const failures: string[] = [];
  let checkedTb = 0;
  for (const e of all) {
    if (e.family !== 'testbench' || !e.depends?.length) continue;
    const deps = e.depends.map((id) => byId.get(id)).filter((d): d is Entry => !!d);
    if (deps.length !== e.depends.length) continue; // the DUT is not written yet
    checkedTb++;
    const { archs } = analyse([e.file, ...deps.map((d) => d.file)]);
    const tb = archs(e.file);
    const dutArchs = deps.flatMap((d) => archs(d.file));
    const dutProcs = dutArchs.flatMap((a) => a.processes);
    const insts = tb.flatMap((a) => a.instances).filter((i) => i.entityDeclaration);
    if (insts.length === 0) {
      failures.push(`${e.id}: DUT instance not resolved`);
      continue;
    }
    const formalsOf = (signal: string) => insts.flatMap((i) => i.ports.filter((p) => base(p.actual).toLowerCase() === signal.toLowerCase()).map((p) => p.formal));
    if (e.clock) {
      const formals = formalsOf(e.clock);
      const ok = formals.some((f) => dutProcs.some((p) => p.clock && base(p.clock.signal) === f && (e.edge === 'both' || p.clock.edge === e.edge)));
      if (!ok) failures.push(`${e.id}: ${e.clock} (-> ${formals.join(', ') || 'no port'}) is not a ${e.edge} clock of the DUT`);
    }
    if (e.reset) {
      const want = e.reset;
      const formals = formalsOf(want.signal);
      const ok = formals.some((f) => dutProcs.some((p) => p.reset && p.reset.signal === f && p.reset.kind === want.kind && p.reset.activeLevel === want.active));
      if (!ok) failures.push(`${e.id}: ${want.signal} (-> ${formals.join(', ') || 'no port'}) is not a ${want.kind} active-'${want.active}' reset of the DUT`);
    }
    // The testbench drives them itself.
    for (const sig of [e.clock, e.reset?.signal]) {
      if (!sig) continue;
      const o = tb.flatMap((a) => a.objects).find((x) => x.name === sig.toLowerCase());
      if (!o || o.drivers.length === 0) failures.push(`${e.id}: ${sig} is not driven in the testbench`);
    }
  }
  assert.ok(checkedTb > 0);
  assert.deepEqual(failures, []);
});

test('gold dual-clock designs: every crossing goes through a recognised synchroniser', { skip: all.length === 0 ? 'no gold set' : false }, () => {
  // The gold designs are correct: a crossing without a synchroniser here would be a false alarm.
  const failures: string[] = [];
  let crossings = 0;
  for (const e of all) {
    if (!e.style?.includes('dual-clock') && !(e.clocks && e.clocks.length > 1)) continue;
    const { archs } = analyse([e.file]);
    const found = archs(e.file).flatMap((a) => a.crossings);
    crossings += found.length;
    for (const c of found) if (!c.synchroniser) failures.push(`${e.id}: ${c.source} (${c.fromClock.signal}) -> ${c.register} (${c.toClock.signal}) reported unsynchronised`);
    // Where the synchroniser is an instance of its own entity, the crossing is inside it: not expected here.
    const viaInstances = archs(e.file).some((a) => a.instances.length > 0);
    if ((e.family.startsWith('cdc') || e.family === 'async-fifo') && !viaInstances) {
      if (!found.some((c) => c.synchroniser === 'two-flop' || c.synchroniser === 'shift-register')) failures.push(`${e.id}: no synchroniser recognised`);
    }
  }
  assert.ok(crossings > 0);
  assert.deepEqual(failures, []);
});

test('gold designs: a state machine is found exactly where the manifest says there is one', { skip: all.length === 0 ? 'no gold set' : false }, () => {
  const failures: string[] = [];
  let fsms = 0;
  for (const e of all) {
    if (e.family === 'testbench') continue;
    const { archs } = analyse([e.file]);
    const found = archs(e.file).flatMap((a) => a.fsms);
    fsms += found.length;
    if (!!e.fsm !== found.length > 0) failures.push(`${e.id}: manifest fsm ${e.fsm}, found ${found.map((f) => f.signal).join(', ') || 'none'}`);
    for (const f of found) if (f.transitions.length === 0) failures.push(`${e.id}: ${f.signal} has no transitions`);
  }
  assert.ok(fsms > 0);
  assert.deepEqual(failures, []);
});
