// Clock-domain crossings: registers fed from a register of another clock, and whether a
// synchroniser (two flops in a row, a shift register, a synchronised enable) sits on the path.
// Computed per register on demand, following only the objects its inputs lead to.
import { NodeKind as N } from '../../syntax/nodeKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { Declaration } from '../scopes';
import type { Read, Write } from './collect';
import type { ArchitectureModel } from './model';
import type { ProcessAnalysis } from './processes';
import { lineOf, nameBase, simpleValue, stripParens } from './text';
import type { CdcFacts, ClockFact } from './types';

interface RegInfo {
  decl: Declaration;
  clock: ClockFact;
  process: ProcessAnalysis;
  /** Writes on the clock edge only: reset values say nothing about where data comes from. */
  writes: Write[];
}

/** Every crossing of the architecture, register by register. */
export function allCrossings(model: ArchitectureModel, processes: ProcessAnalysis[]): CdcFacts[] {
  const domains = new Set(processes.filter((p) => p.facts.clock).map((p) => p.facts.clock!.signal.replace(/\(.*$/, '')));
  if (domains.size < 2) return [];
  const out: CdcFacts[] = [];
  const seen = new Set<Declaration>();
  for (const p of processes) for (const d of p.registers.keys()) if (!seen.has(d)) seen.add(d), out.push(...crossingsInto(model, d));
  return out;
}

/** The crossings into register `d` (empty when it is not a register or all its inputs are local). */
export function crossingsInto(model: ArchitectureModel, d: Declaration): CdcFacts[] {
  return model.cached('crossings', d, () => {
    const reg = regInfo(model, d);
    if (!reg) return [];
    const out = baseCrossings(model, reg);
    for (const c of out) {
      if (c.synchroniser) continue;
      if (conditionReads(model, reg).some((x) => x !== d && synced(model, x, reg.clock.signal, 0))) c.synchroniser = 'synchronised enable';
    }
    return out;
  });
}

function regInfo(model: ArchitectureModel, d: Declaration): RegInfo | undefined {
  return model.cached('regInfo', d, () => {
    const p = model.registerProcess(d);
    if (!p?.facts.clock) return undefined;
    const rb = p.resetBranch;
    const writes = p.info.writes.filter((w) => w.decl === d && !(rb && w.stmt.start >= rb.start && w.stmt.end <= rb.end));
    return { decl: d, clock: p.facts.clock, process: p, writes };
  });
}

/** Crossings found from the data path, with two-flop, shift-register and memory recognition. */
function baseCrossings(model: ArchitectureModel, reg: RegInfo): CdcFacts[] {
  return model.cached('baseCrossings', reg.decl, () => {
    const domain = reg.clock.signal;
    const sources = new Set<Declaration>();
    const seen = new Set<Declaration>();
    const visit = (x: Declaration, depth: number) => {
      if (seen.has(x) || depth > 8) return;
      seen.add(x);
      const r = regInfo(model, x);
      if (r) {
        if (r.clock.signal !== domain) sources.add(x);
        return;
      }
      for (const y of combinationalInputs(model, x)) visit(y, depth + 1);
    };
    for (const i of inputsOf(model, reg)) visit(i, 0);
    const out: CdcFacts[] = [];
    for (const src of sources) {
      const from = regInfo(model, src)!;
      const memory = from.writes.length > 0 && from.writes.every((w) => w.element?.startsWith('(')) && !reg.writes.every((w) => w.element);
      out.push({
        register: reg.decl.name,
        toClock: reg.clock,
        source: src.name,
        fromClock: from.clock,
        line: lineOf(model.file, reg.writes[0]?.stmt.start ?? reg.decl.nameNode.start),
        synchroniser: memory ? 'dual-clock memory' : synchroniser(model, reg, src),
      });
    }
    return out;
  });
}

/** What a combinational object is computed from (instance outputs are not followed: their timing is the instance's). */
function combinationalInputs(model: ArchitectureModel, d: Declaration): Set<Declaration> {
  return model.cached('combInputs', d, () => {
    const out = new Set<Declaration>();
    for (const w of model.writesOf(d)) {
      if (w.statement.kind === 'instance') continue;
      if (w.statement.kind === 'process' && model.process(w.statement.node)?.facts.kind !== 'combinational') continue;
      for (const r of model.statement(w.statement.node).reads) if (r.context !== 'sensitivity' && r.decl !== d) out.add(r.decl);
    }
    return out;
  });
}

/** The objects a register's next value depends on: the right-hand sides of its assignments and the conditions around them. */
function inputsOf(model: ArchitectureModel, reg: RegInfo): Set<Declaration> {
  const out = new Set<Declaration>();
  const reads = reg.process.info.reads;
  for (const w of reg.writes) {
    for (const r of reads) {
      if (r.context === 'sensitivity') continue;
      if (r.name.start >= w.stmt.start && r.name.start < w.stmt.end && (r.name !== w.name || r.via !== undefined)) out.add(r.decl);
    }
  }
  for (const d of conditionReads(model, reg)) out.add(d);
  return out;
}

/**
 * The objects read in the if/case conditions around a register's assignments (the clock and reset
 * tests included: they are ports or plain signals, never registers of another domain).
 */
function conditionReads(model: ArchitectureModel, reg: RegInfo): Declaration[] {
  void model;
  const out: Declaration[] = [];
  for (const w of reg.writes) {
    for (let a: SyntaxNode | undefined = w.stmt.parent; a && a !== reg.process.info.node; a = a.parent) {
      if (a.kind !== N.IfStatement && a.kind !== N.CaseStatement) continue;
      for (const r of reg.process.info.reads) if (r.name.start >= a.start && r.name.start < a.end && !isInStatements(r.name, a)) out.push(r.decl);
    }
  }
  return out;
}

/** Whether a name sits inside the statement lists of an if/case (not in its conditions). */
function isInStatements(n: SyntaxNode, stmt: SyntaxNode): boolean {
  for (let p = n.parent; p && p !== stmt; p = p.parent) if (p.kind === N.SequentialStatements) return true;
  return false;
}

/** A register of `domain` that is a synchroniser's output, or a plain copy of one. */
function synced(model: ArchitectureModel, d: Declaration, domain: string, depth: number): boolean {
  if (depth > 4) return false;
  const r = regInfo(model, d);
  if (!r || r.clock.signal !== domain) return false;
  if (baseCrossings(model, r).some((c) => c.synchroniser)) return true;
  return r.writes.some((w) => {
    const v = stripParens(simpleValue(w.stmt));
    const nb = v ? nameBase(v) : undefined;
    const src = nb ? model.names.object(nb.base) : undefined;
    return !!src && src !== d && synced(model, src, domain, depth + 1);
  });
}

/**
 * `reg <= src` followed by `reg2 <= reg` in the same domain, with `reg` read nowhere else: a two-flop
 * synchroniser. `reg <= reg(n-2 downto 0) & src`: a shift-register synchroniser.
 */
function synchroniser(model: ArchitectureModel, reg: RegInfo, src: Declaration): 'two-flop' | 'shift-register' | null {
  const names = model.names;
  const direct = reg.writes.filter((w) => !w.element).map((w) => stripParens(simpleValue(w.stmt)));
  if (direct.length === 0) return null;
  if (direct.every((v) => v?.kind === N.SimpleName && names.object(v) === src)) {
    const readers: Read[] = model.accessesOf(reg.decl).reads.filter((r) => r.context !== 'sensitivity');
    let second = 0;
    for (const r of readers) {
      const p = r.statement.kind === 'process' ? model.process(r.statement.node) : undefined;
      const w = p?.info.writes.find((x) => r.name.start >= x.stmt.start && r.name.start < x.stmt.end);
      // Read anywhere but a plain copy into another register of the same domain: used before the second flop.
      if (!w) return null;
      const v = stripParens(simpleValue(w.stmt));
      const next = regInfo(model, w.decl);
      if (!next || next.clock.signal !== reg.clock.signal || v?.kind !== N.SimpleName) return null;
      second++;
    }
    return second > 0 ? 'two-flop' : null;
  }
  // Shift register: `sync <= sync(N-2 downto 0) & src` (or `src & sync(N-1 downto 1)`).
  for (const v of direct) {
    if (!v || v.kind !== N.BinaryExpression) return null;
    const parts = v.childNodes().map((x) => stripParens(x));
    const refers = (x: SyntaxNode | undefined, d: Declaration) => {
      const nb = x ? nameBase(x) : undefined;
      return !!nb && names.object(nb.base) === d;
    };
    if (!parts.some((x) => refers(x, reg.decl)) || !parts.some((x) => refers(x, src))) return null;
  }
  return 'shift-register';
}
