// Interfaces and associations (LRM 6.5): generic/port/parameter lists, generic and port maps.
import { NodeKind as N } from '../nodeKind';
import { Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { definingName, subprogramSpecification } from './declarations';
import { discreteRangeOrExpression, expression } from './expressions';
import { name } from './names';
import { recoverUntil, endStatement } from './recovery';
import { subtypeIndication } from './types';

export type InterfaceContext = 'generic' | 'port' | 'parameter';

const MODES = new TokenSet(T.InKw, T.OutKw, T.InoutKw, T.BufferKw, T.LinkageKw);
const INTERFACE_START = new TokenSet(
  T.Identifier, T.ExtendedIdentifier, T.SignalKw, T.ConstantKw, T.VariableKw, T.FileKw, T.TypeKw,
  T.FunctionKw, T.ProcedureKw, T.PureKw, T.ImpureKw, T.PackageKw,
);
const INTERFACE_START_OR_STOP = new TokenSet(INTERFACE_START, T.Semicolon, T.RParen, T.IsKw, T.EndKw, T.BeginKw);
const INTERFACE_STOP = new TokenSet(T.Semicolon, T.RParen, T.IsKw, T.EndKw, T.BeginKw, T.PortKw, T.GenericKw, T.ReturnKw);

/** identifier_list ::= identifier { , identifier } (each a DefiningName) */
export function identifierList(p: Parser): void {
  const m = p.mark();
  definingName(p);
  while (p.eat(T.Comma)) definingName(p);
  p.complete(m, N.IdentifierList);
}

/** generic_clause ::= generic ( generic_list ) ; */
export function genericClause(p: Parser): void {
  const m = p.mark();
  p.bump(); // generic
  interfaceList(p, 'generic');
  endStatement(p);
  p.complete(m, N.GenericClause);
}

/** port_clause ::= port ( port_list ) ; */
export function portClause(p: Parser): void {
  const m = p.mark();
  p.bump(); // port
  interfaceList(p, 'port');
  endStatement(p);
  p.complete(m, N.PortClause);
}

/** ( interface_element { ; interface_element } ) */
export function interfaceList(p: Parser, context: InterfaceContext): void {
  const m = p.mark();
  if (!p.expect(T.LParen)) {
    p.complete(m, N.InterfaceList);
    return;
  }
  if (!p.enter()) {
    p.reportTooDeep();
    skipBalancedTail(p);
    p.complete(m, N.InterfaceList);
    return;
  }
  for (;;) {
    if (p.at(T.RParen)) break; // tolerate `;)` and `()`
    if (!p.atSet(INTERFACE_START)) {
      recoverUntil(p, INTERFACE_START_OR_STOP, `unexpected ${p.foundText()} in an interface list`);
      if (!p.atSet(INTERFACE_START)) {
        if (p.eat(T.Semicolon)) continue;
        break;
      }
    }
    interfaceDeclaration(p, context);
    if (p.eat(T.Semicolon)) continue;
    if (p.at(T.RParen) || p.atEof()) break;
    // Neither `;` nor `)`: skip the junk; a new element on the next line means a missing `;`.
    if (p.newlineBefore() && (p.at(T.Identifier) || p.at(T.SignalKw) || p.at(T.ConstantKw))) {
      p.errorMissing("';'");
      continue;
    }
    recoverUntil(p, INTERFACE_STOP, 'unexpected text in an interface list');
    if (!p.at(T.Semicolon) && !p.at(T.RParen)) break;
    p.eat(T.Semicolon);
  }
  p.leave();
  p.expect(T.RParen);
  p.complete(m, N.InterfaceList);
}

function interfaceDeclaration(p: Parser, context: InterfaceContext): void {
  const m = p.mark();
  let kind: N;
  let classless = false;
  switch (p.kind) {
    case T.TypeKw:
      p.bump();
      definingName(p);
      p.complete(m, N.InterfaceTypeDeclaration);
      return;
    case T.FunctionKw:
    case T.ProcedureKw:
    case T.PureKw:
    case T.ImpureKw:
      subprogramSpecification(p);
      if (p.eat(T.IsKw)) {
        if (!p.eat(T.Box)) name(p);
      }
      p.complete(m, N.InterfaceSubprogramDeclaration);
      return;
    case T.PackageKw:
      // package p is new lib.pkg generic map (<>)
      p.bump();
      definingName(p);
      p.expect(T.IsKw);
      p.expect(T.NewKw);
      name(p, false);
      if (p.at(T.GenericKw)) genericMapAspect(p);
      p.complete(m, N.InterfacePackageDeclaration);
      return;
    case T.SignalKw:
      kind = N.InterfaceSignalDeclaration;
      p.bump();
      break;
    case T.ConstantKw:
      kind = N.InterfaceConstantDeclaration;
      p.bump();
      break;
    case T.VariableKw:
      kind = N.InterfaceVariableDeclaration;
      p.bump();
      break;
    case T.FileKw:
      kind = N.InterfaceFileDeclaration;
      p.bump();
      break;
    default:
      kind = context === 'port' ? N.InterfaceSignalDeclaration : N.InterfaceConstantDeclaration;
      classless = true;
  }
  identifierList(p);
  p.expect(T.Colon);
  let outMode = false;
  if (p.atSet(MODES)) {
    const mm = p.mark();
    outMode = !p.at(T.InKw);
    p.bump();
    p.complete(mm, N.Mode);
  }
  // A parameter without class is a variable when its mode is out or inout (LRM 4.2.2.1).
  if (context === 'parameter' && classless && outMode) kind = N.InterfaceVariableDeclaration;
  subtypeIndication(p);
  p.eat(T.BusKw);
  if (p.eat(T.ColonEq)) expression(p);
  p.complete(m, kind);
}

/** generic map ( association_list ) */
export function genericMapAspect(p: Parser): void {
  const m = p.mark();
  p.bump(); // generic
  p.expect(T.MapKw);
  associationList(p);
  p.complete(m, N.GenericMapAspect);
}

/** port map ( association_list ) */
export function portMapAspect(p: Parser): void {
  const m = p.mark();
  p.bump(); // port
  p.expect(T.MapKw);
  associationList(p);
  p.complete(m, N.PortMapAspect);
}

/** ( association_element { , association_element } ) */
export function associationList(p: Parser): void {
  const m = p.mark();
  p.bump(); // (
  if (!p.enter()) {
    // Bounded like expressions: the contents stay as one Error node.
    p.reportTooDeep();
    skipBalancedTail(p);
    p.complete(m, N.AssociationList);
    return;
  }
  do associationElement(p);
  while (p.eat(T.Comma));
  p.leave();
  p.expect(T.RParen);
  p.complete(m, N.AssociationList);
}

function skipBalancedTail(p: Parser): void {
  const e = p.mark();
  let depth = 0;
  while (!p.atEof()) {
    if (p.at(T.LParen)) depth++;
    else if (p.at(T.RParen)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && p.at(T.Semicolon)) break;
    p.bump();
  }
  p.complete(e, N.Error);
  p.eat(T.RParen);
}

/** association_element ::= [formal_part =>] actual_part */
function associationElement(p: Parser): void {
  const m = p.mark();
  const f = p.mark();
  actual(p);
  if (p.at(T.Arrow)) {
    p.complete(f, N.FormalPart);
    p.bump();
    actual(p);
  }
  p.complete(m, N.AssociationElement);
}

function actual(p: Parser): void {
  if (p.eat(T.OpenKw) || p.eat(T.Box)) return;
  p.eat(T.InertialKw);
  discreteRangeOrExpression(p);
}
