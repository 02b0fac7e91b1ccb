// Process classification: clocked (clock, edge, reset), combinational (missing sensitivity, latches) or other.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { Declaration } from '../scopes';
import { type EdgeMatch, edgeOf, isResetName, resetCondition, type ResetMatch } from './clocking';
import type { Names, ProcessInfo, Read, Write } from './collect';
import { calledProcedure, callParts, MAX_CALL_DEPTH, pairArguments } from './procedures';
import { ASSIGNMENT_KINDS, compact, conditionOf, lineOf, nameBase, statementsOf, stripParens, targetNames } from './text';
import type { ClockFact, ProcessFacts, ResetFact } from './types';

export interface ProcessAnalysis {
  info: ProcessInfo;
  facts: ProcessFacts;
  /** Signals that are registers of this process, with their reset value text (null: not reset). */
  registers: Map<Declaration, { value: string | null; line: number }>;
  /** The statements that run on the clock edge (reset branch excluded). */
  edgeBody: SyntaxNode[];
  /** The reset branch (async or sync), if any. */
  resetBranch: SyntaxNode | undefined;
  /** Clocked processes: variables read on some path before they are assigned, so they hold a value between edges (flip-flops). */
  variableRegisters: Set<Declaration>;
  /** Reset values by object (signals and variables) from the reset branch. */
  resetValues: Map<Declaration, string>;
}

export function analyseProcess(info: ProcessInfo, names: Names): ProcessAnalysis {
  const node = info.node;
  const file = names.file;
  const stmts = statementsOf(node);
  const sensNode = node.child(N.SensitivityList);
  const sensitivity: string[] | 'all' | null = sensNode
    ? sensNode.token(T.AllKw)
      ? 'all'
      : sensNode.childNodes().map((n) => compact(n).toLowerCase())
    : null;
  const facts: ProcessFacts = {
    label: info.statement.label,
    line: info.statement.line,
    endLine: lineOf(file, node.end),
    kind: 'other',
    generate: info.statement.generate,
    sensitivity,
    clock: null,
    reset: null,
    assigns: unique(info.writes.filter((w) => w.decl.kind !== 'variable').map((w) => w.decl.name)),
    reads: unique(info.reads.filter((r) => isSignal(r.decl) && r.context !== 'sensitivity').map((r) => r.decl.name)),
    missingSensitivity: [],
    latches: [],
  };
  const out: ProcessAnalysis = { info, facts, registers: new Map(), edgeBody: [], resetBranch: undefined, variableRegisters: new Set(), resetValues: new Map() };
  const waits = [...node.descendants(N.WaitStatement)];
  const uncertain: string[] = [];
  if (!node.child(N.EndClause)) uncertain.push('the process is incomplete (no `end process`)');
  if (info.unknown.length) uncertain.push(`it reads undeclared name${info.unknown.length > 1 ? 's' : ''} ${info.unknown.map((n) => `\`${n}\``).join(', ')}`);

  let edge: EdgeMatch | undefined;
  let async: ResetMatch | undefined;
  let body: SyntaxNode[] = [];
  if (sensNode || waits.length === 0) {
    // Sensitivity-list style: look for `if <edge>` at the top, after async reset branches.
    for (const s of stmts) {
      if (s.kind !== N.IfStatement) continue;
      const branches = s.childNodes(N.IfBranch);
      for (let k = 0; k < branches.length; k++) {
        const e = edgeOf(conditionOf(branches[k]));
        if (!e) continue;
        edge = e;
        body = statementsOf(branches[k]);
        if (k > 0) {
          async = resetCondition(conditionOf(branches[0]), (n) => names.isBoolean(n));
          if (async) out.resetBranch = branches[0];
          else uncertain.push('the branch before the clock edge is not a recognised reset test');
          if (k > 1) uncertain.push('more than one asynchronous branch (set and reset?): only the first is reported');
        }
        break;
      }
      if (edge) break;
    }
    if (!edge) {
      // `if rising_edge(clk) and en = '1'`: an edge with an enable folded into the same test.
      for (const s of stmts) {
        const b = s.kind === N.IfStatement ? s.childNodes(N.IfBranch)[0] : undefined;
        const c = stripParens(b ? conditionOf(b) : undefined);
        if (!b || c?.kind !== N.BinaryExpression || !c.token(T.AndKw)) continue;
        const sides = c.childNodes();
        const i = sides.findIndex((x) => edgeOf(x));
        if (i < 0) continue;
        edge = edgeOf(sides[i]);
        body = statementsOf(b);
        uncertain.push(`the clock edge test also requires \`${compact(sides[1 - i])}\``);
        break;
      }
    }
    if (!edge) {
      // An edge test nested deeper (gated clock, odd structure): clocked, but say it is unusual.
      for (const b of node.descendants(N.IfBranch)) {
        const e = edgeOf(conditionOf(b));
        if (e) {
          edge = e;
          body = statementsOf(b);
          uncertain.push('the clock edge test is nested inside other statements');
          break;
        }
      }
    }
  } else {
    const first = stmts[0];
    const cond = first?.kind === N.WaitStatement ? first.child(N.ConditionClause)?.childNodes()[0] : undefined;
    const e = cond ? edgeOf(cond, true) : undefined;
    const sameWaits = waits.every((w) => w === first);
    if (e && sameWaits) {
      edge = e;
      body = stmts.slice(1);
    } else if (waits.length === 1 && stmts[stmts.length - 1] === waits[0] && !waits[0].child(N.ConditionClause) && !waits[0].child(N.TimeoutClause) && waits[0].child(N.SensitivityClause)) {
      // `wait on a, b;` at the end: a combinational process written with wait.
      facts.sensitivity = waits[0].child(N.SensitivityClause)!.childNodes().map((n) => compact(n).toLowerCase());
      combinational(out, names, stmts);
      return finish(out, uncertain);
    }
  }

  if (edge) {
    facts.kind = 'clocked';
    facts.clock = { signal: edge.signal, edge: edge.edge };
    let reset: ResetFact | null = async ? { signal: async.signal, kind: 'async', activeLevel: async.level } : null;
    if (!async) {
      const sync = syncReset(body, names, info.writes);
      if (sync) {
        reset = { signal: sync.match.signal, kind: 'sync', activeLevel: sync.match.level };
        out.resetBranch = sync.branch;
        body = sync.rest;
      }
    }
    facts.reset = reset;
    out.edgeBody = body;
    if (Array.isArray(sensitivity)) {
      if (!sensitivity.includes(edge.signal)) facts.missingSensitivity.push(edge.signal);
      if (async && !sensitivity.includes(async.signal)) facts.missingSensitivity.push(async.signal);
    }
    // Registers: signals written in the edge branch or the reset branch.
    const clockedRange = ranges([...body, ...(out.resetBranch ? [out.resetBranch] : [])]);
    const resetValues = out.resetBranch ? resetValuesOf(out.resetBranch, info.writes) : new Map<Declaration, string>();
    for (const w of info.writes) {
      if (w.decl.kind === 'variable') continue;
      if (!inRanges(w.stmt.start, clockedRange)) {
        uncertain.push(`\`${w.decl.name}\` is assigned outside the clock edge branch (line ${lineOf(file, w.stmt.start)})`);
        continue;
      }
      if (!out.registers.has(w.decl)) out.registers.set(w.decl, { value: resetValues.get(w.decl) ?? null, line: lineOf(file, w.stmt.start) });
    }
    out.variableRegisters = readBeforeWrite(body, names, info.reads);
    out.resetValues = resetValues;
    return finish(out, uncertain);
  }
  if (sensNode) {
    combinational(out, names, stmts);
    return finish(out, uncertain);
  }
  facts.kind = 'other';
  if (waits.length === 0) uncertain.push('no sensitivity list and no wait statement: the process never suspends');
  return finish(out, uncertain);
}

function finish(out: ProcessAnalysis, uncertain: string[]): ProcessAnalysis {
  if (uncertain.length) out.facts.uncertain = unique(uncertain).join('; ');
  return out;
}

function combinational(out: ProcessAnalysis, names: Names, stmts: SyntaxNode[]): void {
  const facts = out.facts;
  facts.kind = 'combinational';
  if (Array.isArray(facts.sensitivity)) {
    const sens = facts.sensitivity;
    facts.missingSensitivity = facts.reads.filter((r) => !sens.includes(r));
  }
  // Latch risk: signals assigned whole somewhere but not on every path.
  const whole = new Set<Declaration>();
  const partialOnly = new Set<Declaration>();
  for (const w of out.info.writes) {
    if (w.decl.kind === 'variable') continue;
    if (w.element === undefined) whole.add(w.decl);
    else partialOnly.add(w.decl);
  }
  const always = definite(stmts, names);
  const latches: string[] = [];
  for (const d of whole) if (!always.has(d) && !always.all) latches.push(d.name);
  // Element-only assignments cannot be checked path by path without index values: left out, not guessed.
  facts.latches = latches;
}

/** Objects assigned on every path; `all` when every path ends in a recursive call (whose base case must assign). */
type Assigned = Set<Declaration> & { all?: boolean };

/**
 * Signals assigned as a whole on every path through `stmts`. A call of a procedure declared in the
 * architecture counts with what its body assigns on every path (its `out` parameters mapped to the
 * actuals), bounded in depth; a recursive call is taken to assign what the procedure does.
 */
function definite(stmts: SyntaxNode[], names: Names, stack: SyntaxNode[] = []): Assigned {
  const out: Assigned = new Set<Declaration>();
  for (const s of stmts) {
    if (ASSIGNMENT_KINDS.has(s.kind) && s.kind !== N.VariableAssignment && s.kind !== N.ConditionalVariableAssignment && s.kind !== N.SelectedVariableAssignment) {
      if (s.kind === N.ConditionalSignalAssignment) {
        const cw = s.child(N.ConditionalWaveforms);
        const whens = cw?.childTokens().filter((t) => t.kind === T.WhenKw).length ?? 0;
        const elses = cw?.childTokens().filter((t) => t.kind === T.ElseKw).length ?? 0;
        if (elses < whens) continue;
      }
      for (const t of targetNames(s)) {
        const nb = nameBase(t);
        // Inside a procedure body a parameter may be the target: kept, to be mapped to the caller's actual.
        const d = nb && !nb.element ? (names.object(nb.base) ?? parameterOf(nb.base, names)) : undefined;
        if (d) out.add(d);
      }
    } else if (s.kind === N.IfStatement) {
      const branches = s.childNodes(N.IfBranch);
      const last = branches[branches.length - 1];
      if (!last || !last.token(T.ElseKw)) continue;
      merge(out, intersect(branches.map((b) => definite(statementsOf(b), names, stack))));
    } else if (s.kind === N.CaseStatement) {
      // A legal case statement covers every choice, so the alternatives are all the paths.
      const alts = s.childNodes(N.CaseStatementAlternative);
      if (alts.length) merge(out, intersect(alts.map((a) => definite(statementsOf(a), names, stack))));
    } else if (s.kind === N.LoopStatement && s.child(N.ForScheme)) {
      for (const d of definite(statementsOf(s), names, stack)) out.add(d);
    } else if (s.kind === N.ProcedureCallStatement) {
      const call = s.childNodes().find((c) => c.kind !== N.Label);
      const parts = call ? callParts(call) : undefined;
      const called = parts ? calledProcedure(undefined, names, parts.nameNode) : undefined;
      const body = called?.body;
      if (!parts || !called || !body) continue;
      if (stack.includes(body)) {
        out.all = true;
        continue;
      }
      if (stack.length >= MAX_CALL_DEPTH) continue;
      const inner = definite(statementsOf(body), names, [...stack, body]);
      if (inner.all) out.all = true;
      const pairs = pairArguments(parts.args, called.params);
      for (const d of inner) {
        if (d.kind === 'parameter') {
          const actual = pairs.find((p) => p.item?.name === d.name)?.actual;
          const nb = actual ? nameBase(actual) : undefined;
          const a = nb && !nb.element ? (names.object(nb.base) ?? parameterOf(nb.base, names)) : undefined;
          if (a) out.add(a);
        } else if (d.node.start < body.start || d.node.end > body.end) out.add(d);
      }
    }
  }
  return out;
}

function parameterOf(n: SyntaxNode, names: Names): Declaration | undefined {
  const d = names.lookup(n);
  return d?.kind === 'parameter' ? d : undefined;
}

function merge(into: Assigned, from: Assigned): void {
  for (const d of from) into.add(d);
  if (from.all) into.all = true;
}

/**
 * Variables of the process read on some path through `stmts` before any assignment to them: their
 * value survives from the previous clock edge, so they are flip-flops.
 */
function readBeforeWrite(stmts: SyntaxNode[], names: Names, reads: Read[]): Set<Declaration> {
  const out = new Set<Declaration>();
  const readsIn = (from: number, to: number) => reads.filter((r) => r.decl.kind === 'variable' && r.name.start >= from && r.name.start < to);
  const visit = (list: SyntaxNode[], assigned: Set<Declaration>): Set<Declaration> => {
    const now = new Set(assigned);
    for (const s of list) {
      if (s.kind === N.IfStatement || s.kind === N.CaseStatement) {
        // Conditions and selector first, then each branch from the same state.
        const branches = s.kind === N.IfStatement ? s.childNodes(N.IfBranch) : s.childNodes(N.CaseStatementAlternative);
        for (const b of branches) {
          const body = b.child(N.SequentialStatements);
          const condEnd = body ? body.start : b.end;
          for (const r of readsIn(b.start, condEnd)) if (!now.has(r.decl)) out.add(r.decl);
        }
        if (s.kind === N.CaseStatement) {
          const firstAlt = branches[0];
          for (const r of readsIn(s.start, firstAlt ? firstAlt.start : s.end)) if (!now.has(r.decl)) out.add(r.decl);
        }
        const after = branches.map((b) => visit(statementsOf(b), now));
        const complete = s.kind === N.CaseStatement || !!branches[branches.length - 1]?.token(T.ElseKw);
        if (complete && after.length) for (const d of intersect(after)) now.add(d);
      } else if (s.kind === N.LoopStatement) {
        visit(statementsOf(s), now);
        for (const r of readsIn(s.start, s.child(N.SequentialStatements)?.start ?? s.end)) if (!now.has(r.decl)) out.add(r.decl);
      } else {
        // A simple statement reads (its value, indices) before it assigns.
        for (const r of readsIn(s.start, s.end)) if (!now.has(r.decl)) out.add(r.decl);
        if (s.kind === N.VariableAssignment) {
          for (const t of targetNames(s)) {
            const nb = nameBase(t);
            const d = nb && !nb.element ? names.object(nb.base) : undefined;
            if (d?.kind === 'variable') now.add(d);
          }
        }
      }
    }
    return now;
  };
  visit(stmts, new Set());
  return out;
}

/** What every path assigns; paths marked `all` (ending in a recursive call) do not narrow it. */
function intersect(sets: Assigned[]): Assigned {
  const real = sets.filter((s) => !s.all);
  if (real.length === 0) {
    const out: Assigned = new Set();
    if (sets.length) out.all = true;
    return out;
  }
  const [first, ...rest] = real;
  return new Set([...first].filter((d) => rest.every((s) => s.has(d))));
}

/**
 * A synchronous reset inside the clock edge branch: an `if` on one signal, first (wrapping the
 * rest in its else) or last (overriding), whose branch gives registers constant values. The
 * signal must be named like a reset, or the branch must reset every register of the process.
 */
function syncReset(body: SyntaxNode[], names: Names, writes: Write[]): { match: ResetMatch; branch: SyntaxNode; rest: SyntaxNode[] } | undefined {
  const candidates = [body[0], body[body.length - 1]].filter((s, i, a) => s && s.kind === N.IfStatement && a.indexOf(s) === i);
  for (const c of candidates) {
    const branches = c.childNodes(N.IfBranch);
    const match = resetTest(conditionOf(branches[0]), names);
    if (!match || !names.object(match.name)) continue;
    // Variables count: a reset branch may reset only the variables that hold state.
    const inReset = writes.filter((w) => w.stmt.start >= branches[0].start && w.stmt.end <= branches[0].end);
    if (inReset.length === 0) continue;
    const constant = inReset.every((w) => isConstantValue(w.stmt, names) && (!w.source || isConstantValue(w.source, names)));
    if (!constant) continue;
    const rest = [...branches.slice(1).flatMap((b) => statementsOf(b)), ...body.filter((s) => s !== c)];
    const restRange = ranges(rest);
    const others = writes.filter((w) => inRanges(w.stmt.start, restRange) && w.decl.kind !== 'variable').map((w) => w.decl);
    const resetDecls = new Set(inReset.map((w) => w.decl));
    const coversAll = others.every((d) => resetDecls.has(d));
    const wraps = c === body[0] && branches.length >= 2 && body.length === 1;
    if (isResetName(match.signal) || (wraps && coversAll)) return { match, branch: branches[0], rest };
  }
  return undefined;
}

/** A reset test, also as one side of an `or` (`rst = '1' or cyc = '0'`) when the signal is named like a reset. */
function resetTest(cond: SyntaxNode | undefined, names: Names): ResetMatch | undefined {
  const direct = resetCondition(cond, (n) => names.isBoolean(n));
  if (direct) return direct;
  const c = stripParens(cond);
  if (c?.kind !== N.BinaryExpression || !c.token(T.OrKw)) return undefined;
  for (const side of c.childNodes()) {
    const m = resetCondition(side, (n) => names.isBoolean(n));
    if (m && isResetName(m.signal)) return m;
  }
  return undefined;
}

/** Whether the value an assignment gives is built from literals, constants, generics and function calls on them. */
function isConstantValue(stmt: SyntaxNode, names: Names): boolean {
  const parts = stmt.childNodes().filter((c) => c.kind !== N.Target && c.kind !== N.Label);
  if (parts.length === 0) return false;
  for (const p of parts) for (const n of p.descendants(N.SimpleName)) {
    const d = names.object(n);
    if (d && d.kind !== 'constant' && d.kind !== 'generic') {
      // Attribute prefixes such as `q'range` do not read the value.
      if (n.parent?.kind === N.AttributeName && n.parent.childNodes()[0] === n) continue;
      return false;
    }
  }
  return true;
}

/** Reset value text per signal: whole assignments give their value, element assignments `element => value`. */
function resetValuesOf(branch: SyntaxNode, writes: Write[]): Map<Declaration, string> {
  const parts = new Map<Declaration, string[]>();
  for (const w of writes) {
    if (w.stmt.start < branch.start || w.stmt.end > branch.end) continue;
    const value = w.value ?? valueText(w.stmt);
    const list = parts.get(w.decl) ?? [];
    list.push(w.element ? `${w.decl.name}${w.element} <= ${value}` : value);
    parts.set(w.decl, list);
  }
  const out = new Map<Declaration, string>();
  for (const [d, list] of parts) out.set(d, list.join('; '));
  return out;
}

/** The right-hand side of an assignment as compact source text. */
export function valueText(stmt: SyntaxNode): string {
  const parts = stmt.childNodes().filter((c) => c.kind !== N.Target && c.kind !== N.Label);
  return parts.map(compact).join(' ');
}

function ranges(stmts: SyntaxNode[]): [number, number][] {
  return stmts.map((s) => [s.start, s.end]);
}

function inRanges(offset: number, rs: [number, number][]): boolean {
  return rs.some(([a, b]) => offset >= a && offset < b);
}

function isSignal(d: Declaration): boolean {
  return d.kind === 'signal' || d.kind === 'port';
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export function clockKey(c: ClockFact): string {
  return `${c.signal}/${c.edge}`;
}

