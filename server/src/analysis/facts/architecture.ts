// Assembles the facts of one architecture from the walk, the process analysis, FSMs, crossings and instances.
import { NodeKind as N } from '../../syntax/nodeKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import { unitScope } from '../resolve';
import type { Declaration, Scope } from '../scopes';
import type { Workspace } from '../workspace';
import { findCrossings } from './cdc';
import { Collector, Names, OBJECT_KINDS, type Read, toAccess, type Write } from './collect';
import { commentOf } from './comments';
import { findFsms } from './fsm';
import { analyseProcess, type ProcessAnalysis } from './processes';
import { compact, lineOf } from './text';
import { isResolvedType } from './typeInfo';
import type { ArchitectureFacts, InstanceFacts, ObjectFacts, ObjectKind, ObjectRole, ProcessFacts, RegisterFacts } from './types';

/** The facts plus the maps that editor features need to go from tree nodes to facts. */
export interface ArchitectureAnalysis {
  facts: ArchitectureFacts;
  unit: DesignUnit;
  entity: DesignUnit | undefined;
  objectByDecl: Map<Declaration, ObjectFacts>;
  processByNode: Map<SyntaxNode, ProcessFacts>;
  instanceByNode: Map<SyntaxNode, InstanceFacts>;
}

export function buildArchitecture(ws: Workspace, arch: DesignUnit): ArchitectureAnalysis {
  const file = arch.file;
  const entity = ws.primaryOf(arch);
  const archScope = file.scopes.unitScopes.get(arch);
  const names = new Names(file, archScope, entity);
  const collector = new Collector(ws, file, names);
  collector.architecture(arch.node);
  const notes = [...collector.notes];
  if (!entity) notes.push(`Entity \`${arch.primaryName ?? '?'}\` is not found in the workspace: its ports and generics are not known.`);
  const diags = file.syntaxDiagnostics.filter((d) => d.start >= arch.node.start && d.start <= arch.node.end);
  if (diags.length)
    notes.unshift(`${diags.length} syntax error${diags.length > 1 ? 's' : ''} in the architecture (first at line ${lineOf(file, diags[0].start)}): facts near them may be incomplete.`);

  const processes = collector.processes.map((p) => analyseProcess(p, names));
  const procByNode = new Map<SyntaxNode, ProcessAnalysis>(processes.map((p) => [p.info.node, p]));

  // Objects: the entity's ports and generics, then every object declared inside the architecture.
  const decls: Declaration[] = [];
  const entityScope = entity ? unitScope(entity) : undefined;
  if (entityScope) for (const list of entityScope.decls.values()) for (const d of list) if (d.kind === 'port' || d.kind === 'generic') decls.push(d);
  decls.sort((a, b) => a.nameNode.start - b.nameNode.start);
  for (const d of file.scopes.declarations) {
    if (!OBJECT_KINDS.has(d.kind) || d.node.start < arch.node.start || d.node.end > arch.node.end) continue;
    if (insideSubprogram(d.scope, archScope)) continue;
    decls.push(d);
  }
  const writesBy = groupBy(collector.writes);
  const readsBy = groupBy(collector.reads);
  const objectByDecl = new Map<Declaration, ObjectFacts>();
  const objects: ObjectFacts[] = [];
  for (const d of decls) {
    const o = objectFacts(ws, names, d, writesBy.get(d) ?? [], readsBy.get(d) ?? [], procByNode, arch);
    objectByDecl.set(d, o);
    objects.push(o);
  }

  const registers: RegisterFacts[] = [];
  for (const p of processes) {
    for (const [d, r] of p.registers) {
      registers.push({
        name: d.name,
        clock: p.facts.clock!,
        reset: p.facts.reset ? { ...p.facts.reset, value: r.value } : null,
        process: p.facts.label,
        line: r.line,
      });
    }
  }
  const fsms = findFsms(ws, names, processes);
  const crossings = findCrossings(names, processes, collector.writes, collector.reads);
  const facts: ArchitectureFacts = {
    file: file.uri,
    entity: entity?.name ?? arch.primaryName ?? '',
    architecture: arch.name,
    line: lineOf(file, arch.node.start),
    objects,
    processes: processes.map((p) => p.facts),
    registers,
    fsms,
    instances: collector.instances.map((i) => i.facts),
    crossings,
    partial: notes.length > 0,
    notes,
  };
  return {
    facts,
    unit: arch,
    entity,
    objectByDecl,
    processByNode: new Map(processes.map((p) => [p.info.node, p.facts])),
    instanceByNode: new Map(collector.instances.map((i) => [i.node, i.facts])),
  };
}

function insideSubprogram(scope: Scope, stop: Scope | undefined): boolean {
  for (let s: Scope | undefined = scope; s && s !== stop; s = s.parent) if (s.kind === 'subprogram' || s.kind === 'protected') return true;
  return false;
}

function groupBy<T extends { decl: Declaration }>(list: T[]): Map<Declaration, T[]> {
  const m = new Map<Declaration, T[]>();
  for (const x of list) {
    const l = m.get(x.decl);
    if (l) l.push(x);
    else m.set(x.decl, [x]);
  }
  return m;
}

function scopeName(d: Declaration, arch: DesignUnit): string {
  const s = d.scope;
  if (s.kind === 'unit') return s.unit?.kind === 'entity' ? `entity ${s.unit.name}` : `architecture ${arch.name}`;
  const owner = s.owner?.name;
  if (s.kind === 'process') return owner ? `process ${owner}` : `process at line ${lineOf(d.file, s.node.start)}`;
  return `${s.kind} ${owner ?? `at line ${lineOf(d.file, s.node.start)}`}`;
}

function objectFacts(
  ws: Workspace,
  names: Names,
  d: Declaration,
  writes: Write[],
  reads: Read[],
  procByNode: Map<SyntaxNode, ProcessAnalysis>,
  arch: DesignUnit,
): ObjectFacts {
  const st = d.node.child(N.SubtypeIndication);
  const kind = d.kind as ObjectKind;
  const o: ObjectFacts = {
    name: d.name,
    kind,
    type: st ? compact(st) : '',
    declaration: { file: d.file.uri, line: lineOf(d.file, d.nameNode.start) },
    comment: commentOf(d.file, d.node),
    scope: scopeName(d, arch),
    drivers: writes.map((w) => toAccess(d.file === names.file ? names.file : names.file, w)),
    readers: reads.map((r) => toAccess(names.file, r)),
    role: 'undriven',
    clock: null,
    reset: null,
  };
  if (kind === 'port') o.mode = d.node.child(N.Mode)?.childTokens()[0]?.text.toLowerCase() ?? 'in';
  const certain = writes.filter((w) => !w.uncertain);
  const roles = new Set<ObjectRole>();
  for (const w of certain) {
    const p = procByNode.get(w.statement.node);
    if (p) {
      const reg = p.registers.get(d);
      if (p.facts.kind === 'clocked' && reg) {
        roles.add('register');
        if (!o.clock) {
          o.clock = p.facts.clock;
          o.reset = p.facts.reset ? { ...p.facts.reset, value: reg.value } : null;
        }
      } else roles.add(p.facts.kind === 'other' ? 'testbench' : 'combinational');
    } else if (w.statement.kind === 'instance') roles.add('instance output');
    else roles.add('combinational');
  }
  if (kind === 'constant' || kind === 'generic') o.role = 'constant';
  else if (kind === 'variable' || kind === 'sharedVariable') o.role = 'variable';
  else if (roles.size === 1) o.role = [...roles][0];
  else if (roles.size > 1) o.role = 'mixed';
  else if (writes.length > 0) {
    o.role = 'instance output';
    o.uncertain = 'driven only through ports or parameters whose direction is unknown';
  } else o.role = kind === 'port' && o.mode === 'in' ? 'input' : 'undriven';
  if (kind === 'signal' || kind === 'port') {
    const md = multipleDrivers(certain, d);
    if (md) {
      const resolved = isResolvedType(ws, names, d);
      if (resolved !== true) o.multipleDrivers = { statements: md.statements, resolved: resolved === false ? false : 'unknown', overlap: md.overlap };
    }
  }
  return o;
}

/** Two or more statements driving overlapping parts of `d`. */
function multipleDrivers(writes: Write[], d: Declaration): { statements: number; overlap: 'certain' | 'possible' } | undefined {
  const groups = new Map<SyntaxNode, Write[]>();
  for (const w of writes) {
    const g = groups.get(w.statement.node);
    if (g) g.push(w);
    else groups.set(w.statement.node, [w]);
  }
  let statements = groups.size;
  let overlap: 'certain' | 'possible' | undefined;
  for (const g of groups.values()) {
    // A statement replicated by a for-generate that drives the whole object, declared outside it: one driver per index.
    const st = g[0].statement;
    if (st.replicated && g.some((w) => !w.element) && !declaredInside(d, st.node)) {
      statements += 1;
      overlap = 'certain';
    }
  }
  if (statements < 2) return undefined;
  if (overlap) return { statements, overlap };
  const parts = [...groups.values()].map((g) => g.map((w) => w.element));
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      for (const a of parts[i]) {
        for (const b of parts[j]) {
          const o = elementsOverlap(a, b);
          if (o === 'certain') return { statements, overlap: 'certain' };
          if (o === 'possible') overlap = 'possible';
        }
      }
    }
  }
  return overlap ? { statements, overlap } : undefined;
}

function declaredInside(d: Declaration, node: SyntaxNode): boolean {
  for (let s: Scope | undefined = d.scope; s; s = s.parent) if (s.node.start <= node.start && s.node.end >= node.end && s.kind === 'generate') return true;
  return false;
}

/** Static index or range `(3)`, `(7 downto 4)` as [lo, hi]; undefined when not static. */
function staticRange(e: string): [number, number] | undefined {
  const m = /^\((\d+)(?:\s+(?:downto|to)\s+(\d+))?\)$/i.exec(e);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return [Math.min(a, b), Math.max(a, b)];
}

function elementsOverlap(a: string | undefined, b: string | undefined): 'certain' | 'possible' | 'no' {
  if (a === undefined || b === undefined) return 'certain';
  if (a === b) return 'certain';
  if (a.startsWith('.') && b.startsWith('.')) {
    const fa = /^\.[^.(]+/.exec(a)![0];
    const fb = /^\.[^.(]+/.exec(b)![0];
    return fa !== fb ? 'no' : 'possible';
  }
  const ra = staticRange(a);
  const rb = staticRange(b);
  if (ra && rb) return ra[0] <= rb[1] && rb[0] <= ra[1] ? 'certain' : 'no';
  return 'possible';
}
