// Names (LRM 8): simple, selected, indexed/slice/call (undecided), attribute and external names.
import { NodeKind as N } from '../nodeKind';
import { MAX_DEPTH, Parser, TokenSet } from '../parser';
import { skipTooDeep } from './recovery';
import { TokenKind as T, isKeyword } from '../tokenKind';
import { associationList } from './interfaces';
import { aggregateOrParenthesized } from './expressions';
import { subtypeIndication } from './types';

export const NAME_START = new TokenSet(T.Identifier, T.ExtendedIdentifier, T.StringLiteral, T.LtLt);

/**
 * name ::= prefix { . suffix | ( associations ) | [signature] ' attribute | ' ( expression ) }
 * Returns false (consuming nothing) when the current token cannot start a name. With `allowCall`
 * false, `(...)` suffixes are left alone (type marks, where `(` starts a constraint).
 */
export function name(p: Parser, allowCall = true): boolean {
  const m = p.mark();
  if (p.at(T.LtLt)) externalName(p);
  else if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.StringLiteral) || p.at(T.CharacterLiteral)) {
    p.bump();
    p.complete(m, N.SimpleName);
  } else return false;
  nameSuffixes(p, m, allowCall);
  return true;
}

/** Suffixes after a prefix that starts at mark `m`. */
export function nameSuffixes(p: Parser, m: number, allowCall: boolean): void {
  for (let suffixes = 0; ; suffixes++) {
    if (suffixes === MAX_DEPTH) {
      // `a.b.c...` or `a(1)(2)...` thousands deep: keep the rest flat rather than nest further.
      skipTooDeep(p);
      p.complete(m, N.Error);
      return;
    }
    switch (p.kind) {
      case T.Dot: {
        p.bump();
        if (p.at(T.AllKw)) p.bump();
        else if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.CharacterLiteral) || p.at(T.StringLiteral)) {
          const s = p.mark();
          p.bump();
          p.complete(s, N.SimpleName);
        } else p.errorMissing('a name after \'.\'');
        p.complete(m, N.SelectedName);
        continue;
      }
      case T.LParen:
        if (!allowCall) return;
        associationList(p);
        p.complete(m, N.CallOrIndexName);
        continue;
      case T.LBracket:
        // `name[sig]'attr`; otherwise the signature belongs to the caller (an alias, an attribute spec).
        if (!tickAfterSignature(p)) return;
        signature(p);
        if (!p.at(T.Tick)) {
          p.complete(m, N.AttributeName);
          p.errorMissing("''' and an attribute name after a signature");
          return;
        }
        attributeSuffix(p, m);
        continue;
      case T.Tick:
        if (p.nth(1) === T.LParen) {
          // Qualified expression: type_mark'(expression) or type_mark'aggregate.
          p.bump();
          aggregateOrParenthesized(p);
          p.complete(m, N.QualifiedExpression);
          return;
        }
        attributeSuffix(p, m);
        continue;
      default:
        return;
    }
  }
}

function attributeSuffix(p: Parser, m: number): void {
  p.bump(); // '
  const k = p.kind;
  if (k === T.Identifier || k === T.ExtendedIdentifier) {
    const s = p.mark();
    p.bump();
    p.complete(s, N.SimpleName);
  } else if (isKeyword(k)) p.bump(); // 'range, 'subtype, 'element ...
  else p.errorMissing('an attribute name');
  p.complete(m, N.AttributeName);
}

/** signature ::= [ [type_mark {, type_mark}] [return type_mark] ] */
export function signature(p: Parser): void {
  const m = p.mark();
  p.bump(); // [
  if (!p.at(T.RBracket) && !p.at(T.ReturnKw)) {
    typeMark(p);
    while (p.eat(T.Comma)) typeMark(p);
  }
  if (p.eat(T.ReturnKw)) typeMark(p);
  p.expect(T.RBracket);
  p.complete(m, N.Signature);
}

/** type_mark ::= type_name | subtype_name (a name without call suffixes, attributes allowed). */
export function typeMark(p: Parser): void {
  const m = p.mark();
  if (!name(p, false)) p.errorMissing('a type name');
  p.complete(m, N.TypeMark);
}

/** external_name ::= << constant|signal|variable external_pathname : subtype_indication >> */
function externalName(p: Parser): void {
  const m = p.mark();
  p.bump(); // <<
  if (p.at(T.ConstantKw) || p.at(T.SignalKw) || p.at(T.VariableKw)) p.bump();
  else p.errorMissing("'constant', 'signal' or 'variable'");
  // Pathname: .a.b.c, ^.^.x, @lib.pkg.x or a.b, with (index) after generate labels.
  const pm = p.mark();
  let depth = 0;
  while (!p.atEof() && !p.at(T.GtGt) && !p.at(T.Semicolon) && !(depth === 0 && p.at(T.Colon))) {
    if (p.at(T.LParen)) depth++;
    else if (p.at(T.RParen)) depth--;
    p.bump();
  }
  p.complete(pm, N.ExternalPathName);
  if (p.expect(T.Colon)) subtypeIndication(p);
  p.expect(T.GtGt);
  p.complete(m, N.ExternalName);
}

function tickAfterSignature(p: Parser): boolean {
  for (let k = 1; k < 64; k++) {
    const t = p.nth(k);
    if (t === T.RBracket) return p.nth(k + 1) === T.Tick;
    if (t === T.Semicolon || t === T.Eof) return false;
  }
  return false;
}
