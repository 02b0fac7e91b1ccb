// The facts section of a hover: short, scannable Markdown built from analysis/facts plain data.
import { factsAt, type NameFacts } from '../analysis/facts/index';
import type { Access, CdcFacts, ClockFact, FsmFacts, InstanceFacts, EntityUsage, ProcessFacts, ResetFact } from '../analysis/facts/types';
import type { Workspace } from '../analysis/workspace';
import type { HoverSection, Position } from './types';

/** Statements listed before the rest are summarised as "and N more". */
const MAX_STATEMENTS = 4;
/** Lines listed per statement before "+N". */
const MAX_LINES = 3;
const MAX_TRANSITIONS = 6;
const MAX_PORTS = 8;

/** The facts section for the name at `pos`, or undefined when there are no facts to add. */
export function factsHoverSection(ws: Workspace, uri: string, pos: Position): HoverSection | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  const f = factsAt(ws, file, file.lines.offsetAt(pos));
  if (!f) return undefined;
  const md = factsMarkdown(f);
  return md ? { id: 'facts', markdown: md } : undefined;
}

/** Markdown for a NameFacts value ('' when there is nothing worth saying). */
export function factsMarkdown(f: NameFacts): string {
  const lines: string[] = [];
  const obj = f.details?.object;
  if (obj) {
    const head: string[] = [];
    const dot = f.kind === 'element' ? f.name.indexOf('.') : -1;
    if (dot > 0) head.push(`Field ${code(f.name.slice(dot + 1))} of ${code(f.name.slice(0, dot))}`);
    else if (obj.kind === 'port') head.push(`Port ${code(obj.mode ?? "in")}`);
    switch (obj.role) {
      case 'register':
        head.push('Register');
        if (f.clock) head.push(clockText(f.clock));
        head.push(f.reset ? resetText(f.reset, f.reset.value) : 'no reset');
        break;
      case 'combinational':
        // `q <= std_logic_vector(r)`: no logic after the flip-flops, so a registered output in effect.
        head.push(obj.copyOf ? `Combinational: a copy of register ${code(obj.copyOf)}` : 'Combinational');
        break;
      case 'instance output':
        head.push('Driven by an instance');
        break;
      case 'testbench':
        head.push('Driven by a testbench process');
        break;
      case 'mixed':
        head.push('Driven by statements of different kinds');
        break;
      case 'undriven':
        if (obj.kind !== 'port' || obj.mode !== 'in') head.push('**Not driven** in this architecture');
        break;
      case 'unknown':
        head.push('Driver unknown (connected to an instance port of unknown direction)');
        break;
      case 'constant':
        head.push(obj.kind === 'generic' ? 'Generic' : 'Constant');
        break;
      case 'variable':
        head.push(`Variable of ${obj.scope}`);
        break;
      default:
        break;
    }
    // What it clocks and resets: its own processes, and the instances it is connected to as their clock or reset.
    for (const c of f.details?.uses?.clockOf ?? []) head.push(`clock of ${names(c.by)} (${c.edge} edge)`);
    for (const r of f.details?.uses?.resetOf ?? []) head.push(`reset of ${names(r.by)}, ${resetKindText(r)}`);
    lines.push(head.join(' · '));
    if (obj.fields?.length) {
      const shown = obj.fields.slice(0, MAX_PORTS).map((x) => `${code(x.name)}${obj.reset ? ` → ${x.reset === null ? 'not reset' : code(x.reset)}` : ''}`);
      lines.push(`Record fields, each a register: ${shown.join(', ')}${obj.fields.length > MAX_PORTS ? `, and ${obj.fields.length - MAX_PORTS} more` : ''}`);
    }
    if (obj.multipleDrivers) {
      const md = obj.multipleDrivers;
      const why = md.resolved === false ? `${code(obj.type)} is unresolved` : 'its type could not be checked for a resolution function';
      lines.push(`**${md.overlap === 'certain' ? 'Multiple drivers' : 'Possibly multiple drivers'}**: ${md.statements} statements drive it and ${why}`);
    }
    if (obj.latchIn) lines.push(`**Latch risk**: not assigned on every path of ${names(obj.latchIn)}`);
    if (obj.missingFromSensitivity) lines.push(`**Missing from the sensitivity list** of ${names(obj.missingFromSensitivity)}`);
    const access: string[] = [];
    const where = f.details?.architectureFile ?? obj.declaration.file;
    if (f.drivers.length) access.push(`${obj.kind === 'variable' ? 'Assigned' : 'Driven'} by ${accessList(f.drivers, where)}`);
    if (f.readers.length) access.push(`${access.length ? 'read' : 'Read'} by ${accessList(f.readers, where)}`);
    else if (obj.kind !== 'constant' && obj.kind !== 'generic') access.push(access.length ? 'never read' : 'Never read');
    if (access.length) lines.push(access.join(' · '));
    for (const c of f.details?.crossings ?? []) lines.push(crossingText(c));
  }
  if (f.fsm) lines.push(...fsmLines(f.fsm, f.name, f.details?.architectureFile ?? f.declaration.file));
  const proc = f.details?.process;
  if (proc) lines.push(...processLines(proc));
  if (f.kind === 'instance' && f.instances[0]) lines.push(...instanceLines(f.instances[0] as InstanceFacts));
  if (f.kind === 'entity') lines.push(usageLine(f.instances as EntityUsage[]));
  if (f.kind === 'component') {
    const n = f.instances.length;
    lines.push(n ? `Instantiated ${n} time${n > 1 ? 's' : ''} here: ${(f.instances as InstanceFacts[]).map((i) => `${code(i.label)}`).join(', ')}` : 'Not instantiated in this architecture');
  }
  if (f.partial && f.notes.length) lines.push(`_Partial facts: ${f.notes[0]}${f.notes.length > 1 ? ` (+${f.notes.length - 1} more)` : ''}_`);
  else if (f.notes.length && lines.length) lines.push(`_Note: ${f.notes[0]}_`);
  return lines.filter((l) => l).join('  \n');
}

function clockText(c: ClockFact): string {
  return `clock ${code(c.signal)} (${c.edge})`;
}

function level(l: string): string {
  return l === 'true' || l === 'false' ? l : `'${l}'`;
}

/** "asynchronous, active '0'". */
function resetKindText(r: Pick<ResetFact, 'kind' | 'activeLevel'>): string {
  return `${r.kind === 'async' ? 'asynchronous' : 'synchronous'}, active ${level(r.activeLevel)}`;
}

function resetText(r: ResetFact, value: string | null | undefined): string {
  const v = value === undefined ? '' : value === null ? ' (does not reset this signal)' : ` → ${code(value)}`;
  return `reset ${code(r.signal)}, ${resetKindText(r)}${v}`;
}

function link(uri: string | undefined, line: number, text: string): string {
  return uri ? `[${text}](${uri}#L${line})` : text;
}

/** `p_debounce ([line 41](…)), btn_o ([lines 38](…), [44](…))`, grouped by statement, summarised when long. */
export function accessList(accesses: Access[], uri: string | undefined): string {
  const groups = new Map<string, { name: string; lines: number[]; uncertain: string | undefined; via: string[] }>();
  for (const a of accesses) {
    const name = a.label ?? `${a.statement} at line ${a.statementLine}`;
    const key = `${a.statement}|${a.statementLine}|${name}`;
    const g = groups.get(key) ?? { name, lines: [], uncertain: undefined, via: [] };
    if (!g.lines.includes(a.line)) g.lines.push(a.line);
    if (a.uncertain) g.uncertain ??= a.uncertain;
    if (a.via && !g.via.includes(a.via)) g.via.push(a.via);
    groups.set(key, g);
  }
  const list = [...groups.values()];
  const shown = list.slice(0, MAX_STATEMENTS).map((g) => {
    const ls = g.lines.slice(0, MAX_LINES);
    const parts = ls.map((l, i) => link(uri, l, i === 0 ? `line${g.lines.length > 1 ? 's' : ''} ${l}` : String(l)));
    const more = g.lines.length > MAX_LINES ? ` +${g.lines.length - MAX_LINES}` : '';
    const via = g.via.length ? ` via procedure ${g.via.map(code).join(', ')}` : '';
    return `${code(g.name)} (${parts.join(', ')}${more})${via}${g.uncertain ? (g.uncertain.includes('unknown') ? ' (direction unknown)' : ` (uncertain: ${g.uncertain})`) : ''}`;
  });
  const rest = list.length - shown.length;
  return shown.join(', ') + (rest > 0 ? `, and ${rest} more statement${rest > 1 ? 's' : ''}` : '');
}

function fsmLines(fsm: FsmFacts, name: string, uri: string): string[] {
  const out: string[] = [];
  const dot = fsm.signal.indexOf('.');
  const field = dot > 0 ? fsm.signal.slice(dot + 1) : '';
  const role =
    fsm.signal === name
      ? '**State register** of a'
      : fsm.next === name
        ? '**Next-state signal** of a'
        : field && fsm.signal === `${name}.${field}`
          ? `**State register** (field ${code(field)}) of a`
          : field && fsm.next === `${name}.${field}`
            ? `**Next-state record** (field ${code(field)}) of a`
            : `**State type** of ${code(fsm.signal)}, a`;
  const states = fsm.states.length > 8 ? `${fsm.states.slice(0, 8).join(', ')}, …` : fsm.states.join(', ');
  out.push(
    `${role} ${fsm.style} state machine: ${fsm.states.length} states (${states}) · reset state ${fsm.resetState ?? 'none'} · ${fsm.transitions.length} transition${fsm.transitions.length === 1 ? '' : 's'}`,
  );
  for (const t of fsm.transitions.slice(0, MAX_TRANSITIONS)) {
    out.push(`${t.from === '*' ? 'any' : t.from} → ${t.to}${t.condition ? ` when ${code(t.condition)}` : ''} (${link(uri, t.line, `line ${t.line}`)})`);
  }
  if (fsm.transitions.length > MAX_TRANSITIONS) out.push(`… and ${fsm.transitions.length - MAX_TRANSITIONS} more transitions`);
  if (fsm.unreachable.length) out.push(`Never entered: ${fsm.unreachable.join(', ')}`);
  if (fsm.uncertain) out.push(`_Uncertain: ${fsm.uncertain}_`);
  return out;
}

function processLines(p: ProcessFacts): string[] {
  const out: string[] = [];
  if (p.kind === 'clocked') {
    out.push([`Clocked process`, p.clock ? clockText(p.clock) : '', p.reset ? resetText(p.reset, undefined) : 'no reset'].filter((x) => x).join(' · '));
    if (p.assigns.length) out.push(`Registers: ${names(p.assigns)}`);
  } else if (p.kind === 'combinational') {
    out.push(`Combinational process · sensitive to ${p.sensitivity === 'all' ? '`all`' : p.sensitivity ? names(p.sensitivity) : 'nothing'}`);
    if (p.assigns.length) out.push(`Drives: ${names(p.assigns)}`);
  } else {
    out.push('Process with wait statements (testbench or behavioural)');
    if (p.assigns.length) out.push(`Drives: ${names(p.assigns)}`);
  }
  if (p.missingSensitivity.length) out.push(`**Missing from the sensitivity list:** ${names(p.missingSensitivity)}`);
  if (p.latches.length) out.push(`**Latch risk:** not assigned on every path: ${names(p.latches)}`);
  if (p.generate.length) out.push(`Inside generate ${p.generate.map((g) => `${code(g)}`).join(' / ')}: one copy per generated index or branch`);
  if (p.uncertain) out.push(`_Uncertain: ${p.uncertain}_`);
  return out;
}

function names(list: string[], max = 8): string {
  const shown = list.slice(0, max).map((n) => `${code(n)}`).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

function instanceLines(i: InstanceFacts): string[] {
  const out: string[] = [];
  const target = i.entityDeclaration ? link(i.entityDeclaration.file, i.entityDeclaration.line, code(i.entity ?? i.unit)) : code(i.unit);
  const how = i.unitKind === 'component' ? 'Component instance' : i.unitKind === 'entity' ? 'Entity instance' : 'Configuration instance';
  out.push(`${how} of ${target}${i.architecture ? ` (architecture ${code(i.architecture)})` : ''} · ${i.generics.length} generic${i.generics.length === 1 ? '' : 's'}, ${i.ports.length} port${i.ports.length === 1 ? '' : 's'} connected`);
  const ports = i.ports.slice(0, MAX_PORTS).map((c) => `${code(c.formal)}${c.mode ? ` (${c.mode})` : ''} ⇐ ${code(c.actual)}`.replace(' ⇐ ', c.mode === 'out' || c.mode === 'buffer' ? ' ⇒ ' : ' ⇐ '));
  if (ports.length) out.push(ports.join(', ') + (i.ports.length > MAX_PORTS ? `, and ${i.ports.length - MAX_PORTS} more` : ''));
  if (i.uncertain) out.push(`_Uncertain: ${i.uncertain}_`);
  return out;
}

function usageLine(us: EntityUsage[]): string {
  if (us.length === 0) return 'Not instantiated anywhere in the workspace';
  const shown = us.slice(0, MAX_STATEMENTS).map((u) => `${code(u.label)} in ${u.in} (${link(u.file, u.line, `line ${u.line}`)})`);
  return `Instantiated ${us.length} time${us.length > 1 ? 's' : ''}: ${shown.join(', ')}${us.length > MAX_STATEMENTS ? `, and ${us.length - MAX_STATEMENTS} more` : ''}`;
}

function crossingText(c: CdcFacts): string {
  const from = `${code(c.source)} (clock ${code(c.fromClock.signal)})`;
  switch (c.synchroniser) {
    case null:
      return `**Possible clock-domain crossing**: takes ${from} without a recognised synchroniser`;
    case 'dual-clock memory':
      return `Reads the dual-clock memory ${from}: safe only if the address handshake is`;
    default:
      return `Clock-domain crossing from ${from} through a ${c.synchroniser} synchroniser`;
  }
}

/** Appends the facts section to a hover that basicHover composed (the one call lsp/hover.ts makes). */
export function appendFactsSection(ws: Workspace, uri: string, pos: Position, hover: { sections: HoverSection[] } | undefined): void {
  if (!hover) return;
  const s = factsHoverSection(ws, uri, pos);
  if (s) hover.sections.push(s);
}

/** Source text as a Markdown code span; text holding backticks gets a longer fence (string literals may). */
function code(text: string): string {
  const runs = text.match(/`+/g);
  if (!runs) return '`' + text + '`';
  const fence = '`'.repeat(Math.max(...runs.map((r) => r.length)) + 1);
  return `${fence} ${text} ${fence}`;
}
