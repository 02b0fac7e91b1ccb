// Sequential statements (LRM 10): if, case, loops, wait, assignments, calls, assert/report.
import { NodeKind as N } from '../nodeKind';
import { NodeRef, Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { endClause } from './declarations';
import { aggregateOrParenthesized, choices, expression } from './expressions';
import { name } from './names';
import { CASE_ALTERNATIVE_END, IF_BRANCH_END, NOT_SEQUENTIAL, NO_EXTRA_END, endStatement, recoverUntil, skipTooDeep } from './recovery';
import { optLabel, parameterSpecification } from './concurrentStatements';

/**
 * { sequential_statement }, up to `end`, a token no sequential statement has, or one of `ends`
 * (`elsif`/`else` in an if branch, `when` in a case alternative).
 */
export function sequentialStatements(p: Parser, ends: TokenSet = NO_EXTRA_END): void {
  const m = p.mark();
  while (!p.atSet(NOT_SEQUENTIAL) && !p.atSet(ends) && !labelledConcurrentOnly(p)) {
    const before = p.position;
    sequentialStatement(p);
    if (p.position === before) p.bumpError(`unexpected ${p.foundText()}: expected a sequential statement`);
  }
  p.complete(m, N.SequentialStatements);
}

/** `lbl : process` / `lbl : block`: a concurrent statement, so a sequence ends (a missing `end`). */
function labelledConcurrentOnly(p: Parser): boolean {
  if (p.nth(1) !== T.Colon || !(p.at(T.Identifier) || p.at(T.ExtendedIdentifier))) return false;
  const k = p.nth(2);
  if (k === T.ProcessKw || k === T.BlockKw || k === T.PostponedKw || k === T.EntityKw || k === T.ComponentKw) return true;
  // `u1 : comp port map (...)`: an instantiation.
  const k3 = p.nth(3);
  return k === T.Identifier && (k3 === T.PortKw || k3 === T.GenericKw);
}

const SEQUENTIAL_RECOVERY = new TokenSet(
  NOT_SEQUENTIAL, T.WhenKw, T.ElseKw, T.ElsifKw, T.WithKw, T.IfKw, T.CaseKw, T.LoopKw, T.WhileKw, T.ForKw, T.NextKw, T.ExitKw, T.ReturnKw,
  T.NullKw, T.WaitKw, T.AssertKw, T.ReportKw, T.Identifier, T.ExtendedIdentifier,
);

export function sequentialStatement(p: Parser): void {
  if (!p.enter()) {
    skipTooDeep(p);
    p.eat(T.Semicolon);
    return;
  }
  const m = p.mark();
  const label = optLabel(p);
  switch (p.kind) {
    case T.IfKw:
      ifStatement(p, m, label);
      break;
    case T.CaseKw:
      caseStatement(p, m, label);
      break;
    case T.WhileKw:
    case T.ForKw:
    case T.LoopKw:
      loopStatement(p, m, label);
      break;
    case T.NextKw:
    case T.ExitKw: {
      const kind = p.at(T.NextKw) ? N.NextStatement : N.ExitStatement;
      p.bump();
      if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
        const n = p.mark();
        p.bump();
        p.complete(n, N.SimpleName);
      }
      if (p.eat(T.WhenKw)) expression(p);
      endStatement(p);
      p.complete(m, kind);
      break;
    }
    case T.ReturnKw:
      p.bump();
      if (!p.at(T.Semicolon)) expression(p);
      endStatement(p);
      p.complete(m, N.ReturnStatement);
      break;
    case T.NullKw:
      p.bump();
      endStatement(p);
      p.complete(m, N.NullStatement);
      break;
    case T.WaitKw:
      waitStatement(p, m);
      break;
    case T.AssertKw:
      p.bump();
      assertionTail(p);
      p.complete(m, N.AssertionStatement);
      break;
    case T.ReportKw:
      p.bump();
      expression(p);
      if (p.eat(T.SeverityKw)) expression(p);
      endStatement(p);
      p.complete(m, N.ReportStatement);
      break;
    case T.WithKw:
      selectedAssignment(p, m);
      break;
    case T.Identifier:
    case T.ExtendedIdentifier:
    case T.LParen:
    case T.LtLt:
    case T.StringLiteral:
      nameStatement(p, m);
      break;
    default:
      if (label !== undefined) p.errorMissing('a statement after the label');
      else recoverUntil(p, SEQUENTIAL_RECOVERY, `unexpected ${p.foundText()}: expected a sequential statement`);
      p.complete(m, N.Error);
  }
  p.leave();
}

/** condition [report expression] [severity expression] ; (after `assert`) */
export function assertionTail(p: Parser): void {
  expression(p);
  if (p.eat(T.ReportKw)) expression(p);
  if (p.eat(T.SeverityKw)) expression(p);
  endStatement(p);
}

/** Assignments and procedure calls: they start with a name or an aggregate. */
function nameStatement(p: Parser, m: number): void {
  const t = p.mark();
  if (p.at(T.LParen)) aggregateOrParenthesized(p);
  else name(p);
  switch (p.kind) {
    case T.LtEq:
      p.complete(t, N.Target);
      p.bump();
      if (p.at(T.ForceKw)) {
        p.bump();
        if (p.at(T.InKw) || p.at(T.OutKw)) p.bump();
        conditionalExpressions(p);
        endStatement(p);
        p.complete(m, N.SimpleForceAssignment);
      } else if (p.at(T.ReleaseKw)) {
        p.bump();
        if (p.at(T.InKw) || p.at(T.OutKw)) p.bump();
        endStatement(p);
        p.complete(m, N.SimpleReleaseAssignment);
      } else {
        delayMechanism(p);
        const conditional = conditionalWaveforms(p);
        endStatement(p);
        p.complete(m, conditional ? N.ConditionalSignalAssignment : N.SimpleSignalAssignment);
      }
      return;
    case T.ColonEq: {
      p.complete(t, N.Target);
      p.bump();
      const conditional = conditionalExpressions(p);
      endStatement(p);
      p.complete(m, conditional ? N.ConditionalVariableAssignment : N.VariableAssignment);
      return;
    }
    default:
      endStatement(p);
      p.complete(m, N.ProcedureCallStatement);
  }
}

/** expression [when condition else expression ...]; returns whether it had conditions. */
function conditionalExpressions(p: Parser): boolean {
  const c = p.mark();
  expression(p);
  if (!p.at(T.WhenKw)) return false;
  while (p.eat(T.WhenKw)) {
    expression(p);
    if (!p.eat(T.ElseKw)) break;
    expression(p);
  }
  p.complete(c, N.ConditionalWaveforms);
  return true;
}

/** waveform [when condition else waveform ...]; returns whether it had conditions. */
export function conditionalWaveforms(p: Parser): boolean {
  const c = p.mark();
  waveform(p);
  if (!p.at(T.WhenKw)) return false;
  while (p.eat(T.WhenKw)) {
    expression(p);
    if (!p.eat(T.ElseKw)) break;
    waveform(p);
  }
  p.complete(c, N.ConditionalWaveforms);
  return true;
}

/** waveform ::= waveform_element { , waveform_element } | unaffected */
export function waveform(p: Parser): void {
  const m = p.mark();
  if (!p.eat(T.UnaffectedKw)) {
    do {
      const e = p.mark();
      expression(p);
      if (p.eat(T.AfterKw)) expression(p);
      p.complete(e, N.WaveformElement);
    } while (p.eat(T.Comma));
  }
  p.complete(m, N.Waveform);
}

/** delay_mechanism ::= transport | [reject time_expression] inertial */
export function delayMechanism(p: Parser): void {
  if (!p.at(T.TransportKw) && !p.at(T.RejectKw) && !p.at(T.InertialKw)) return;
  const m = p.mark();
  if (!p.eat(T.TransportKw)) {
    if (p.eat(T.RejectKw)) expression(p);
    p.expect(T.InertialKw);
  }
  p.complete(m, N.DelayMechanism);
}

/** waveform when choices { , waveform when choices } (expressions instead of waveforms for variables) */
export function selectedWaveforms(p: Parser, variable: boolean): void {
  const m = p.mark();
  do {
    const s = p.mark();
    if (variable) expression(p);
    else waveform(p);
    p.expect(T.WhenKw);
    choices(p);
    p.complete(s, N.SelectedWaveform);
  } while (p.eat(T.Comma));
  p.complete(m, N.SelectedWaveforms);
}

/** with expression select [?] target <= | := ... ; (VHDL-2008 sequential selected assignment) */
function selectedAssignment(p: Parser, m: number): void {
  p.bump(); // with
  expression(p);
  p.expect(T.SelectKw);
  p.eat(T.Question);
  const t = p.mark();
  if (p.at(T.LParen)) aggregateOrParenthesized(p);
  else if (!name(p)) p.errorMissing('a target');
  p.complete(t, N.Target);
  const variable = p.at(T.ColonEq);
  if (variable) p.bump();
  else {
    p.expect(T.LtEq);
    if (p.at(T.ForceKw)) {
      p.bump();
      if (p.at(T.InKw) || p.at(T.OutKw)) p.bump();
    } else delayMechanism(p);
  }
  selectedWaveforms(p, variable);
  endStatement(p);
  p.complete(m, variable ? N.SelectedVariableAssignment : N.SelectedSignalAssignment);
}

/** if condition then stmts { elsif condition then stmts } [else stmts] end if [label] ; */
function ifStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.open(T.IfKw);
  do {
    const b = p.mark();
    const isElse = p.at(T.ElseKw);
    p.bump(); // if | elsif | else
    if (!isElse) {
      expression(p);
      p.expect(T.ThenKw);
    }
    sequentialStatements(p, isElse ? NO_EXTRA_END : IF_BRANCH_END);
    p.complete(b, N.IfBranch);
    if (isElse) break;
  } while (p.at(T.ElsifKw) || p.at(T.ElseKw));
  endClause(p, [T.IfKw], label);
  p.complete(m, N.IfStatement);
}

const CASE_RECOVERY = new TokenSet(T.WhenKw, T.EndKw, NOT_SEQUENTIAL);

/** case [?] expression is { when choices => stmts } end case [?] [label] ; */
function caseStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.bump(); // case
  p.open(T.CaseKw);
  p.eat(T.Question);
  expression(p);
  p.expect(T.IsKw);
  for (;;) {
    if (!p.at(T.WhenKw)) {
      if (p.at(T.EndKw) || p.atEof() || p.atSet(NOT_SEQUENTIAL)) break;
      recoverUntil(p, CASE_RECOVERY, `unexpected ${p.foundText()}: expected 'when' or 'end case'`);
      continue;
    }
    const a = p.mark();
    p.bump();
    choices(p);
    p.expect(T.Arrow);
    sequentialStatements(p, CASE_ALTERNATIVE_END);
    p.complete(a, N.CaseStatementAlternative);
  }
  endClause(p, [T.CaseKw, T.Question], label);
  p.complete(m, N.CaseStatement);
}

/** [while condition | for parameter_specification] loop stmts end loop [label] ; */
function loopStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.open(T.LoopKw);
  if (p.at(T.WhileKw)) {
    const s = p.mark();
    p.bump();
    expression(p);
    p.complete(s, N.WhileScheme);
  } else if (p.at(T.ForKw)) {
    const s = p.mark();
    p.bump();
    parameterSpecification(p);
    p.complete(s, N.ForScheme);
  }
  p.expect(T.LoopKw);
  sequentialStatements(p);
  endClause(p, [T.LoopKw], label);
  p.complete(m, N.LoopStatement);
}

/** wait [on names] [until condition] [for time] ; */
function waitStatement(p: Parser, m: number): void {
  p.bump(); // wait
  if (p.at(T.OnKw)) {
    const s = p.mark();
    p.bump();
    do {
      if (!name(p)) p.errorMissing('a signal name');
    } while (p.eat(T.Comma));
    p.complete(s, N.SensitivityClause);
  }
  if (p.at(T.UntilKw)) {
    const s = p.mark();
    p.bump();
    expression(p);
    p.complete(s, N.ConditionClause);
  }
  if (p.at(T.ForKw)) {
    const s = p.mark();
    p.bump();
    expression(p);
    p.complete(s, N.TimeoutClause);
  }
  endStatement(p);
  p.complete(m, N.WaitStatement);
}
