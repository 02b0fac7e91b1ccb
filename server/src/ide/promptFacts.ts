// The facts part of a prompt: the analysis facts as short `- ` lines a model (and a reader) can follow.
import { clockingOf, type DomainClock, type DomainReset, type EntityFacts, type NameFacts } from '../analysis/facts/index';
import type { ArchitectureFacts, ClockFact, FsmFacts, InstanceFacts, ObjectFacts, ProcessFacts, ResetFact } from '../analysis/facts/types';

/** Facts lists longer than this are cut with "and N more" so that the facts stay bounded too. */
const MAX_ITEMS = 12;

export function clockPhrase(c: DomainClock): string {
  return `\`${c.signal}\` (${c.edge} edge${inInstances(c.instances)})`;
}

/** ", in `u_a`, `u_b`": where a clock or reset of an instance is used (nothing for the architecture's own). */
function inInstances(labels: string[] | undefined): string {
  if (!labels?.length) return '';
  const shown = labels.slice(0, 3).map((l) => `\`${l}\``).join(', ');
  return `, in ${labels.length > 1 ? 'instances' : 'instance'} ${shown}${labels.length > 3 ? ` and ${labels.length - 3} more` : ''}`;
}

export function levelText(l: string): string {
  return l === 'true' || l === 'false' ? l : `'${l}'`;
}

/** Whether a reset is active at '0' (or `false`). */
export function isActiveLow(r: Pick<ResetFact, 'activeLevel'>): boolean {
  return r.activeLevel === '0' || r.activeLevel === 'false';
}

/** "asynchronous, active low": a reset's kind and level in words. */
export function resetKind(r: Pick<ResetFact, 'kind' | 'activeLevel'>): string {
  return `${r.kind === 'async' ? 'asynchronous' : 'synchronous'}, active ${isActiveLow(r) ? 'low' : 'high'}`;
}

export function resetPhrase(r: DomainReset): string {
  return `\`${r.signal}\` (${resetKind(r)}: ${levelText(r.activeLevel)}${inInstances(r.instances)})`;
}

function list(items: string[]): string {
  const shown = items.slice(0, MAX_ITEMS).join(', ');
  return items.length > MAX_ITEMS ? `${shown} and ${items.length - MAX_ITEMS} more` : shown;
}

function code(names: string[]): string {
  return list(names.map((n) => `\`${n}\``));
}

export function processName(p: ProcessFacts): string {
  return p.label ?? `process at line ${p.line}`;
}

export function processLine(p: ProcessFacts): string {
  const parts: string[] = [];
  if (p.kind === 'clocked') {
    parts.push('clocked');
    if (p.clock) parts.push(`clock ${clockPhrase(p.clock)}`);
    parts.push(p.reset ? `reset ${resetPhrase(p.reset)}` : 'no reset');
    if (p.assigns.length) parts.push(`registers ${code(p.assigns)}`);
  } else if (p.kind === 'combinational') {
    parts.push('combinational');
    if (p.assigns.length) parts.push(`drives ${code(p.assigns)}`);
  } else {
    parts.push('waits on events (testbench or behavioural)');
    if (p.assigns.length) parts.push(`drives ${code(p.assigns)}`);
  }
  if (p.generate.length) parts.push(`inside generate ${code(p.generate)}`);
  if (p.missingSensitivity.length) parts.push(`missing from the sensitivity list: ${code(p.missingSensitivity)}`);
  if (p.latches.length) parts.push(`latch risk on ${code(p.latches)}`);
  return `process \`${processName(p)}\` (line ${p.line}): ${parts.join('; ')}`;
}

export function fsmLine(f: FsmFacts): string {
  const trans = f.transitions.slice(0, MAX_ITEMS).map((t) => `${t.from === '*' ? 'any' : t.from} -> ${t.to}${t.condition ? ` when ${t.condition}` : ''}`);
  const more = f.transitions.length > MAX_ITEMS ? `; and ${f.transitions.length - MAX_ITEMS} more` : '';
  return (
    `state machine on \`${f.signal}\`${f.next ? ` (next state \`${f.next}\`)` : ''}, ${f.style}, type \`${f.type}\`: states ${list(f.states)}; ` +
    `reset state ${f.resetState ?? 'none'}; transitions ${trans.join('; ') || 'none'}${more}`
  );
}

export function instanceLine(i: InstanceFacts, summary: string | undefined): string {
  const what = i.entity ?? i.unit;
  const s = summary ? ` — ${summary}` : '';
  const gen = i.generate.length ? ` inside generate ${code(i.generate)}` : '';
  return `instance \`${i.label}\` of \`${what}\`${gen}${s}`;
}

function portLine(o: ObjectFacts): string {
  return `\`${o.name}\` ${o.mode ?? 'in'} ${o.type}`;
}

/** Where the object's value comes from, in a few words. */
export function roleText(o: ObjectFacts): string {
  switch (o.role) {
    case 'register':
      return `register${o.clock ? ` clocked by ${clockPhrase(o.clock)}` : ''}${o.reset ? `, reset by ${resetPhrase(o.reset)}${o.reset.value !== null ? ` to ${o.reset.value}` : ''}` : ', no reset'}`;
    case 'combinational':
      return 'combinational';
    case 'instance output':
      return 'driven by an instance output';
    case 'input':
      return 'input';
    case 'undriven':
      return 'not driven in this architecture';
    case 'testbench':
      return 'driven by a testbench process';
    case 'mixed':
      return 'driven by statements of different kinds';
    case 'variable':
      return 'variable';
    case 'constant':
      return 'constant';
    default:
      return String(o.role);
  }
}

function accessNames(o: ObjectFacts, which: 'drivers' | 'readers'): string[] {
  const out: string[] = [];
  for (const a of o[which]) {
    const n = a.label ?? `${a.statement} at line ${a.statementLine}`;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** Facts of a whole design unit (entity and one architecture). */
export function unitFactLines(e: EntityFacts | undefined, a: ArchitectureFacts | undefined, summaries: (entity: string) => string | undefined): string[] {
  const out: string[] = [];
  if (e) out.push(`entity \`${e.entity}\`${a ? `, architecture \`${a.architecture}\`` : ''}`);
  else if (a) out.push(`architecture \`${a.architecture}\` of \`${a.entity}\``);
  if (e?.generics.length) out.push(`generics: ${list(e.generics.map((g) => `\`${g.name}\` ${g.type}`))}`);
  if (e?.ports.length) out.push(`ports: ${list(e.ports.map(portLine))}`);
  if (!a) return out;
  const { clocks, resets, complete } = clockingOf(a);
  if (clocks.length) out.push(`clock${clocks.length > 1 ? 's' : ''}: ${clocks.map(clockPhrase).join(', ')}`);
  if (resets.length) out.push(`reset${resets.length > 1 ? 's' : ''}: ${resets.map(resetPhrase).join(', ')}`);
  else if (clocks.length && complete) out.push('reset: none');
  if (a.registers.length) out.push(`registers: ${code(a.registers.map((r) => r.name))}`);
  const comb = a.objects.filter((o) => o.role === 'combinational' && (o.kind === 'signal' || o.kind === 'port'));
  if (comb.length) out.push(`combinational signals: ${code(comb.map((o) => o.name))}`);
  for (const p of a.processes.slice(0, MAX_ITEMS)) out.push(processLine(p));
  if (a.processes.length > MAX_ITEMS) out.push(`and ${a.processes.length - MAX_ITEMS} more processes`);
  for (const f of a.fsms) out.push(fsmLine(f));
  for (const i of a.instances.slice(0, MAX_ITEMS)) out.push(instanceLine(i, i.entity ? summaries(i.entity) : undefined));
  if (a.instances.length > MAX_ITEMS) out.push(`and ${a.instances.length - MAX_ITEMS} more instances`);
  for (const c of a.crossings) {
    out.push(`clock-domain crossing into \`${c.register}\` (clock \`${c.toClock.signal}\`) from \`${c.source}\` (clock \`${c.fromClock.signal}\`): ${c.synchroniser ? `${c.synchroniser} synchroniser` : 'no recognised synchroniser'}`);
  }
  if (e?.instantiatedIn.length) out.push(`instantiated in: ${list(e.instantiatedIn.map((u) => `\`${u.label}\` in ${u.in}`))}`);
  if (a.partial) for (const n of a.notes.slice(0, 3)) out.push(`note: ${n}`);
  return out;
}

/** Facts of one named object, process or instance. */
export function nameFactLines(f: NameFacts, summaries: (entity: string) => string | undefined): string[] {
  const out: string[] = [];
  const o = f.details?.object;
  out.push(`${f.kind} \`${f.name}\`${f.type ? ` of type ${f.type}` : ''}${o?.mode ? `, mode ${o.mode}` : ''}${f.details?.architecture ? ` in architecture ${f.details.architecture}` : ''}`);
  if (o) {
    out.push(`role: ${roleText(o)}`);
    const d = accessNames(o, 'drivers');
    const r = accessNames(o, 'readers');
    out.push(d.length ? `driven by: ${code(d)}` : 'driven by: nothing in this architecture');
    if (o.kind !== 'constant' && o.kind !== 'generic') out.push(r.length ? `read by: ${code(r)}` : 'read by: nothing');
    if (o.multipleDrivers) out.push(`multiple drivers: ${o.multipleDrivers.statements} statements drive it`);
  }
  if (f.details?.process) out.push(processLine(f.details.process));
  if (f.fsm) out.push(fsmLine(f.fsm));
  if (f.kind === 'instance') for (const i of f.instances as InstanceFacts[]) {
    out.push(instanceLine(i, i.entity ? summaries(i.entity) : undefined));
    if (i.ports.length) out.push(`port map: ${list(i.ports.map((c) => `${c.formal} => ${c.actual}`))}`);
  }
  if (f.comment) out.push(`comment: ${f.comment.split('\n')[0]}`);
  if (f.partial) for (const n of f.notes.slice(0, 2)) out.push(`note: ${n}`);
  return out;
}
