// The facts of one architecture: objects (drivers, readers, role), processes, registers, FSMs,
// crossings and instances, built from the lazy model; `objectOf` answers one object alone.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import type { Declaration, Scope } from '../scopes';
import { allCrossings } from './cdc';
import { type Names, type Read, toAccess, type Write } from './collect';
import { commentOf } from './comments';
import { allFsms } from './fsm';
import type { ArchitectureModel } from './model';
import type { ProcessAnalysis } from './processes';
import { compact, lineOf, nameBase, simpleOrSuffixName, simpleValue, stripParens } from './text';
import { isResolvedType } from './typeInfo';
import { fieldResets, recordFields } from './records';
import type { ArchitectureFacts, FieldFacts, ObjectFacts, ObjectKind, ObjectRole, RegisterFacts } from './types';

/** Forces every fact of the model into the plain-data shape. */
export function buildArchitecture(model: ArchitectureModel): Omit<ArchitectureFacts, 'instanceClocking'> {
  const file = model.file;
  const arch = model.arch;
  const notes = [...model.headerNotes()];
  const processes: ProcessAnalysis[] = [];
  const instances = [];
  for (const s of model.statements()) {
    const c = model.statement(s);
    notes.push(...c.notes);
    if (s.kind === N.ProcessStatement) {
      const p = model.process(s);
      if (p) processes.push(p);
    }
    instances.push(...c.instances.map((i) => i.facts));
  }
  model.indexAll();
  const objects = model.declarations().map((d) => objectOf(model, d));
  const registers: RegisterFacts[] = [];
  for (const p of processes) {
    for (const [d, r] of p.registers) {
      const fields = registerFields(model, p, d);
      registers.push({
        name: d.name,
        clock: p.facts.clock!,
        reset: p.facts.reset ? { ...p.facts.reset, value: r.value } : null,
        process: p.facts.label,
        line: r.line,
        ...(fields ? { fields } : {}),
      });
    }
    for (const d of p.variableRegisters) {
      registers.push({
        name: d.name,
        clock: p.facts.clock!,
        reset: p.facts.reset ? { ...p.facts.reset, value: p.resetValues.get(d) ?? null } : null,
        process: p.facts.label,
        line: lineOf(file, d.nameNode.start),
      });
    }
  }
  return {
    file: file.uri,
    entity: model.entity?.name ?? arch.primaryName ?? '',
    architecture: arch.name,
    line: lineOf(file, arch.node.start),
    objects,
    processes: processes.map((p) => p.facts),
    registers,
    fsms: allFsms(model, processes),
    instances,
    crossings: allCrossings(model, processes),
    partial: notes.length > 0,
    notes,
  };
}

/** Functions that only convert or resize a value: `std_logic_vector(r)` passes `r` on unchanged. */
const CONVERSIONS = new Set(['std_logic_vector', 'std_ulogic_vector', 'unsigned', 'signed', 'resize', 'to_integer', 'to_unsigned', 'to_signed', 'std_logic', 'std_ulogic', 'integer', 'natural', 'bit_vector', 'to_stdlogicvector', 'to_stdulogicvector', 'to_bitvector']);

/**
 * The register every write passes on, when each is a concurrent assignment of one register's value
 * (whole, sliced, a field, converted or resized) and all of them name the same register.
 */
function copiedRegister(model: ArchitectureModel, writes: Write[]): string | undefined {
  let from: Declaration | undefined;
  for (const w of writes) {
    if (w.statement.kind !== 'concurrent assignment' || w.via) return undefined;
    let v = stripParens(simpleValue(w.stmt));
    let src: Declaration | undefined;
    for (let depth = 0; v && depth < 4 && !src; depth++) {
      const nb = nameBase(v);
      if (!nb) return undefined;
      src = model.names.object(nb.base);
      if (src) break;
      // `std_logic_vector(r)`, `resize(r, 8)`: the first argument, when the call is a conversion.
      if (v.kind !== N.CallOrIndexName || !CONVERSIONS.has(simpleOrSuffixName(v.childNodes()[0]) ?? '')) return undefined;
      const arg = v.child(N.AssociationList)?.childNodes(N.AssociationElement)[0];
      v = stripParens(arg?.childNodes().filter((c) => c.kind !== N.FormalPart).pop());
    }
    if (!src || (from && from !== src) || !isRegister(model, src)) return undefined;
    from = src;
  }
  return from?.name;
}

/** Whether every certain write of `d` is a register write of a clocked process. */
function isRegister(model: ArchitectureModel, d: Declaration): boolean {
  const writes = model.accessesOf(d).writes.filter((w) => !w.uncertain);
  return writes.length > 0 && writes.every((w) => {
    const p = w.statement.kind === 'process' ? model.process(w.statement.node) : undefined;
    return p?.facts.kind === 'clocked' && !!p.registers.get(d);
  });
}

/** The facts of one object (memoized per model). */
export function objectOf(model: ArchitectureModel, d: Declaration): ObjectFacts {
  return model.cached('object', d, () => {
    const { writes, reads } = model.accessesOf(d);
    return objectFacts(model, d, writes, reads);
  });
}

function scopeName(d: Declaration, arch: DesignUnit): string {
  const s = d.scope;
  if (s.kind === 'unit') return s.unit?.kind === 'entity' ? `entity ${s.unit.name}` : s.unit?.kind === 'package' ? `package ${s.unit.name}` : `architecture ${arch.name}`;
  const owner = s.owner?.name;
  if (s.kind === 'process') return owner ? `process ${owner}` : `process at line ${lineOf(d.file, s.node.start)}`;
  return `${s.kind} ${owner ?? `at line ${lineOf(d.file, s.node.start)}`}`;
}

function objectFacts(model: ArchitectureModel, d: Declaration, writes: Write[], reads: Read[]): ObjectFacts {
  const names = model.names;
  const arch = model.arch;
  const st = d.node.child(N.SubtypeIndication);
  const kind = d.kind as ObjectKind;
  const o: ObjectFacts = {
    name: d.name,
    kind,
    type: st ? compact(st) : '',
    declaration: { file: d.file.uri, line: lineOf(d.file, d.nameNode.start) },
    comment: commentOf(d.file, d.node),
    scope: scopeName(d, arch),
    drivers: writes.map((w) => toAccess(names.file, w)),
    readers: reads.map((r) => toAccess(names.file, r)),
    role: 'undriven',
    clock: null,
    reset: null,
  };
  if (kind === 'port') o.mode = d.node.child(N.Mode)?.childTokens()[0]?.text.toLowerCase() ?? 'in';
  const certain = writes.filter((w) => !w.uncertain);
  const roles = new Set<ObjectRole>();
  for (const w of certain) {
    const p = w.statement.kind === 'process' ? model.process(w.statement.node) : undefined;
    if (p) {
      const reg = p.registers.get(d);
      if (p.facts.kind === 'clocked' && reg) {
        roles.add('register');
        if (!o.clock) {
          o.clock = p.facts.clock;
          o.reset = p.facts.reset ? { ...p.facts.reset, value: reg.value } : null;
          const fields = registerFields(model, p, d);
          if (fields) o.fields = fields;
        }
      } else roles.add(p.facts.kind === 'other' ? 'testbench' : 'combinational');
    } else if (w.statement.kind === 'instance') roles.add('instance output');
    else roles.add('combinational');
  }
  if (kind === 'constant' || kind === 'generic') o.role = 'constant';
  else if (kind === 'variable') {
    // A variable of a clocked process read before it is assigned keeps its value between edges: a flip-flop.
    const p = writes.length && writes[0].statement.kind === 'process' ? model.process(writes[0].statement.node) : undefined;
    if (p?.facts.kind === 'clocked' && p.variableRegisters.has(d)) {
      o.role = 'register';
      o.clock = p.facts.clock;
      o.reset = p.facts.reset ? { ...p.facts.reset, value: p.resetValues.get(d) ?? null } : null;
    } else o.role = 'variable';
  } else if (kind === 'sharedVariable') o.role = 'variable';
  else if (roles.size === 1) o.role = [...roles][0];
  else if (roles.size > 1) o.role = 'mixed';
  else if (writes.some((w) => w.via)) {
    o.role = 'unknown';
    o.uncertain = `driven only through procedures whose effect is uncertain: ${writes.find((w) => w.via)!.uncertain}`;
  } else if (writes.length > 0) {
    o.role = 'instance output';
    o.uncertain = 'driven only through ports or parameters whose direction is unknown';
  } else if (kind === 'port' && o.mode === 'in') o.role = 'input';
  else if (reads.some((r) => r.uncertain && r.context === 'port map')) {
    o.role = 'unknown';
    o.uncertain = 'connected to an instance port whose direction is unknown: it may be driven there';
  } else o.role = 'undriven';
  if (o.role === 'combinational') {
    const from = copiedRegister(model, certain);
    if (from) o.copyOf = from;
  }
  const procName = (p: ProcessAnalysis) => p.facts.label ?? `process at line ${p.facts.line}`;
  const latchIn = new Set<string>();
  for (const w of certain) {
    const p = w.statement.kind === 'process' ? model.process(w.statement.node) : undefined;
    if (p && p.facts.latches.includes(d.name)) latchIn.add(procName(p));
  }
  if (latchIn.size) o.latchIn = [...latchIn];
  const missing = new Set<string>();
  for (const r of reads) {
    const p = r.statement.kind === 'process' ? model.process(r.statement.node) : undefined;
    if (p && p.facts.missingSensitivity.includes(d.name)) missing.add(procName(p));
  }
  if (missing.size) o.missingFromSensitivity = [...missing];
  if (kind === 'signal' || kind === 'port') {
    const md = multipleDrivers(certain, d, names);
    if (md) {
      const resolved = isResolvedType(model.ws, names, d);
      if (resolved !== true) o.multipleDrivers = { statements: md.statements, resolved: resolved === false ? false : 'unknown', overlap: md.overlap };
    }
  }
  return o;
}

/** The fields of a record register with their reset values (memoized); undefined when `d` is not a record. */
export function registerFields(model: ArchitectureModel, p: ProcessAnalysis, d: Declaration): FieldFacts[] | undefined {
  return model.cached('registerFields', d, () => {
    const fields = recordFields(model.ws, model.names, d);
    if (!fields?.length) return undefined;
    const resets = p.facts.reset ? fieldResets(model.names, d, fields, p.resetBranch, p.info.writes) : undefined;
    return fields.map((f) => ({ name: f.name, type: f.type, reset: resets?.get(f.name) ?? null }));
  });
}

/** Two or more statements driving overlapping parts of `d`. */
function multipleDrivers(writes: Write[], d: Declaration, names: Names): { statements: number; overlap: 'certain' | 'possible' } | undefined {
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
      // Certain only when a literal range gives the generate two or more copies.
      if (overlap !== 'certain') overlap = generateCopies(st.node, names) >= 2 ? 'certain' : 'possible';
    }
  }
  if (statements < 2) return undefined;
  if (overlap) return { statements, overlap };
  const list = [...groups.values()];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const ex = exclusiveAlternatives(list[i][0].statement.node, list[j][0].statement.node);
      if (ex === true) continue;
      for (const a of list[i]) {
        for (const b of list[j]) {
          let o = writesOverlap(a, b, names);
          // Under if/case generates whose conditions cannot be compared, both may or may not exist.
          if (o === 'certain' && ex === 'maybe') o = 'possible';
          if (o === 'certain') return { statements, overlap: 'certain' };
          if (o === 'possible') overlap = 'possible';
        }
      }
    }
  }
  return overlap ? { statements, overlap } : undefined;
}

/**
 * Whether two statements cannot both be elaborated: true in different alternatives of one if/case
 * generate or under complementary conditions (`if c generate` / `if not c generate`); 'maybe' when
 * either sits under a generate condition that cannot be compared; false otherwise.
 */
function exclusiveAlternatives(a: SyntaxNode, b: SyntaxNode): boolean | 'maybe' {
  const altsOf = (n: SyntaxNode) => {
    const out: SyntaxNode[] = [];
    for (let p = n.parent; p; p = p.parent) if (p.kind === N.GenerateAlternative && p.parent) out.push(p);
    return out;
  };
  const aa = altsOf(a);
  const bb = altsOf(b);
  for (const x of aa) for (const y of bb) if (x.parent === y.parent && x !== y) return true;
  const cond = (alt: SyntaxNode) => {
    const c = alt.childNodes().find((k) => k.kind !== N.Label && k.kind !== N.GenerateStatementBody && k.kind !== N.Choices);
    return c ? compact(stripParens(c) ?? c).toLowerCase() : undefined;
  };
  for (const x of aa) {
    for (const y of bb) {
      const cx = cond(x);
      const cy = cond(y);
      if (!cx || !cy) continue;
      const neg = (c: string) => c.replace(/^not\s*\(?\s*/, '').replace(/\s*\)?$/, '');
      if ((cx.startsWith('not') && neg(cx) === cy) || (cy.startsWith('not') && neg(cy) === cx)) return true;
    }
  }
  const only = (alts: SyntaxNode[], other: SyntaxNode[]) => alts.some((x) => !other.includes(x));
  return only(aa, bb) || only(bb, aa) ? 'maybe' : false;
}

type Interval = [number, number];

/** Whether two writes touch the same elements: by static index ranges, generate/loop parameter ranges, or record fields. */
function writesOverlap(a: Write, b: Write, names: Names): 'certain' | 'possible' | 'no' {
  if (a.element === undefined || b.element === undefined) return 'certain';
  if (a.element.startsWith('.') && b.element.startsWith('.')) {
    const fa = /^\.[^.(]+/.exec(a.element)![0];
    const fb = /^\.[^.(]+/.exec(b.element)![0];
    return fa !== fb ? 'no' : a.element === b.element ? 'certain' : 'possible';
  }
  // Different record fields of array elements (`arr(0).f`, `arr(i).g`) never overlap, whatever the indices.
  const fa = fieldAfterIndex(a.element);
  const fb = fieldAfterIndex(b.element);
  if (fa && fb && fa !== fb) return 'no';
  const ia = a.via ? staticElement(a.element) : (indexInterval(a.name, names) ?? staticElement(a.element));
  const ib = b.via ? staticElement(b.element) : (indexInterval(b.name, names) ?? staticElement(b.element));
  if (ia && ib) {
    if (ia.range[1] < ib.range[0] || ib.range[1] < ia.range[0]) return 'no';
    return ia.exact && ib.exact ? 'certain' : 'possible';
  }
  return a.element === b.element ? 'certain' : 'possible';
}

/** The record field selected right after the first index of an element: `f` of `(i).f(2)`; undefined otherwise. */
function fieldAfterIndex(e: string): string | undefined {
  if (!e.startsWith('(')) return undefined;
  let depth = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const m = /^\s*\.\s*([A-Za-z]\w*)/.exec(e.slice(i + 1));
      return m ? m[1].toLowerCase() : undefined;
    }
  }
  return undefined;
}

/** A static index or slice written as text, `(3)` or `(7 downto 4)` (an alias's element). */
function staticElement(e: string): { range: Interval; exact: boolean } | undefined {
  const m = /^\((\d+)(?:\s+(?:downto|to)\s+(\d+))?\)$/i.exec(e);
  if (!m) return undefined;
  const x = Number(m[1]);
  const y = m[2] === undefined ? x : Number(m[2]);
  return { range: [Math.min(x, y), Math.max(x, y)], exact: true };
}

/** The index interval a one-dimensional index or slice of `base` covers; exact when it is static. */
function indexInterval(base: SyntaxNode, names: Names): { range: Interval; exact: boolean } | undefined {
  const call = base.parent;
  if (call?.kind !== N.CallOrIndexName || call.childNodes()[0] !== base) return undefined;
  const els = call.child(N.AssociationList)?.childNodes(N.AssociationElement) ?? [];
  if (els.length !== 1) return undefined;
  const e = els[0].childNodes()[0];
  return e ? interval(e, names, 0) : undefined;
}

function interval(e: SyntaxNode, names: Names, depth: number): { range: Interval; exact: boolean } | undefined {
  if (depth > 6) return undefined;
  e = stripParens(e) ?? e;
  if (e.kind === N.Literal) {
    const v = Number(e.childTokens()[0]?.text.replace(/_/g, ''));
    return Number.isInteger(v) ? { range: [v, v], exact: true } : undefined;
  }
  if (e.kind === N.Range) {
    const [l, r] = e.childNodes();
    const il = l ? interval(l, names, depth + 1) : undefined;
    const ir = r ? interval(r, names, depth + 1) : undefined;
    if (!il || !ir) return undefined;
    return { range: [Math.min(il.range[0], ir.range[0]), Math.max(il.range[1], ir.range[1])], exact: il.exact && ir.exact };
  }
  if (e.kind === N.SimpleName) {
    const d = names.lookup(e);
    if (!d || (d.kind !== 'generateParameter' && d.kind !== 'loopParameter')) return undefined;
    const r = d.node.child(N.Range);
    const [l, h] = r?.childNodes() ?? [];
    const lo = l ? interval(l, names, depth + 1) : undefined;
    const hi = h ? interval(h, names, depth + 1) : undefined;
    // Bounds built from generics are unknown: keep the side that is known.
    const a = lo?.range[0] ?? -Infinity;
    const b = hi?.range[1] ?? Infinity;
    return { range: [Math.min(a, b === Infinity ? a : b), Math.max(b, a === -Infinity ? b : a)], exact: false };
  }
  if (e.kind === N.BinaryExpression && (e.token(T.Plus) || e.token(T.Minus))) {
    const [l, r] = e.childNodes();
    const il = l ? interval(l, names, depth + 1) : undefined;
    const ir = r ? interval(r, names, depth + 1) : undefined;
    if (!il || !ir) return undefined;
    const plus = !!e.token(T.Plus);
    return {
      range: plus ? [il.range[0] + ir.range[0], il.range[1] + ir.range[1]] : [il.range[0] - ir.range[1], il.range[1] - ir.range[0]],
      exact: il.exact && ir.exact,
    };
  }
  return undefined;
}

/** How many copies the enclosing for-generates make (the product of literal ranges), 0 when unknown. */
function generateCopies(node: SyntaxNode, names: Names): number {
  let copies = 1;
  for (let p = node.parent; p; p = p.parent) {
    if (p.kind !== N.ForGenerateStatement) continue;
    const r = p.child(N.ParameterSpecification)?.child(N.Range);
    const [l, h] = r?.childNodes() ?? [];
    const lo = l ? interval(l, names, 0) : undefined;
    const hi = h ? interval(h, names, 0) : undefined;
    if (!lo?.exact || !hi?.exact) return 0;
    copies *= Math.abs(hi.range[0] - lo.range[0]) + 1;
  }
  return copies;
}

function declaredInside(d: Declaration, node: SyntaxNode): boolean {
  for (let s: Scope | undefined = d.scope; s; s = s.parent) if (s.node.start <= node.start && s.node.end >= node.end && s.kind === 'generate') return true;
  return false;
}

