// State machines: registered enumeration signals (or enumeration fields of record registers) switched
// on by case/if, with their transitions.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import type { ArchitectureModel } from './model';
import type { Declaration, Scope } from '../scopes';
import { unitScope } from '../resolve';
import type { Workspace } from '../workspace';
import { Names, type Write } from './collect';
import { calledProcedure, callParts, pairArguments } from './procedures';
import type { ProcessAnalysis } from './processes';
import { fieldOfElement, fieldResets, fieldValue, namesField, type RecordField, recordFields } from './records';
import { compact, conditionOf, lineOf, nameBase, simpleValue, statementsOf, stripParens, targetNames } from './text';
import { enumLiterals } from './typeInfo';
import type { FsmFacts, FsmTransition } from './types';

interface Path {
  /** States the path can be in; null: any. */
  from: Set<string> | null;
  conditions: string[];
}

/** What the walk over a state machine's process needs to know. */
interface Ctx {
  ws: Workspace;
  names: Names;
  /** The record field holding the state (`state` of `r.state`), or undefined for a whole enumeration object. */
  field: string | undefined;
  fields: RecordField[];
  /** Objects whose (field) value the case/if tests: the register, and variables that copy the next state. */
  selectors: Declaration[];
  /** Objects an assignment to which sets the next state: the register or next-state signal, and those variables. */
  holders: Declaration[];
  states: Set<string>;
  out: FsmTransition[];
  notes: string[];
  /** The writes of the process walked (to see those made through procedure calls). */
  writes: Write[];
  /** Inside a procedure body followed from a call: the call's line, where its transitions are reported. */
  callLine?: number;
  /** Inside that body: the parameters whose actual is a selector or holder, each mapped to it. */
  formals?: Map<Declaration, Declaration>;
  /** Inside that body: the `in` parameters whose actual is a plain name (a state literal, say), each mapped to it. */
  values?: Map<Declaration, SyntaxNode>;
}

/** Whether `n` names `d` (its state field, or the whole of it when `field` is undefined), a parameter standing for it included. */
function denotes(ctx: Ctx, n: SyntaxNode | undefined, d: Declaration, field: string | undefined): boolean {
  return namesField(ctx.names, n, d, field, ctx.formals);
}

/** Every state machine of the model: one per registered enumeration signal (or enumeration field of a record register) switched on by case/if. */
export function allFsms(model: ArchitectureModel, processes: ProcessAnalysis[]): FsmFacts[] {
  const out: FsmFacts[] = [];
  for (const p of processes) {
    if (p.facts.kind !== 'clocked') continue;
    for (const reg of p.registers.keys()) for (const f of fsmsOf(model, reg)) if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** The state machines of a register: on the whole object, else on each enumeration field of its record type (memoized). */
export function fsmsOf(model: ArchitectureModel, reg: Declaration): FsmFacts[] {
  return model.cached('fsms', reg, () => {
    const whole = fsmOf(model, reg);
    if (whole) return [whole];
    if (reg.kind !== 'signal' && reg.kind !== 'port') return [];
    const out: FsmFacts[] = [];
    for (const f of recordFields(model.ws, model.names, reg) ?? []) {
      const x = fsmOf(model, reg, f.name);
      if (x) out.push(x);
    }
    return out;
  });
}

/**
 * The state machine `d` (or its record field `field`) is the state register or the next-state
 * signal of, if any (memoized). Without a field, a record's first state-machine field counts.
 */
export function fsmAbout(model: ArchitectureModel, d: Declaration, field?: string): FsmFacts | null {
  const own = field ? fsmOf(model, d, field) : (fsmsOf(model, d)[0] ?? null);
  if (own) return own;
  const wanted = field ? `${d.name}.${field}` : d.name;
  // A next-state signal: copied into a register by a clocked process.
  for (const r of model.accessesOf(d).reads) {
    if (r.statement.kind !== 'process') continue;
    const p = model.process(r.statement.node);
    if (p?.facts.kind !== 'clocked') continue;
    const w = p.info.writes.find((x) => r.name.start >= x.stmt.start && r.name.start < x.stmt.end);
    if (!w || w.decl === d) continue;
    for (const f of fsmsOf(model, w.decl)) if (f.next === wanted || (!field && f.next?.startsWith(`${d.name}.`))) return f;
  }
  return null;
}

/** The state machine whose state register is `reg` (or its record field `field`), or null (memoized). */
export function fsmOf(model: ArchitectureModel, reg: Declaration, field?: string): FsmFacts | null {
  return model.cached(field ? `fsm.${field}` : 'fsm', reg, () => buildFsm(model, reg, field));
}

function buildFsm(model: ArchitectureModel, reg: Declaration, field: string | undefined): FsmFacts | null {
  const names = model.names;
  const file = names.file;
  if (reg.kind !== 'signal' && reg.kind !== 'port') return null;
  const fields = field ? (recordFields(model.ws, names, reg) ?? []) : [];
  const fieldDecl = field ? fields.find((f) => f.name === field)?.decl : undefined;
  if (field && !fieldDecl) return null;
  const e = enumLiterals(model.ws, names, fieldDecl ?? reg);
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
    if (w.decl !== reg || w.element || w.via) continue;
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
  // Variables that carry the next state inside the process (`v := r; ... rin <= v;`, or `r <= v` in one process).
  const ctx: Ctx = { ws: model.ws, names, field, fields, selectors: [reg], holders: [target], states, out: [], notes: [], writes: source.info.writes };
  for (const w of source.info.writes) {
    if (w.decl !== target || w.element || w.via) continue;
    const v = stripParens(simpleValue(w.stmt));
    const d = v?.kind === N.SimpleName ? names.object(v) : undefined;
    if (d?.kind === 'variable' && !ctx.holders.includes(d)) {
      ctx.holders.push(d);
      ctx.selectors.push(d);
    }
  }
  if (!switchesOn(body, ctx)) return null;
  walk(body, { from: null, conditions: [] }, ctx);
  // Half-written processes: what is seen is listed, but nothing is claimed unreachable.
  for (const q of source === p ? [p] : [source, p]) {
    const node = q.info.node;
    const diag = file.syntaxDiagnostics.find((x) => x.start >= node.start && x.start <= node.end);
    if (diag) ctx.notes.push(`line ${lineOf(file, diag.start)}: a syntax error in the process, so transitions may be missing`);
  }
  const transitions = ctx.out;
  const notes = ctx.notes;
  for (const t of transitions) {
    t.from = t.from === '*' ? '*' : show(t.from);
    t.to = show(t.to);
  }
  const resetText = field ? (fieldResets(names, reg, fields, p.resetBranch, p.info.writes).get(field) ?? null) : info.value;
  const resetState = resetText && states.has(resetText.toLowerCase()) ? show(resetText.toLowerCase()) : null;
  const reached = new Set<string>(transitions.map((t) => t.to));
  if (resetState) reached.add(resetState);
  return {
    signal: field ? `${reg.name}.${field}` : reg.name,
    next: next ? (field ? `${next.name}.${field}` : next.name) : null,
    style: next ? 'two-process' : 'one-process',
    type: e.type,
    states: e.literals,
    resetState,
    clock: p.facts.clock,
    transitions,
    unreachable: notes.length ? [] : e.literals.filter((s) => !reached.has(s)),
    line: lineOf(file, reg.nameNode.start),
    ...(notes.length ? { uncertain: [...new Set(notes)].join('; ') } : {}),
  };
}

/** Whether `n` is the state as tested: a selector object (or its state field). */
function isState(n: SyntaxNode | undefined, ctx: Ctx): boolean {
  return ctx.selectors.some((d) => denotes(ctx, n, d, ctx.field));
}

/** Whether a case statement or an if condition tests the state. */
function switchesOn(body: SyntaxNode[], ctx: Ctx): boolean {
  for (const s of body) {
    for (const n of s.descendants(N.CaseStatement, N.IfBranch)) {
      const sel = n.kind === N.CaseStatement ? n.childNodes().find((c) => c.kind !== N.Label && c.kind !== N.CaseStatementAlternative) : conditionOf(n);
      if (!sel) continue;
      if (n.kind === N.CaseStatement) {
        if (isState(sel, ctx)) return true;
      } else if ([...sel.descendants(N.SimpleName)].some((x) => isState(ctx.field ? x.parent : x, ctx))) return true;
    }
  }
  return false;
}

/** `state = IDLE` (either order): the literal. */
function stateTest(cond: SyntaxNode | undefined, ctx: Ctx): string | undefined {
  const c = stripParens(cond);
  if (c?.kind !== N.BinaryExpression || !c.token(T.Eq)) return undefined;
  const [l, r] = c.childNodes();
  if (isState(l, ctx) && r?.kind === N.SimpleName && ctx.states.has(nameOf(r) ?? '')) return nameOf(r);
  if (isState(r, ctx) && l?.kind === N.SimpleName && ctx.states.has(nameOf(l) ?? '')) return nameOf(l);
  return undefined;
}

function walk(stmts: SyntaxNode[], path: Path, ctx: Ctx): void {
  const states = ctx.states;
  for (const s of stmts) {
    switch (s.kind) {
      case N.CaseStatement: {
        const sel = s.childNodes().find((c) => c.kind !== N.Label && c.kind !== N.CaseStatementAlternative && c.kind !== N.EndClause);
        const alts = s.childNodes(N.CaseStatementAlternative);
        if (isState(sel, ctx)) {
          const named = new Set<string>();
          for (const a of alts) for (const n of a.child(N.Choices)?.childNodes(N.SimpleName) ?? []) named.add(nameOf(n) ?? '');
          for (const a of alts) {
            const choices = a.child(N.Choices);
            const from = choices?.token(T.OthersKw)
              ? new Set([...states].filter((x) => !named.has(x)))
              : new Set((choices?.childNodes(N.SimpleName) ?? []).map((n) => nameOf(n) ?? '').filter((x) => states.has(x)));
            const narrowed = path.from ? new Set([...from].filter((x) => path.from!.has(x))) : from;
            walk(statementsOf(a), { from: narrowed, conditions: path.conditions }, ctx);
          }
        } else {
          const selText = sel ? compact(sel) : '?';
          for (const a of alts) {
            const choices = a.child(N.Choices);
            const cond = choices?.token(T.OthersKw) ? `${selText} = others` : `${selText} = ${choices ? compact(choices) : '?'}`;
            walk(statementsOf(a), { from: path.from, conditions: [...path.conditions, cond] }, ctx);
          }
        }
        break;
      }
      case N.IfStatement: {
        // Earlier branches not taken: `not (c)`, dropped where the state tested cannot be the one this branch is in.
        const negated: { lit: string | undefined; text: string; rest: string | undefined }[] = [];
        for (const b of s.childNodes(N.IfBranch)) {
          const cond = conditionOf(b);
          const { lit, rest } = cond ? splitStateTest(cond, ctx) : { lit: undefined, rest: undefined };
          let from = path.from;
          if (lit) from = new Set([lit].filter((x) => !path.from || path.from.has(x)));
          const conditions = [...path.conditions];
          for (const n of negated) {
            if (n.lit && from && !from.has(n.lit)) continue;
            conditions.push(n.lit && from?.size === 1 && n.rest ? `not (${n.rest})` : `not (${n.text})`);
          }
          if (rest) conditions.push(compact(rest));
          else if (cond && !lit) conditions.push(compact(cond));
          walk(statementsOf(b), { from, conditions }, ctx);
          // A plain state test needs no negation: the later branches' own state tests say where they are.
          if (cond && !(lit && !rest)) negated.push({ lit, text: compact(cond), rest: rest ? compact(rest) : undefined });
        }
        break;
      }
      case N.LoopStatement:
        walk(statementsOf(s), path, ctx);
        break;
      case N.SimpleSignalAssignment:
      case N.ConditionalSignalAssignment:
      case N.VariableAssignment:
        assignment(s, path, ctx);
        break;
      case N.ProcedureCallStatement: {
        const w = ctx.writes.find((x) => x.stmt.start >= s.start && x.stmt.end <= s.end && x.via && ctx.holders.includes(x.decl) && (!ctx.field || !x.element || fieldOfElement(x.element) === ctx.field));
        if (!w) break;
        const call = s.childNodes().find((c) => c.kind !== N.Label);
        const before = ctx.out.length;
        const noted = ctx.notes.length;
        // Followed: its transitions, or what it says about those it cannot list.
        if (call && ctx.callLine === undefined && followCall(s, call, w, path, ctx) && (ctx.out.length > before || ctx.notes.length > noted)) break;
        // A transition we do not follow, said rather than missed.
        ctx.notes.push(`line ${lineOf(ctx.names.file, s.start)}: the state is set inside procedure \`${w.via}\`, so its transitions are not listed`);
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Walks the body of a procedure that a call statement `s` makes, on the call's path, its transitions
 * reported at the call's line: a procedure declared in the architecture that assigns the state by
 * name, or one declared there or in a package (its body then read with the package body's names)
 * that sets it through `out`/`inout` parameters whose actuals are the state (`set_idle(state)`; the
 * parameter then stands for the state inside the body). Not through a further call. Returns whether
 * the body was walked.
 */
function followCall(s: SyntaxNode, call: SyntaxNode, w: Write, path: Path, ctx: Ctx): boolean {
  const { nameNode, args } = callParts(call);
  const called = calledProcedure(ctx.ws, ctx.names, nameNode);
  const body = called?.body;
  if (!body || w.via!.includes('→')) return false;
  const inner: Ctx = { ...ctx, callLine: lineOf(ctx.names.file, s.start) };
  const pb = called.packageBody;
  if (w.source) {
    if (pb || w.source.start < body.start || w.source.end > body.end) return false;
  } else {
    const bodyNames = pb ? new Names(pb.body.file, unitScope(pb.body), pb.pkg, ctx.ws) : ctx.names;
    inner.names = bodyNames;
    const region = regionOf(bodyNames, body);
    const formals = new Map<Declaration, Declaration>();
    for (const { item, actual } of pairArguments(args, called.params)) {
      if (!item || (item.mode !== 'out' && item.mode !== 'inout')) continue;
      const nb = nameBase(stripParens(actual) ?? actual);
      const obj = nb && nb.element === undefined ? ctx.names.object(nb.base) : undefined;
      const formal = region?.decls.get(item.name)?.find((d) => d.kind === 'parameter');
      if (obj && formal && (ctx.holders.includes(obj) || ctx.selectors.includes(obj))) formals.set(formal, obj);
    }
    if (!formals.size) return false;
    inner.formals = formals;
    const values = new Map<Declaration, SyntaxNode>();
    for (const { item, actual } of pairArguments(args, called.params)) {
      const v = stripParens(actual);
      const formal = item && (item.mode === 'in' || !item.mode) ? region?.decls.get(item.name)?.find((d) => d.kind === 'parameter') : undefined;
      if (formal && v?.kind === N.SimpleName) values.set(formal, v);
    }
    inner.values = values;
  }
  walk(statementsOf(body), path, inner);
  return true;
}

/** The region a subprogram body opens (its parameters and declarations). */
function regionOf(names: Names, body: SyntaxNode): Scope | undefined {
  const inside = body.child(N.SequentialStatements) ?? body.child(N.DeclarativePart);
  if (!inside) return undefined;
  for (let r: Scope | undefined = names.file.scopes.scopeAt(inside.start); r; r = r.parent) if (r.node === body) return r;
  return undefined;
}

/**
 * A branch condition as a state test and the rest: `state = IDLE` gives the literal alone;
 * `state = IDLE and start = '1'` gives the literal and `start = '1'`; anything else neither.
 */
function splitStateTest(cond: SyntaxNode, ctx: Ctx): { lit: string | undefined; rest: SyntaxNode | undefined } {
  const lit = stateTest(cond, ctx);
  if (lit) return { lit, rest: undefined };
  const c = stripParens(cond);
  if (c?.kind === N.BinaryExpression && c.token(T.AndKw)) {
    const [l, r] = c.childNodes();
    const ll = stateTest(l, ctx);
    if (ll && r) return { lit: ll, rest: r };
    const rl = stateTest(r, ctx);
    if (rl && l) return { lit: rl, rest: l };
  }
  return { lit: undefined, rest: undefined };
}

function assignment(s: SyntaxNode, path: Path, ctx: Ctx): void {
  const { names, field } = ctx;
  const t = targetNames(s)[0];
  if (!t) return;
  const toField = ctx.holders.some((d) => denotes(ctx, t, d, field));
  // A record field state machine: a whole-record assignment sets the field too.
  const toRecord = !toField && field !== undefined && ctx.holders.some((d) => denotes(ctx, t, d, undefined));
  if (!toField && !toRecord) return;
  const line = ctx.callLine ?? lineOf(names.file, s.start);
  const holding = (v: SyntaxNode, f: string | undefined) => [...ctx.selectors, ...ctx.holders].some((d) => denotes(ctx, v, d, f));
  const emit = (value: SyntaxNode | undefined, extra: string[]) => {
    let v = stripParens(value);
    if (!v) return; // a half-written assignment: the process's syntax error is noted
    // A parameter given a plain name by the call (`hold(state, FAIL)`): that name.
    if (v.kind === N.SimpleName && ctx.values?.size) v = ctx.values.get(names.lookup(v)!) ?? v;
    if (toRecord) {
      // A copy of the register or of a variable holding it keeps the state; an aggregate or constant record names it.
      if (holding(v, undefined)) return;
      const fv = fieldValue(names, v, field!, ctx.fields);
      if (!fv) {
        ctx.notes.push(`line ${line}: \`${compact(t)}\` is given a computed record \`${compact(v)}\`, so its transitions are not listed`);
        return;
      }
      v = stripParens(fv);
      if (!v) return;
    }
    const to = v.kind === N.SimpleName ? nameOf(v) : undefined;
    if (!to || !ctx.states.has(to)) {
      // Holding the state (`next <= state`) is no transition; anything else computed is one we cannot list.
      if (!holding(v, field)) ctx.notes.push(`line ${line}: the next state \`${compact(v)}\` is computed, so its transitions are not listed`);
      return;
    }
    const conditions = [...path.conditions, ...extra];
    const condition = conditions.join(' and ');
    for (const from of path.from ?? ['*']) ctx.out.push({ from, to, condition, line });
  };
  if (s.kind === N.SimpleSignalAssignment || s.kind === N.VariableAssignment) {
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
