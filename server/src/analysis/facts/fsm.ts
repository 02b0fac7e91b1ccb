// State machines: registered enumeration signals switched on by case/if, with their transitions.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import type { ArchitectureModel } from './model';
import type { Declaration } from '../scopes';
import type { Names } from './collect';
import type { ProcessAnalysis } from './processes';
import { compact, conditionOf, lineOf, nameBase, simpleValue, statementsOf, stripParens, targetNames } from './text';
import { enumLiterals } from './typeInfo';
import type { FsmFacts, FsmTransition } from './types';

interface Path {
  /** States the path can be in; null: any. */
  from: Set<string> | null;
  conditions: string[];
}

/** Every state machine of the model: one per registered enumeration signal switched on by case/if. */
export function allFsms(model: ArchitectureModel, processes: ProcessAnalysis[]): FsmFacts[] {
  const out: FsmFacts[] = [];
  for (const p of processes) {
    if (p.facts.kind !== 'clocked') continue;
    for (const reg of p.registers.keys()) {
      const f = fsmOf(model, reg);
      if (f && !out.includes(f)) out.push(f);
    }
  }
  return out;
}

/** The state machine `d` is the state register or the next-state signal of, if any (memoized). */
export function fsmAbout(model: ArchitectureModel, d: Declaration): FsmFacts | null {
  const own = fsmOf(model, d);
  if (own) return own;
  // A next-state signal: copied into a register by a clocked process.
  for (const r of model.accessesOf(d).reads) {
    if (r.statement.kind !== 'process') continue;
    const p = model.process(r.statement.node);
    if (p?.facts.kind !== 'clocked') continue;
    const w = p.info.writes.find((x) => r.name.start >= x.stmt.start && r.name.start < x.stmt.end);
    if (!w || w.decl === d) continue;
    const f = fsmOf(model, w.decl);
    if (f?.next === d.name) return f;
  }
  return null;
}

/** The state machine whose state register is `reg`, or null (memoized). */
export function fsmOf(model: ArchitectureModel, reg: Declaration): FsmFacts | null {
  return model.cached('fsm', reg, () => buildFsm(model, reg));
}

function buildFsm(model: ArchitectureModel, reg: Declaration): FsmFacts | null {
  const names = model.names;
  const file = names.file;
  if (reg.kind !== 'signal' && reg.kind !== 'port') return null;
  const e = enumLiterals(model.ws, names, reg);
  if (!e) return null;
  const p = model.registerProcess(reg);
  const info = p?.registers.get(reg);
  if (!p || !info) return null;
  // Compared in lower case (VHDL is case-insensitive), shown as the type declares them.
  const states = new Set(e.literals.map((l) => l.toLowerCase()));
  const spell = new Map(e.literals.map((l) => [l.toLowerCase(), l]));
  const show = (x: string) => spell.get(x) ?? x;
  // Two-process style: the clocked process copies a next-state signal written by a combinational process.
  let next: Declaration | undefined;
  let source: ProcessAnalysis = p;
  for (const w of p.info.writes) {
    if (w.decl !== reg || w.element) continue;
    const v = stripParens(simpleValue(w.stmt));
    const d = v?.kind === N.SimpleName ? names.object(v) : undefined;
    if (!d || d === reg) continue;
    for (const x of model.writesOf(d)) {
      const q = x.statement.kind === 'process' ? model.process(x.statement.node) : undefined;
      if (q && q !== p && q.facts.kind === 'combinational') {
        next = d;
        source = q;
        break;
      }
    }
  }
  const target = next ?? reg;
  const body = source === p ? p.edgeBody : statementsOf(source.info.node);
  if (!switchesOn(body, reg)) return null;
  const transitions: FsmTransition[] = [];
  const notes: string[] = [];
  walk(body, { from: null, conditions: [] }, reg, target, states, transitions, names, notes);
  for (const t of transitions) {
    t.from = t.from === '*' ? '*' : show(t.from);
    t.to = show(t.to);
  }
  const resetState = info.value && states.has(info.value.toLowerCase()) ? show(info.value.toLowerCase()) : null;
  const reached = new Set<string>(transitions.map((t) => t.to));
  if (resetState) reached.add(resetState);
  return {
    signal: reg.name,
    next: next?.name ?? null,
    style: next ? 'two-process' : 'one-process',
    type: e.type,
    states: e.literals,
    resetState,
    clock: p.facts.clock,
    transitions,
    unreachable: notes.length ? [] : e.literals.filter((s) => !reached.has(s)),
    line: lineOf(file, reg.nameNode.start),
    ...(notes.length ? { uncertain: notes.join('; ') } : {}),
  };
}

/** Whether a case statement or an if condition tests the state signal. */
function switchesOn(body: SyntaxNode[], reg: Declaration): boolean {
  for (const s of body) {
    for (const n of s.descendants(N.CaseStatement, N.IfBranch)) {
      const sel = n.kind === N.CaseStatement ? n.childNodes().find((c) => c.kind !== N.Label && c.kind !== N.CaseStatementAlternative) : conditionOf(n);
      if (!sel) continue;
      if (n.kind === N.CaseStatement ? isName(sel, reg) : [...sel.descendants(N.SimpleName)].some((x) => nameOf(x) === reg.name)) return true;
    }
  }
  return false;
}

function isName(n: SyntaxNode | undefined, d: Declaration): boolean {
  const s = stripParens(n);
  return s?.kind === N.SimpleName && nameOf(s) === d.name;
}

/** `state = IDLE` (either order): the literal. */
function stateTest(cond: SyntaxNode | undefined, reg: Declaration, states: Set<string>): string | undefined {
  const c = stripParens(cond);
  if (c?.kind !== N.BinaryExpression || !c.token(T.Eq)) return undefined;
  const [l, r] = c.childNodes();
  if (isName(l, reg) && r?.kind === N.SimpleName && states.has(nameOf(r) ?? '')) return nameOf(r);
  if (isName(r, reg) && l?.kind === N.SimpleName && states.has(nameOf(l) ?? '')) return nameOf(l);
  return undefined;
}

function walk(stmts: SyntaxNode[], path: Path, reg: Declaration, target: Declaration, states: Set<string>, out: FsmTransition[], names: Names, notes: string[]): void {
  for (const s of stmts) {
    switch (s.kind) {
      case N.CaseStatement: {
        const sel = s.childNodes().find((c) => c.kind !== N.Label && c.kind !== N.CaseStatementAlternative && c.kind !== N.EndClause);
        const alts = s.childNodes(N.CaseStatementAlternative);
        if (isName(sel, reg)) {
          const named = new Set<string>();
          for (const a of alts) for (const n of a.child(N.Choices)?.childNodes(N.SimpleName) ?? []) named.add(nameOf(n) ?? '');
          for (const a of alts) {
            const choices = a.child(N.Choices);
            const from = choices?.token(T.OthersKw)
              ? new Set([...states].filter((x) => !named.has(x)))
              : new Set((choices?.childNodes(N.SimpleName) ?? []).map((n) => nameOf(n) ?? '').filter((x) => states.has(x)));
            const narrowed = path.from ? new Set([...from].filter((x) => path.from!.has(x))) : from;
            walk(statementsOf(a), { from: narrowed, conditions: path.conditions }, reg, target, states, out, names, notes);
          }
        } else {
          const selText = sel ? compact(sel) : '?';
          for (const a of alts) {
            const choices = a.child(N.Choices);
            const cond = choices?.token(T.OthersKw) ? `${selText} = others` : `${selText} = ${choices ? compact(choices) : '?'}`;
            walk(statementsOf(a), { from: path.from, conditions: [...path.conditions, cond] }, reg, target, states, out, names, notes);
          }
        }
        break;
      }
      case N.IfStatement: {
        const negated: string[] = [];
        for (const b of s.childNodes(N.IfBranch)) {
          const cond = conditionOf(b);
          const lit = cond ? stateTest(cond, reg, states) : undefined;
          let from = path.from;
          const conditions = [...path.conditions, ...negated];
          if (lit) from = new Set([lit].filter((x) => !path.from || path.from.has(x)));
          else if (cond) conditions.push(compact(cond));
          walk(statementsOf(b), { from, conditions }, reg, target, states, out, names, notes);
          if (cond && !lit) negated.push(`not (${compact(cond)})`);
        }
        break;
      }
      case N.LoopStatement:
        walk(statementsOf(s), path, reg, target, states, out, names, notes);
        break;
      case N.SimpleSignalAssignment:
      case N.ConditionalSignalAssignment:
        assignment(s, path, reg, target, states, out, names, notes);
        break;
      default:
        break;
    }
  }
}

function assignment(s: SyntaxNode, path: Path, reg: Declaration, target: Declaration, states: Set<string>, out: FsmTransition[], names: Names, notes: string[]): void {
  const t = targetNames(s)[0];
  const nb = t ? nameBase(t) : undefined;
  if (!nb || nb.element || names.object(nb.base) !== target) return;
  const line = lineOf(names.file, s.start);
  const emit = (value: SyntaxNode | undefined, extra: string[]) => {
    const v = stripParens(value);
    const to = v?.kind === N.SimpleName ? nameOf(v) : undefined;
    if (!to || !states.has(to)) {
      // Holding the state (`next <= state`) is no transition; anything else computed is one we cannot list.
      if (v && !(to && (to === reg.name || to === target.name))) notes.push(`line ${line}: the next state \`${compact(v)}\` is computed, so its transitions are not listed`);
      return;
    }
    const conditions = [...path.conditions, ...extra];
    const condition = conditions.join(' and ');
    for (const from of path.from ?? ['*']) out.push({ from, to, condition, line });
  };
  if (s.kind === N.SimpleSignalAssignment) {
    emit(simpleValue(s), []);
    return;
  }
  // `next <= A when c1 else B when c2 else C;`
  const cw = s.child(N.ConditionalWaveforms);
  if (!cw) return;
  const negated: string[] = [];
  let wave: SyntaxNode | undefined;
  for (const c of cw.childNodes()) {
    if (c.kind === N.Waveform) {
      wave = c;
      continue;
    }
    const value = wave?.childNodes(N.WaveformElement)[0]?.childNodes()[0];
    emit(value, [...negated, compact(c)]);
    negated.push(`not (${compact(c)})`);
    wave = undefined;
  }
  if (wave) emit(wave.childNodes(N.WaveformElement)[0]?.childNodes()[0], negated);
}
