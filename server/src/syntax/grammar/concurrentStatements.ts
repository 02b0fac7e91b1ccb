// Concurrent statements (LRM 11): process, block, generate, instantiation, concurrent assignments.
import { NodeKind as N } from '../nodeKind';
import { NodeRef, Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { declarativePart, endClause, definingName, strayEnd } from './declarations';
import { aggregateOrParenthesized, choices, discreteRangeOrExpression, expression } from './expressions';
import { genericClause, genericMapAspect, portClause, portMapAspect } from './interfaces';
import { name } from './names';
import { CASE_ALTERNATIVE_END, DECLARATION_START, HEADER_CLAUSE, IF_BRANCH_END, NOT_CONCURRENT, NO_EXTRA_END, endStatement, recoverUntil, skipStrayToken, skipTooDeep } from './recovery';
import { entityNameAndArchitecture } from './specifications';
import { assertionTail, conditionalWaveforms, delayMechanism, selectedWaveforms, sequentialStatements } from './sequentialStatements';

/** { concurrent_statement }, up to `end`, a unit keyword, or one of `ends` (see sequentialStatements). */
export function concurrentStatements(p: Parser, ends: TokenSet = NO_EXTRA_END): void {
  const m = p.mark();
  for (;;) {
    if (strayEnd(p)) continue;
    if (p.atSet(NOT_CONCURRENT) || p.atSet(ends)) break;
    const before = p.position;
    concurrentStatement(p);
    if (p.position === before) p.bumpError(`unexpected ${p.foundText()}: expected a concurrent statement`);
  }
  p.complete(m, N.ConcurrentStatements);
}

const CONCURRENT_RECOVERY = new TokenSet(
  NOT_CONCURRENT, T.WhenKw, T.ElseKw, T.ElsifKw, T.ProcessKw, T.BlockKw, T.AssertKw, T.WithKw, T.PostponedKw, T.Identifier, T.ExtendedIdentifier,
);

/** Statements that are labelled: `lbl : ...`. */
export function optLabel(p: Parser): NodeRef | undefined {
  if ((p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) && p.nth(1) === T.Colon) {
    const m = p.mark();
    p.bump();
    p.bump();
    p.complete(m, N.Label);
    return p.lastNode();
  }
  return undefined;
}

export function concurrentStatement(p: Parser): void {
  if (!p.enter()) {
    // Nested blocks/generates beyond the bound: keep this statement as one Error node.
    skipTooDeep(p);
    p.eat(T.Semicolon);
    return;
  }
  const m = p.mark();
  const label = optLabel(p);
  const postponed = p.eat(T.PostponedKw);
  switch (p.kind) {
    case T.ProcessKw:
      processStatement(p, m, label);
      break;
    case T.BlockKw:
      blockStatement(p, m, label);
      break;
    case T.AssertKw:
      p.bump();
      assertionTail(p);
      p.complete(m, N.ConcurrentAssertionStatement);
      break;
    case T.ForKw:
      forGenerateStatement(p, m, label);
      break;
    case T.IfKw:
      ifGenerateStatement(p, m, label);
      break;
    case T.CaseKw:
      caseGenerateStatement(p, m, label);
      break;
    case T.WithKw:
      concurrentSelectedSignalAssignment(p, m);
      break;
    default:
      if ((p.at(T.ComponentKw) || p.at(T.EntityKw) || p.at(T.ConfigurationKw)) && label !== undefined && !postponed) {
        componentInstantiation(p, m);
        break;
      }
      if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.LParen) || p.at(T.LtLt) || p.at(T.StringLiteral)) {
        nameStatement(p, m, label !== undefined);
        break;
      }
      if (label === undefined && !postponed) {
        recoverUntil(p, CONCURRENT_RECOVERY, `unexpected ${p.foundText()}: expected a concurrent statement`);
        p.complete(m, N.Error);
      } else {
        p.errorMissing('a statement after the label');
        p.complete(m, N.Error);
      }
  }
  p.leave();
}

/** A statement that starts with a name or aggregate: assignment, procedure call or instantiation. */
function nameStatement(p: Parser, m: number, labelled: boolean): void {
  const t = p.mark();
  if (p.at(T.LParen)) aggregateOrParenthesized(p);
  else name(p);
  const target = p.lastNode();
  switch (p.kind) {
    case T.LtEq:
      p.complete(t, N.Target);
      concurrentSignalAssignmentTail(p, m);
      return;
    case T.GenericKw:
    case T.PortKw:
      p.complete(t, N.InstantiatedUnit);
      instantiationTail(p, m);
      return;
    case T.Semicolon:
      if (labelled && (target?.kind === N.SimpleName || target?.kind === N.SelectedName)) {
        // `u1 : comp;`: an instantiation without maps (a labelled parameterless call reads the same).
        p.complete(t, N.InstantiatedUnit);
        instantiationTail(p, m);
        return;
      }
      p.bump();
      p.complete(m, N.ConcurrentProcedureCallStatement);
      return;
    default:
      endStatement(p);
      p.complete(m, N.ConcurrentProcedureCallStatement);
  }
}

/** target <= [guarded] [delay_mechanism] waveform [when condition else ...] ; */
function concurrentSignalAssignmentTail(p: Parser, m: number): void {
  p.bump(); // <=
  p.eat(T.GuardedKw);
  delayMechanism(p);
  const conditional = conditionalWaveforms(p);
  endStatement(p);
  p.complete(m, conditional ? N.ConcurrentConditionalSignalAssignment : N.ConcurrentSimpleSignalAssignment);
}

/** with expression select [?] target <= [guarded] [delay_mechanism] selected_waveforms ; */
function concurrentSelectedSignalAssignment(p: Parser, m: number): void {
  p.bump(); // with
  expression(p);
  p.expect(T.SelectKw);
  p.eat(T.Question);
  const t = p.mark();
  if (p.at(T.LParen)) aggregateOrParenthesized(p);
  else if (!name(p)) p.errorMissing('a target');
  p.complete(t, N.Target);
  p.expect(T.LtEq);
  p.eat(T.GuardedKw);
  delayMechanism(p);
  selectedWaveforms(p, false);
  endStatement(p);
  p.complete(m, N.ConcurrentSelectedSignalAssignment);
}

/** label : [component] name | entity name [(arch)] | configuration name, then maps. */
function componentInstantiation(p: Parser, m: number): void {
  const u = p.mark();
  if (p.eat(T.ComponentKw)) {
    if (!name(p, false)) p.errorMissing('a component name');
  } else if (p.eat(T.EntityKw)) {
    entityNameAndArchitecture(p);
  } else {
    p.bump(); // configuration
    if (!name(p, false)) p.errorMissing('a configuration name');
  }
  p.complete(u, N.InstantiatedUnit);
  instantiationTail(p, m);
}

function instantiationTail(p: Parser, m: number): void {
  if (p.at(T.GenericKw)) genericMapAspect(p);
  if (p.at(T.PortKw)) portMapAspect(p);
  endStatement(p);
  p.complete(m, N.ComponentInstantiationStatement);
}

/** [postponed] process [( sensitivity_list | all )] [is] declarative_part begin statements end [postponed] process [label] ; */
function processStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.bump(); // process
  p.open(T.ProcessKw);
  if (p.at(T.LParen)) {
    const s = p.mark();
    p.bump();
    if (!p.eat(T.AllKw)) {
      do {
        if (!name(p)) p.errorMissing('a signal name');
      } while (p.eat(T.Comma));
    }
    p.expect(T.RParen);
    p.complete(s, N.SensitivityList);
  }
  p.eat(T.IsKw);
  declarativePart(p);
  p.expect(T.BeginKw);
  sequentialStatements(p);
  endClause(p, [T.PostponedKw, T.ProcessKw], label);
  p.complete(m, N.ProcessStatement);
}

/** block [( guard )] [is] [block_header] declarative_part begin statements end block [label] ; */
function blockStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.bump(); // block
  p.open(T.BlockKw);
  if (p.eat(T.LParen)) {
    expression(p);
    p.expect(T.RParen);
  }
  p.eat(T.IsKw);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.GenericKw) || p.at(T.PortKw)) {
    const h = p.mark();
    if (p.at(T.GenericKw)) {
      genericClause(p);
      skipStrayToken(p, HEADER_CLAUSE);
      if (p.at(T.GenericKw)) {
        genericMapAspect(p);
        endStatement(p);
      }
    }
    skipStrayToken(p, HEADER_CLAUSE);
    if (p.at(T.PortKw)) {
      portClause(p);
      skipStrayToken(p, HEADER_CLAUSE);
      if (p.at(T.PortKw)) {
        portMapAspect(p);
        endStatement(p);
      }
    }
    p.complete(h, N.BlockHeader);
  }
  declarativePart(p);
  p.expect(T.BeginKw);
  concurrentStatements(p);
  endClause(p, [T.BlockKw], label);
  p.complete(m, N.BlockStatement);
}

/** for parameter_specification generate generate_statement_body end generate [label] ; */
function forGenerateStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.bump(); // for
  p.open(T.GenerateKw);
  parameterSpecification(p);
  p.expect(T.GenerateKw);
  generateStatementBody(p, NO_EXTRA_END);
  endClause(p, [T.GenerateKw], label);
  p.complete(m, N.ForGenerateStatement);
}

/** identifier in discrete_range */
export function parameterSpecification(p: Parser): void {
  const m = p.mark();
  definingName(p);
  p.expect(T.InKw);
  discreteRangeOrExpression(p);
  p.complete(m, N.ParameterSpecification);
}

const IF_GENERATE_NEXT = new TokenSet(T.ElsifKw, T.ElseKw, T.EndKw);

/** if [alt:] cond generate body { elsif [alt:] cond generate body } [else [alt:] generate body] end generate ; */
function ifGenerateStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.open(T.GenerateKw);
  do {
    const a = p.mark();
    const isElse = p.at(T.ElseKw);
    p.bump(); // if | elsif | else
    optLabel(p);
    if (!isElse) expression(p);
    p.expect(T.GenerateKw);
    generateStatementBody(p, isElse ? NO_EXTRA_END : IF_BRANCH_END);
    p.complete(a, N.GenerateAlternative);
    skipStrayToken(p, IF_GENERATE_NEXT);
  } while (p.at(T.ElsifKw) || p.at(T.ElseKw));
  endClause(p, [T.GenerateKw], label);
  p.complete(m, N.IfGenerateStatement);
}

const CASE_GENERATE_RECOVERY = new TokenSet(T.WhenKw, T.EndKw, NOT_CONCURRENT);

/** case expression generate { when [alt:] choices => body } end generate ; */
function caseGenerateStatement(p: Parser, m: number, label: NodeRef | undefined): void {
  p.bump(); // case
  p.open(T.GenerateKw);
  expression(p);
  p.expect(T.GenerateKw);
  for (;;) {
    if (!p.at(T.WhenKw)) {
      if (p.at(T.EndKw) || p.atSet(NOT_CONCURRENT)) break;
      recoverUntil(p, CASE_GENERATE_RECOVERY, `unexpected ${p.foundText()}: expected 'when' or 'end generate'`);
      continue;
    }
    const a = p.mark();
    p.bump();
    optLabel(p);
    choices(p);
    p.expect(T.Arrow);
    generateStatementBody(p, CASE_ALTERNATIVE_END);
    p.complete(a, N.GenerateAlternative);
  }
  endClause(p, [T.GenerateKw], label);
  p.complete(m, N.CaseGenerateStatement);
}

/** [declarative_part begin] { concurrent_statement } [end [alternative_label] ;] */
function generateStatementBody(p: Parser, ends: TokenSet): void {
  const m = p.mark();
  if (p.at(T.BeginKw) || (p.atSet(DECLARATION_START) && !(p.at(T.ForKw) && p.nth(2) === T.InKw))) {
    declarativePart(p);
    p.expect(T.BeginKw);
  }
  concurrentStatements(p, ends);
  // `end [alternative_label];` closing one alternative (VHDL-2008), not `end generate` nor `end architecture`.
  const k1 = p.nth(1);
  if (p.at(T.EndKw) && (k1 === T.Semicolon || ((k1 === T.Identifier || k1 === T.ExtendedIdentifier) && p.nth(2) === T.Semicolon))) {
    endClause(p, [], undefined);
  }
  p.complete(m, N.GenerateStatementBody);
}
