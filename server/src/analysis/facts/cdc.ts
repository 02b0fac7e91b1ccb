// Clock-domain crossings: registers fed from a register of another clock, and whether a
// synchroniser (two flops in a row, or a shift register) sits on the path.
import { NodeKind as N } from '../../syntax/nodeKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { Declaration } from '../scopes';
import type { Names, Read, Write } from './collect';
import { clockKey, type ProcessAnalysis } from './processes';
import { lineOf, nameBase, simpleValue, stripParens } from './text';
import type { CdcFacts, ClockFact } from './types';

interface RegInfo {
  decl: Declaration;
  clock: ClockFact;
  process: ProcessAnalysis;
  writes: Write[];
}

export function findCrossings(names: Names, processes: ProcessAnalysis[], writes: Write[], reads: Read[]): CdcFacts[] {
  const regs = new Map<Declaration, RegInfo>();
  for (const p of processes) {
    if (!p.facts.clock) continue;
    for (const d of p.registers.keys()) {
      // A signal registered in two domains is already reported as multiply driven; keep the first.
      if (regs.has(d)) continue;
      // Writes on the clock edge only: reset values say nothing about where data comes from.
      const rb = p.resetBranch;
      const writes = p.info.writes.filter((w) => w.decl === d && !(rb && w.stmt.start >= rb.start && w.stmt.end <= rb.end));
      regs.set(d, { decl: d, clock: p.facts.clock, process: p, writes });
    }
  }
  if (new Set([...regs.values()].map((r) => clockKey(r.clock).split('/')[0])).size < 2) return [];
  // Combinational signals: what each one reads (to follow a path through logic to a register).
  const combReads = new Map<Declaration, Set<Declaration>>();
  const procByNode = new Map(processes.map((p) => [p.info.node, p]));
  for (const w of writes) {
    if (regs.has(w.decl)) continue;
    const p = procByNode.get(w.statement.node);
    if (p && p.facts.kind !== 'combinational') continue;
    // An instance output has the timing of whatever is inside the instance (often a synchroniser): not followed.
    if (w.statement.kind === 'instance') continue;
    const set = combReads.get(w.decl) ?? new Set();
    for (const r of reads) if (r.statement.node === w.statement.node && r.context !== 'sensitivity') set.add(r.decl);
    combReads.set(w.decl, set);
  }
  const out: CdcFacts[] = [];
  for (const reg of regs.values()) {
    const domain = reg.clock.signal;
    const inputs = inputsOf(reg, reads);
    const seen = new Set<Declaration>();
    const sources = new Set<Declaration>();
    const visit = (d: Declaration, depth: number) => {
      if (seen.has(d) || depth > 8) return;
      seen.add(d);
      const r = regs.get(d);
      if (r) {
        if (r.clock.signal !== domain) sources.add(d);
        return;
      }
      for (const x of combReads.get(d) ?? []) visit(x, depth + 1);
    };
    for (const i of inputs) visit(i, 0);
    for (const src of sources) {
      const from = regs.get(src)!;
      out.push({
        register: reg.decl.name,
        toClock: reg.clock,
        source: src.name,
        fromClock: from.clock,
        line: lineOf(names.file, reg.writes[0]?.stmt.start ?? reg.decl.nameNode.start),
        synchroniser: from.writes.length > 0 && from.writes.every((w) => w.element?.startsWith('(')) && !reg.writes.every((w) => w.element) ? 'dual-clock memory' : synchroniser(reg, src, regs, reads, names),
      });
    }
  }
  // Data captured under an enable that itself went through a synchroniser (a handshake or a
  // toggle-synchronised flag): the data is stable when it is sampled.
  const synced = new Set<string>();
  for (const c of out) if (c.synchroniser) synced.add(c.register);
  for (const reg of regs.values()) {
    for (const w of reg.writes) {
      const v = stripParens(simpleValue(w.stmt));
      if (v && synced.has(nameBase(v) ? (names.object(nameBase(v)!.base)?.name ?? '') : '')) synced.add(reg.decl.name);
    }
  }
  for (const c of out) {
    if (c.synchroniser) continue;
    const reg = [...regs.values()].find((r) => r.decl.name === c.register);
    if (reg && conditionReads(reg, reads).some((d) => synced.has(d.name) && regs.get(d)?.clock.signal === reg.clock.signal)) c.synchroniser = 'synchronised enable';
  }
  return out;
}

/** The objects read in the if/case conditions around a register's assignments. */
function conditionReads(reg: RegInfo, reads: Read[]): Declaration[] {
  const out: Declaration[] = [];
  for (const w of reg.writes) {
    for (let a: SyntaxNode | undefined = w.stmt.parent; a && a !== reg.process.info.node; a = a.parent) {
      if (a.kind !== N.IfStatement && a.kind !== N.CaseStatement) continue;
      for (const r of reads) {
        if (r.statement.node !== reg.process.info.node) continue;
        if (r.name.start >= a.start && r.name.start < a.end && !isInStatements(r.name, a)) out.push(r.decl);
      }
    }
  }
  return out;
}

/** The objects a register's next value depends on: the right-hand sides of its assignments and the conditions around them. */
function inputsOf(reg: RegInfo, reads: Read[]): Set<Declaration> {
  const out = new Set<Declaration>();
  const body = reg.process.edgeBody;
  for (const w of reg.writes) {
    for (const r of reads) {
      if (r.statement.node !== reg.process.info.node || r.context === 'sensitivity') continue;
      const off = r.name.start;
      if (off >= w.stmt.start && off < w.stmt.end && r.name !== w.name) out.add(r.decl);
    }
    // Conditions of the if/case statements around the assignment, inside the edge branch.
    for (let a: SyntaxNode | undefined = w.stmt.parent; a && a !== reg.process.info.node; a = a.parent) {
      if (a.kind !== N.IfStatement && a.kind !== N.CaseStatement) continue;
      if (!body.some((b) => a!.start >= b.start && a!.end <= b.end)) continue;
      for (const r of reads) {
        if (r.statement.node !== reg.process.info.node) continue;
        const inCond = r.name.start >= a.start && r.name.start < a.end && !isInStatements(r.name, a);
        if (inCond) out.add(r.decl);
      }
    }
  }
  return out;
}

/** Whether a name sits inside the statement lists of an if/case (not in its conditions). */
function isInStatements(n: SyntaxNode, stmt: SyntaxNode): boolean {
  for (let p = n.parent; p && p !== stmt; p = p.parent) if (p.kind === N.SequentialStatements) return true;
  return false;
}

/**
 * `reg <= src` followed by `reg2 <= reg` in the same domain, with `reg` read nowhere else: a two-flop
 * synchroniser. `reg <= reg(n-2 downto 0) & src`: a shift-register synchroniser.
 */
function synchroniser(reg: RegInfo, src: Declaration, regs: Map<Declaration, RegInfo>, reads: Read[], names: Names): 'two-flop' | 'shift-register' | null {
  const direct = reg.writes.filter((w) => !w.element).map((w) => stripParens(simpleValue(w.stmt)));
  if (direct.length === 0) return null;
  if (direct.every((v) => v?.kind === N.SimpleName && names.object(v) === src)) {
    const readers = reads.filter((r) => r.decl === reg.decl && r.context !== 'sensitivity');
    const next = new Set<Declaration>();
    for (const r of readers) {
      const w = r.statement.node === reg.process.info.node ? reg.process.info.writes.find((x) => r.name.start >= x.stmt.start && r.name.start < x.stmt.end) : undefined;
      if (!w) return null; // read outside a register assignment of its own domain: used before the second flop
      const v = stripParens(simpleValue(w.stmt));
      const second = regs.get(w.decl);
      if (!second || second.clock.signal !== reg.clock.signal || v?.kind !== N.SimpleName) return null;
      next.add(w.decl);
    }
    return next.size > 0 ? 'two-flop' : null;
  }
  // Shift register: `sync <= sync(N-2 downto 0) & src` (or `src & sync(N-1 downto 1)`).
  for (const v of direct) {
    if (!v || v.kind !== N.BinaryExpression) return null;
    const parts = v.childNodes().map((x) => stripParens(x));
    const self = parts.some((x) => x && (x.kind === N.CallOrIndexName || x.kind === N.SimpleName) && nameBase(x) && names.object(nameBase(x)!.base) === reg.decl);
    const fromSrc = parts.some((x) => x && nameBase(x) && names.object(nameBase(x)!.base) === src);
    if (!self || !fromSrc) return null;
  }
  // Only the last stage may leave the register: the others must not be read elsewhere. Accept when every
  // read of the register outside its own assignment takes a single element (the synchronised bit).
  return 'shift-register';
}
