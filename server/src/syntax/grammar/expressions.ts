// Expressions (LRM 9): precedence climbing over the VHDL-2008 operators, primaries, aggregates.
import { NodeKind as N } from '../nodeKind';
import { Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { name } from './names';
import { skipTooDeep } from './recovery';
import { subtypeIndicationAfterTypeMark } from './types';

// Binding strength of binary operators; higher binds tighter.
const LOGICAL = 1, RELATIONAL = 2, SHIFT = 3, ADDING = 4, MULTIPLYING = 5, POWER = 6;
const binaryPrecedence = new Uint8Array(256);
for (const k of [T.AndKw, T.OrKw, T.NandKw, T.NorKw, T.XorKw, T.XnorKw]) binaryPrecedence[k] = LOGICAL;
for (const k of [T.Eq, T.SlashEq, T.Lt, T.LtEq, T.Gt, T.GtEq, T.QEq, T.QSlashEq, T.QLt, T.QLtEq, T.QGt, T.QGtEq]) binaryPrecedence[k] = RELATIONAL;
for (const k of [T.SllKw, T.SrlKw, T.SlaKw, T.SraKw, T.RolKw, T.RorKw]) binaryPrecedence[k] = SHIFT;
for (const k of [T.Plus, T.Minus, T.Ampersand]) binaryPrecedence[k] = ADDING;
for (const k of [T.Star, T.Slash, T.ModKw, T.RemKw]) binaryPrecedence[k] = MULTIPLYING;
binaryPrecedence[T.DoubleStar] = POWER;

/** Unary operators of a factor: abs, not, and the VHDL-2008 reduction operators. */
const FACTOR_UNARY = new TokenSet(T.AbsKw, T.NotKw, T.AndKw, T.OrKw, T.NandKw, T.NorKw, T.XorKw, T.XnorKw);

/** Tokens that can start an expression. */
export const EXPRESSION_START = new TokenSet(
  T.Identifier, T.ExtendedIdentifier, T.AbstractLiteral, T.CharacterLiteral, T.StringLiteral,
  T.BitStringLiteral, T.NullKw, T.LParen, T.NewKw, T.LtLt, T.Plus, T.Minus, T.QQ, FACTOR_UNARY,
);

/** Node kinds an expression can have (for consumers looking for "the expression child"). */
export const EXPRESSION_KINDS: readonly N[] = [
  N.BinaryExpression, N.UnaryExpression, N.ParenthesizedExpression, N.Aggregate, N.QualifiedExpression,
  N.Allocator, N.Literal, N.PhysicalLiteral, N.SimpleName, N.SelectedName, N.CallOrIndexName,
  N.AttributeName, N.ExternalName, N.Error,
];

/** expression ::= ?? primary | logical_expression */
export function expression(p: Parser): void {
  if (!p.enter()) {
    skipTooDeep(p);
    return;
  }
  if (p.at(T.QQ)) {
    const m = p.mark();
    p.bump();
    primary(p);
    p.complete(m, N.UnaryExpression);
  } else binary(p, LOGICAL);
  p.leave();
}

/**
 * Operators of strength >= min, left-associative: `a + b - c` is ((a + b) - c), every
 * BinaryExpression has exactly `left op right`. A chain longer than MAX_CHAIN operators (which
 * would nest that deep) keeps its rest as one Error node, so that recursive walkers stay safe.
 */
function binary(p: Parser, min: number): void {
  const m = p.mark();
  unary(p, min <= ADDING);
  let logicalOp: T | undefined;
  let relationalOrShift = 0;
  for (let chain = 0; ; chain++) {
    const op = p.kind;
    const prec = binaryPrecedence[op];
    if (prec === 0 || prec < min) return;
    if (chain === MAX_CHAIN) {
      p.error(`more than ${MAX_CHAIN} operators in a row; the rest of this expression is not analysed`, p.start, p.end, 'syntax/too-deep');
      skipTooDeep(p);
      p.complete(m, N.BinaryExpression);
      return;
    }
    // LRM 9.1: `a and b or c`, `a nand b nand c`, `a = b = c`, `a sll 1 sll 2` need parentheses.
    if (prec === LOGICAL) {
      if (logicalOp !== undefined && (logicalOp !== op || op === T.NandKw || op === T.NorKw)) {
        p.error('mixed or repeated nand/nor logical operators need parentheses: (a and b) or c');
      }
      logicalOp = op;
    } else if (prec === RELATIONAL || prec === SHIFT) {
      if ((relationalOrShift & (1 << prec)) !== 0) p.error(`a second ${prec === RELATIONAL ? 'relational' : 'shift'} operator needs parentheses: ${prec === RELATIONAL ? '(a = b) = c' : '(v sll 1) sll 2'}`);
      relationalOrShift |= 1 << prec;
    }
    p.bump();
    if (prec === POWER) unary(p, false);
    else binary(p, prec + 1);
    p.complete(m, N.BinaryExpression);
  }
}

/** Longest operator chain kept as nested BinaryExpressions (each operator adds a level). */
export const MAX_CHAIN = 1000;

function unary(p: Parser, signAllowed: boolean): void {
  if (p.at(T.Plus) || p.at(T.Minus)) {
    // simple_expression ::= [sign] term ...: the sign covers a whole term, and only starts one.
    if (!signAllowed) p.error("a sign cannot follow this operator; use parentheses: 'a * (-b)'");
    const m = p.mark();
    p.bump();
    if (p.enter()) {
      binary(p, MULTIPLYING);
      p.leave();
    } else skipTooDeep(p);
    p.complete(m, N.UnaryExpression);
  } else if (p.atSet(FACTOR_UNARY)) {
    const m = p.mark();
    p.bump();
    if (p.at(T.Plus) || p.at(T.Minus)) unary(p, false); // `abs -1`: reported, then parsed
    else primary(p);
    p.complete(m, N.UnaryExpression);
  } else primary(p);
}

/**
 * `v := 1` NEWLINE `w := 2;`: with the `;` missing, `1 w` would read as a physical literal. A
 * "unit" on the next line followed by `:=`, `<=` or `:` starts a statement instead.
 */
function unitStartsNextStatement(p: Parser): boolean {
  if (!p.newlineBefore()) return false;
  const k = p.nth(1);
  return k === T.ColonEq || k === T.LtEq || k === T.Colon || k === T.LParen || k === T.Semicolon;
}

export function primary(p: Parser): void {
  switch (p.kind) {
    case T.AbstractLiteral: {
      const m = p.mark();
      p.bump();
      if ((p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) && !unitStartsNextStatement(p)) {
        // 10 ns: a physical literal (no other production puts a name right after a number).
        const u = p.mark();
        p.bump();
        p.complete(u, N.SimpleName);
        p.complete(m, N.PhysicalLiteral);
      } else p.complete(m, N.Literal);
      return;
    }
    case T.StringLiteral: {
      // "and"(a, b) calls an operator by its symbol; otherwise a string literal.
      if (p.nth(1) === T.LParen || p.nth(1) === T.Dot) {
        name(p);
        return;
      }
      const m = p.mark();
      p.bump();
      p.complete(m, N.Literal);
      return;
    }
    case T.CharacterLiteral:
    case T.BitStringLiteral:
    case T.NullKw: {
      const m = p.mark();
      p.bump();
      p.complete(m, N.Literal);
      return;
    }
    case T.Identifier:
    case T.ExtendedIdentifier:
    case T.LtLt:
      name(p);
      return;
    case T.LParen:
      aggregateOrParenthesized(p);
      return;
    case T.NewKw: {
      const m = p.mark();
      p.bump();
      // new subtype_indication | new qualified_expression
      const s = p.mark();
      if (name(p, true)) {
        const last = p.lastNode();
        if (last?.kind !== N.QualifiedExpression && (p.at(T.RangeKw) || p.at(T.LParen))) {
          p.complete(s, N.TypeMark);
          subtypeIndicationAfterTypeMark(p, s);
        }
      } else p.errorMissing('a subtype or qualified expression after \'new\'');
      p.complete(m, N.Allocator);
      return;
    }
    default:
      p.errorMissing('an expression');
  }
}

/**
 * `( expression )` or an aggregate `( [choices =>] expression, ... )`.
 * A lone element without choices is a ParenthesizedExpression.
 */
export function aggregateOrParenthesized(p: Parser): void {
  const m = p.mark();
  p.bump(); // (
  if (!p.enter()) {
    skipTooDeep(p);
    p.eat(T.RParen);
    p.complete(m, N.Aggregate);
    return;
  }
  let elements = 0;
  let named = false;
  for (;;) {
    const e = p.mark();
    const isNamed = elementAssociation(p);
    named ||= isNamed;
    elements++;
    if (elements === 1 && !isNamed && p.at(T.RParen)) {
      p.bump();
      p.leave();
      p.complete(m, N.ParenthesizedExpression);
      return;
    }
    if (!isNamed) p.complete(e, N.ElementAssociation);
    if (!p.eat(T.Comma)) break;
  }
  p.leave();
  p.expect(T.RParen);
  p.complete(m, N.Aggregate);
}

/** element_association ::= [choices =>] expression. Returns whether it had choices (then already wrapped). */
function elementAssociation(p: Parser): boolean {
  const m = p.mark();
  const c = p.mark();
  choice(p);
  if (!p.at(T.Bar) && !p.at(T.Arrow)) return false;
  while (p.eat(T.Bar)) choice(p);
  p.complete(c, N.Choices);
  p.expect(T.Arrow);
  expression(p);
  p.complete(m, N.ElementAssociation);
  return true;
}

/** choice ::= simple_expression | discrete_range | element_simple_name | others */
export function choice(p: Parser): void {
  if (p.eat(T.OthersKw)) return;
  discreteRangeOrExpression(p);
}

/** choices ::= choice { | choice } */
export function choices(p: Parser): void {
  const m = p.mark();
  choice(p);
  while (p.eat(T.Bar)) choice(p);
  p.complete(m, N.Choices);
}

/**
 * An expression, a range `a to b`, or a subtype indication `natural range 0 to 7`:
 * the places where VHDL accepts a discrete range or an expression alike.
 */
export function discreteRangeOrExpression(p: Parser): void {
  const m = p.mark();
  expression(p);
  if (p.at(T.ToKw) || p.at(T.DowntoKw)) {
    p.bump();
    expression(p);
    p.complete(m, N.Range);
  } else if (p.at(T.RangeKw)) {
    p.complete(m, N.TypeMark);
    subtypeIndicationAfterTypeMark(p, m);
  }
}
