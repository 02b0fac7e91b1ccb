// The design facts API: plain data about an architecture, an entity, or the name at a position.
// Facts are computed lazily per architecture and cached per file version (and workspace generation).
import { NodeKind as N } from '../../syntax/nodeKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import { resolveAt, nameNodeAt } from '../resolve';
import type { Declaration, Scope } from '../scopes';
import type { SourceFile } from '../sourceFile';
import type { Workspace } from '../workspace';
import { buildArchitecture, objectOf } from './architecture';
import { crossingsInto } from './cdc';
import { fsmAbout } from './fsm';
import { ArchitectureModel } from './model';
import { commentOf } from './comments';
import { entityUsages } from './hierarchy';
import { interfaceItems } from './interfaces';
import { isPackageSignal } from './collect';
import { fieldOfElement, recordFields } from './records';
import { compact, lineOf, nameBase } from './text';
import type { Access, ArchitectureFacts, CdcFacts, ClockFact, ClockUses, EntityUsage, FsmFacts, InstanceClocking, InstanceFacts, ObjectFacts, ProcessFacts, ResetFact, SourceLine } from './types';

export type * from './types';
export { ArchitectureModel } from './model';
export { entityUsages } from './hierarchy';

/** The key of each file version's architecture models (SourceFile.derived). */
const MODELS = {};

/**
 * The lazy model of one architecture: statements are analysed when a question needs them. Cached
 * per file version (a new SourceFile per edit) and workspace generation (other files' changes).
 */
export function architectureModel(ws: Workspace, arch: DesignUnit): ArchitectureModel {
  const perFile = arch.file.derived(MODELS, () => new Map<SyntaxNode, { generation: number; model: ArchitectureModel }>());
  const hit = perFile.get(arch.node);
  if (hit && hit.generation === ws.generation) return hit.model;
  const model = new ArchitectureModel(ws, arch);
  perFile.set(arch.node, { generation: ws.generation, model });
  return model;
}

/** Architectures whose facts are being built: a design that instantiates itself (recursion by generate) stops there. */
const building = new Set<SyntaxNode>();

/** The facts of one architecture (plain data), all of them. */
export function architectureFacts(ws: Workspace, arch: DesignUnit): ArchitectureFacts {
  const model = architectureModel(ws, arch);
  return model.cached('facts', 0, () =>
    guard(arch, () => {
      building.add(arch.node);
      try {
        const own = buildArchitecture(model);
        return { ...own, instanceClocking: instanceClocking(ws, arch, own.instances) };
      } finally {
        building.delete(arch.node);
      }
    }, (note) => emptyFacts(arch, note)),
  );
}

/** A clock or reset of an architecture; `instances` when it is one its instances use (through their port maps). */
export type DomainClock = ClockFact & { instances?: string[] };
export type DomainReset = ResetFact & { instances?: string[] };

/**
 * The clocks and resets of an architecture, each once: its own processes' first, then those its
 * instances use. `complete` is false when an instance may use others that are not known.
 */
export function clockingOf(a: ArchitectureFacts): { clocks: DomainClock[]; resets: DomainReset[]; complete: boolean } {
  const clocks: DomainClock[] = [];
  const resets: DomainReset[] = [];
  for (const c of [...a.processes.flatMap((p) => (p.clock ? [p.clock] : [])), ...a.instanceClocking.clocks]) if (!clocks.some((x) => sameClock(x, c))) clocks.push(c);
  for (const r of [...a.processes.flatMap((p) => (p.reset ? [p.reset] : [])), ...a.instanceClocking.resets]) if (!resets.some((x) => sameReset(x, r))) resets.push(r);
  return { clocks, resets, complete: a.instanceClocking.unknown.length === 0 };
}

/** The same clock: signal (any case) and edge. */
export function sameClock(a: ClockFact, b: ClockFact): boolean {
  return a.signal.toLowerCase() === b.signal.toLowerCase() && a.edge === b.edge;
}

/** The same reset: signal (any case), kind and active level. */
export function sameReset(a: ResetFact, b: ResetFact): boolean {
  return a.signal.toLowerCase() === b.signal.toLowerCase() && a.kind === b.kind && a.activeLevel === b.activeLevel;
}

/** Adds `label` to the entry of `into` that `same` finds, or a new entry `{ ...fact, [key]: [label] }`. */
function addLabelled<F, K extends string>(into: (F & Record<K, string[]>)[], fact: F, same: (x: F) => boolean, key: K, label: string): void {
  const hit = into.find(same);
  if (!hit) into.push({ ...fact, [key]: [label] } as F & Record<K, string[]>);
  else if (!hit[key].includes(label)) hit[key].push(label);
}

/** Levels of hierarchy followed below an architecture: deeper instances' clocking is unknown (the stack stays bounded). */
const MAX_DEPTH = 64;

/** An actual that names a signal (`clk`, `clks(0)`), not an expression (`not rst_n`) or `open`. */
const SIGNAL_ACTUAL = /^[a-z][a-z0-9_]*(\s*\(\s*[a-z0-9_]+\s*\))?$/i;

/**
 * The clocks and resets of the designs `instances` elaborate to (their own and, recursively, their
 * instances'), renamed through each port map to the signal connected here.
 */
function instanceClocking(ws: Workspace, arch: DesignUnit, instances: InstanceFacts[]): InstanceClocking {
  const out: InstanceClocking = { clocks: [], resets: [], unknown: [] };
  for (const i of instances) {
    const t = clockingThrough(ws, arch, i);
    if (t.unknown && !out.unknown.includes(i.label)) out.unknown.push(i.label);
    for (const c of t.clocks) addLabelled(out.clocks, c, (x) => sameClock(x, c), 'instances', i.label);
    for (const r of t.resets) addLabelled(out.resets, r, (x) => sameReset(x, r), 'instances', i.label);
  }
  return out;
}

/**
 * The clocks and resets one instance uses, named by the actuals connected to them; `unknown` when it
 * may use others (its design is not in the workspace, or one is made inside it or connected through an expression).
 */
function clockingThrough(ws: Workspace, arch: DesignUnit, i: InstanceFacts): { clocks: ClockFact[]; resets: ResetFact[]; unknown: boolean } {
  const out = { clocks: [] as ClockFact[], resets: [] as ResetFact[], unknown: false };
  const child = instanceArchitecture(ws, arch, i);
  if (!child || building.has(child.node) || building.size >= MAX_DEPTH) return { ...out, unknown: true };
  const f = architectureFacts(ws, child);
  out.unknown = f.instanceClocking.unknown.length > 0;
  const actual = (port: string) => {
    const c = i.ports.find((p) => p.formal.toLowerCase() === port.toLowerCase());
    return c && SIGNAL_ACTUAL.test(c.actual) && c.actual.toLowerCase() !== 'open' ? c.actual : undefined;
  };
  const { clocks, resets } = clockingOf(f);
  for (const c of clocks) {
    const a = actual(c.signal);
    if (a) out.clocks.push({ signal: a, edge: c.edge });
    else out.unknown = true;
  }
  for (const r of resets) {
    const a = actual(r.signal);
    if (a) out.resets.push({ signal: a, kind: r.kind, activeLevel: r.activeLevel });
    else out.unknown = true;
  }
  return out;
}

/** The processes and instances that use `d` as their clock or reset (by label, or `process at line N`). */
function clockUses(m: ArchitectureModel, d: Declaration): ClockUses {
  const out: ClockUses = { clockOf: [], resetOf: [] };
  const named = (signal: string) => signal.toLowerCase() === d.name;
  const clockOf = (c: ClockFact, by: string) => {
    if (named(c.signal)) addLabelled(out.clockOf, { edge: c.edge }, (u) => u.edge === c.edge, 'by', by);
  };
  const resetOf = (r: ResetFact, by: string) => {
    if (named(r.signal)) addLabelled(out.resetOf, { kind: r.kind, activeLevel: r.activeLevel }, (u) => u.kind === r.kind && u.activeLevel === r.activeLevel, 'by', by);
  };
  for (const r of m.accessesOf(d).reads) {
    const node = r.statement.node;
    if (node.kind === N.ProcessStatement) {
      const p = m.process(node)?.facts;
      if (!p) continue;
      const by = p.label ?? `process at line ${p.line}`;
      if (p.clock) clockOf(p.clock, by);
      if (p.reset) resetOf(p.reset, by);
    } else if (node.kind === N.ComponentInstantiationStatement) {
      for (const inst of m.statement(node).instances) {
        const t = clockingThrough(m.ws, m.arch, inst.facts);
        for (const c of t.clocks) clockOf(c, inst.facts.label);
        for (const x of t.resets) resetOf(x, inst.facts.label);
      }
    }
  }
  return out;
}

/** The architecture an instance elaborates to: the one it names, else the entity's first. */
function instanceArchitecture(ws: Workspace, arch: DesignUnit, i: InstanceFacts): DesignUnit | undefined {
  if (!i.entity) return undefined;
  const lib = /^([a-z][a-z0-9_]*)\./i.exec(i.unit)?.[1]?.toLowerCase();
  const entity = ws.findEntity(i.entity, lib && lib !== 'work' ? lib : arch.library, arch.file.uri) ?? ws.findEntity(i.entity, arch.library, arch.file.uri);
  if (!entity) return undefined;
  const archs = ws.architecturesOf(entity);
  return (i.architecture ? archs.find((a) => a.name.toLowerCase() === i.architecture!.toLowerCase()) : undefined) ?? archs[0];
}

/** Analysis promises not to throw on user text; if it does anyway, the answer is empty and marked partial. */
function guard<T>(arch: DesignUnit, f: () => T, fallback: (note: string) => T): T {
  try {
    return f();
  } catch (e) {
    return fallback(`internal analysis error in \`${arch.name}\`: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The architecture that contains `offset` in `file`, if any. */
export function architectureAt(file: SourceFile, offset: number): DesignUnit | undefined {
  return file.units.find((u) => u.kind === 'architecture' && u.node.start <= offset && offset <= u.node.end);
}

export interface EntityFacts {
  entity: string;
  library: string;
  declaration: SourceLine;
  comment: string;
  generics: ObjectFacts[];
  ports: ObjectFacts[];
  architectures: ArchitectureFacts[];
  instantiatedIn: EntityUsage[];
}

/** The facts of a whole design unit: an entity with all its architectures and where it is instantiated. */
export function entityFacts(ws: Workspace, entity: DesignUnit): EntityFacts {
  const archs = ws.architecturesOf(entity).map((a) => architectureFacts(ws, a));
  const first = archs[0];
  const own = (kind: 'port' | 'generic') =>
    first
      ? first.objects.filter((o) => o.kind === kind && o.scope === `entity ${entity.name}`)
      : interfaceItems(entity.node, kind === 'port' ? N.PortClause : N.GenericClause).map((it) => bareObject(entity, it.node, it.name, kind, it.type, it.mode));
  return {
    entity: entity.name,
    library: entity.library,
    declaration: { file: entity.file.uri, line: lineOf(entity.file, entity.node.start) },
    comment: commentOf(entity.file, entity.node),
    generics: own('generic'),
    ports: own('port'),
    architectures: archs,
    instantiatedIn: entityUsages(ws, entity),
  };
}

function bareObject(entity: DesignUnit, node: SyntaxNode, name: string, kind: 'port' | 'generic', type: string, mode: string): ObjectFacts {
  const o: ObjectFacts = {
    name,
    kind,
    type,
    declaration: { file: entity.file.uri, line: lineOf(entity.file, node.start) },
    comment: commentOf(entity.file, node),
    scope: `entity ${entity.name}`,
    drivers: [],
    readers: [],
    role: kind === 'generic' ? 'constant' : mode === 'in' ? 'input' : 'undriven',
    clock: null,
    reset: null,
    uncertain: 'the entity has no architecture in the workspace',
  };
  if (kind === 'port') o.mode = mode;
  return o;
}

/** The facts of the name at a position, in the shape `vhdl-explain facts FILE:LINE:COL --json` prints. */
export interface NameFacts {
  name: string;
  /** signal, port, variable, constant, generic, type, subtype, process, instance, entity, component, ... */
  kind: string;
  type: string | null;
  declaration: SourceLine;
  comment: string;
  drivers: Access[];
  readers: Access[];
  clock: ClockFact | null;
  reset: (ResetFact & { value?: string | null }) | null;
  fsm: FsmFacts | null;
  /** Instances: this instance; entities: where the entity is instantiated; components: its instances. */
  instances: (InstanceFacts | EntityUsage)[];
  /** Kind-specific facts: the object's role, the process's classification, the instance's connections. */
  details: {
    object?: ObjectFacts;
    process?: ProcessFacts;
    crossings?: CdcFacts[];
    /** Signals and ports: the processes and instances that use it as their clock or reset. */
    uses?: ClockUses;
    /** `arch of entity` the facts come from, and the file it is in (the lines of accesses are in it). */
    architecture?: string;
    architectureFile?: string;
  } | null;
  partial: boolean;
  notes: string[];
}

/** The declaration at a position (its name or a use of it) and the facts about it. Undefined when there is no name. */
export function factsAt(ws: Workspace, file: SourceFile, offset: number): NameFacts | undefined {
  const nameNode = nameNodeAt(file, offset);
  if (!nameNode) return undefined;
  const r = resolveAt(ws, file, offset);
  if (!r || r.kind !== 'declarations' || r.decls.length === 0) return undefined;
  const d = r.decls[0];
  if (d.kind === 'element') {
    const f = fieldFactsAt(ws, file, offset, nameNode, d);
    if (f) return f;
  }
  return factsOfDeclaration(ws, d, file, offset);
}

/**
 * A record field: `r.state` (the cursor on `state`) gives the facts of that field of `r`; the
 * element in its record type declaration those of the first register of that type in the architecture.
 */
function fieldFactsAt(ws: Workspace, file: SourceFile, offset: number, nameNode: SyntaxNode, element: Declaration): NameFacts | undefined {
  const arch = architectureAt(file, offset);
  if (!arch) return undefined;
  const m = architectureModel(ws, arch);
  const fallback = (note: string): NameFacts | undefined => ({ ...factsOfDeclaration(ws, element, file, offset), partial: true, notes: [note] });
  return guard(arch, () => {
    const sel = nameNode.parent;
    if (sel?.kind === N.SelectedName && sel.childNodes().pop() === nameNode) {
      const prefix = sel.childNodes()[0];
      const nb = prefix ? nameBase(prefix) : undefined;
      const obj = nb && !nb.element ? m.names.object(nb.base) : undefined;
      return obj && m.isOwnObject(obj) ? fieldFacts(m, obj, element) : undefined;
    }
    // The element's own declaration: a register of its record type, if the architecture has one.
    for (const o of m.declarations()) {
      if (o.kind !== 'signal' && o.kind !== 'port') continue;
      const fields = recordFields(ws, m.names, o);
      if (fields?.some((f) => f.decl === element) && m.registerProcess(o)) return fieldFacts(m, o, element);
    }
    return undefined;
  }, fallback);
}

/** The facts of one field of a record object: its drivers and readers (whole-record accesses included), reset value and state machine. */
function fieldFacts(m: ArchitectureModel, d: Declaration, element: Declaration): NameFacts {
  const obj = objectOf(m, d);
  const field = element.name;
  const touches = (a: Access) => a.element === undefined || fieldOfElement(a.element) === field;
  const st = element.node.child(N.SubtypeIndication);
  const entityName = m.entity?.name ?? m.arch.primaryName ?? '';
  const name = `${d.name}.${field}`;
  const reset = obj.reset ? { ...obj.reset, value: obj.fields?.find((f) => f.name === field)?.reset ?? null } : null;
  const { fields: _fields, multipleDrivers: _md, ...rest } = obj;
  const drivers = obj.drivers.filter(touches);
  const readers = obj.readers.filter(touches);
  const type = st ? compact(st) : '';
  const out: NameFacts = {
    name,
    kind: 'element',
    type,
    declaration: { file: element.file.uri, line: lineOf(element.file, element.nameNode.start) },
    comment: commentOf(element.file, element.node),
    drivers,
    readers,
    clock: obj.clock,
    reset,
    fsm: fsmAbout(m, d, field),
    instances: [],
    details: {
      object: { ...rest, name, type, comment: commentOf(element.file, element.node), drivers, readers, reset },
      architecture: `${m.arch.name} of ${entityName}`,
      architectureFile: m.file.uri,
    },
    partial: false,
    notes: [...m.headerNotes()],
  };
  for (const w of m.accessesOf(d).writes.concat(m.accessesOf(d).reads as never[])) out.notes.push(...m.statement(w.statement.node).notes);
  if (obj.uncertain) out.notes.push(obj.uncertain);
  return finish(out);
}

/** The architectures a declaration is seen from: its own, or for ports and generics the one at the cursor (else all of the entity's). */
export function architecturesFor(ws: Workspace, d: Declaration, file?: SourceFile, offset?: number): DesignUnit[] {
  const unitScope = enclosingUnit(d.scope);
  const unit = unitScope?.unit;
  if (!unit) return [];
  if (unit.kind === 'architecture') return [unit];
  if (isPackageSignal(d)) {
    // A package signal may be used anywhere: the facts are those of the architecture at the cursor.
    const here = file && offset !== undefined ? architectureAt(file, offset) : undefined;
    return here ? [here] : [];
  }
  if (unit.kind === 'entity') {
    const here = file && offset !== undefined ? architectureAt(file, offset) : undefined;
    if (here && ws.primaryOf(here) === unit) return [here];
    return ws.architecturesOf(unit);
  }
  return [];
}

function enclosingUnit(s: Scope | undefined): Scope | undefined {
  for (; s; s = s.parent) if (s.kind === 'unit') return s;
  return undefined;
}

export function factsOfDeclaration(ws: Workspace, d: Declaration, file?: SourceFile, offset?: number): NameFacts {
  const base: NameFacts = {
    name: d.name,
    kind: d.unit?.kind ?? d.kind,
    type: null,
    declaration: { file: d.file.uri, line: lineOf(d.file, d.nameNode.start) },
    comment: commentOf(d.file, d.node.kind === N.ProcessStatement || d.node.kind === N.ComponentInstantiationStatement ? (d.node.child(N.Label) ?? d.node) : d.node),
    drivers: [],
    readers: [],
    clock: null,
    reset: null,
    fsm: null,
    instances: [],
    details: null,
    partial: false,
    notes: [],
  };
  const st = d.node.child(N.SubtypeIndication);
  if (st) base.type = compact(st);
  if (d.unit?.kind === 'entity') {
    const unit = d.unit;
    base.instances = guard(unit, () => entityUsages(ws, unit), () => []);
    return base;
  }
  const archs = architecturesFor(ws, d, file, offset);
  if (archs.length === 0) return base;
  const arch = archs[0];
  const m = architectureModel(ws, arch);
  const fallback = (note: string) => ({ ...base, partial: true, notes: [note] });
  return guard(arch, () => lazyFacts(m, d, base, archs.length), fallback);
}

/** The facts of one declaration from the lazy model: only the statements that mention it are analysed. */
function lazyFacts(m: ArchitectureModel, d: Declaration, base: NameFacts, architectures: number): NameFacts {
  const entityName = m.entity?.name ?? m.arch.primaryName ?? '';
  base.notes = [...m.headerNotes()];
  if (architectures > 1) base.notes.push(`${architectures} architectures of \`${entityName}\`: facts are from \`${m.arch.name}\`.`);
  base.details = { architecture: `${m.arch.name} of ${entityName}`, architectureFile: m.file.uri };
  if (m.isOwnObject(d) || isPackageSignal(d)) {
    if (!m.isOwnObject(d)) base.notes.push(`\`${d.name}\` is a signal of a package: only its drivers and readers in \`${m.arch.name} of ${entityName}\` are shown.`);
    const obj = objectOf(m, d);
    for (const w of m.accessesOf(d).writes.concat(m.accessesOf(d).reads as never[])) base.notes.push(...m.statement(w.statement.node).notes);
    base.drivers = obj.drivers;
    base.readers = obj.readers;
    base.clock = obj.clock;
    base.reset = obj.reset;
    base.fsm = fsmAbout(m, d);
    base.details.object = obj;
    const uses = clockUses(m, d);
    if (uses.clockOf.length || uses.resetOf.length) base.details.uses = uses;
    const crossings = crossingsInto(m, d);
    if (crossings.length) base.details.crossings = crossings;
    if (obj.uncertain) base.notes.push(obj.uncertain);
    return finish(base);
  }
  if (d.kind === 'process') {
    const p = m.process(d.node)?.facts;
    base.notes.push(...m.statement(d.node).notes);
    if (p) {
      base.clock = p.clock;
      base.reset = p.reset;
      base.details.process = p;
      if (p.uncertain) base.notes.push(p.uncertain);
    }
    return finish(base);
  }
  if (d.kind === 'instance') {
    const inst = m.statement(d.node).instances[0]?.facts;
    if (inst) {
      base.instances = [inst];
      if (inst.uncertain) base.notes.push(inst.uncertain);
    }
    return finish(base);
  }
  if (d.kind === 'type' || d.kind === 'subtype') {
    // The state machines whose state signal (or record field holding the state) has this type.
    const typeName = (st: SyntaxNode | undefined) => (st?.child(N.TypeMark) ? compact(st.child(N.TypeMark)!).toLowerCase().split('.').pop() : undefined);
    for (const o of m.declarations()) {
      const mark = typeName(o.node.child(N.SubtypeIndication));
      if (!mark) continue;
      if (mark === d.name) {
        const f = fsmAbout(m, o);
        if (f) {
          base.fsm = f;
          break;
        }
        continue;
      }
      if (o.kind !== 'signal' && o.kind !== 'port') continue;
      const field = recordFields(m.ws, m.names, o)?.find((x) => typeName(x.decl.node.child(N.SubtypeIndication)) === d.name);
      const f = field ? fsmAbout(m, o, field.name) : null;
      if (f) {
        base.fsm = f;
        break;
      }
    }
    return finish(base);
  }
  if (d.kind === 'component') {
    const uses = m.file.scopes.namesCalled(d.name).filter((n) => n.parent?.kind === N.InstantiatedUnit);
    for (const n of uses) {
      const s = m.statementOf(n);
      const inst = s ? m.statement(s).instances[0]?.facts : undefined;
      if (inst && inst.unitKind === 'component') base.instances.push(inst);
    }
  }
  return finish(base);
}

function finish(base: NameFacts): NameFacts {
  base.notes = [...new Set(base.notes)];
  base.partial = base.notes.length > 0 && base.notes.some((n) => !n.includes('architectures of') && !n.includes('is a signal of a package'));
  return base;
}

function emptyFacts(arch: DesignUnit, note: string): ArchitectureFacts {
  return {
    file: arch.file.uri,
    entity: arch.primaryName ?? '',
    architecture: arch.name,
    line: lineOf(arch.file, arch.node.start),
    objects: [],
    processes: [],
    registers: [],
    fsms: [],
    instances: [],
    crossings: [],
    instanceClocking: { clocks: [], resets: [], unknown: [] },
    partial: true,
    notes: [note],
  };
}
