// Declarations (LRM 4, 6): declarative parts, objects, aliases, attributes, components, subprograms.
import { NodeKind as N } from '../nodeKind';
import { NodeRef, Parser, TokenSet } from '../parser';
import { TokenKind as T, tokenSpelling } from '../tokenKind';
import { expression } from './expressions';
import { genericClause, genericMapAspect, identifierList, interfaceList, portClause } from './interfaces';
import { name, signature, typeMark } from './names';
import { DECLARATION_START, HEADER_CLAUSE, endStatement, recoverUntil, skipStrayToken, skipTooDeep } from './recovery';

const END_ONLY = new TokenSet(T.EndKw);
import { sequentialStatements } from './sequentialStatements';
import { subtypeDeclaration, subtypeIndication, typeDeclaration } from './types';
import { configurationSpecification, groupDeclaration, disconnectionSpecification, attributeSpecification } from './specifications';
import { packageBody, packageDeclarationOrInstantiation, useClause } from './designUnits';

/** A name being declared: identifier, extended identifier, operator symbol or character literal. */
export function definingName(p: Parser): void {
  const k = p.kind;
  if (k === T.Identifier || k === T.ExtendedIdentifier || k === T.StringLiteral || k === T.CharacterLiteral) {
    const m = p.mark();
    p.bump();
    p.complete(m, N.DefiningName);
  } else p.errorMissing('an identifier');
}

/** Keywords that name what an `end` closes. */
const CLOSING_KEYWORD = new TokenSet(
  T.ProcessKw, T.ArchitectureKw, T.EntityKw, T.PackageKw, T.GenerateKw, T.LoopKw, T.CaseKw, T.BlockKw,
  T.ComponentKw, T.RecordKw, T.UnitsKw, T.FunctionKw, T.ProcedureKw, T.ConfigurationKw, T.ProtectedKw,
  T.IfKw, T.ForKw, T.ContextKw, T.PostponedKw,
);

/**
 * end_clause ::= end [keywords] [simple_name] [;]
 * `keywords` are eaten when present (`end entity`, `end protected body`); the repeated name must
 * match `declared` (a node with a DefiningName, or a Label) when both are there.
 */
export function endClause(p: Parser, keywords: T[], declared: NodeRef | undefined, semicolon = true): void {
  const main = keywords.find((k) => k !== T.PostponedKw && k !== T.Question);
  if (main !== undefined) p.close(main);
  const expected = main !== undefined ? `'end ${tokenSpelling(main).slice(1, -1)}'` : "'end'";
  const other = p.nth(1);
  let mismatched = false;
  if (p.at(T.EndKw) && CLOSING_KEYWORD.has(other) && !keywords.includes(other)) {
    if (p.isOpen(other) || main === undefined) {
      // `end process` where `end if` was due: the inner end is missing; leave this one to its owner.
      p.error(`expected ${expected} before 'end ${tokenSpelling(other).slice(1, -1)}'`, p.prevEnd, p.prevEnd, 'syntax/expected');
      return;
    }
    mismatched = true; // `if ... end loop;` with no loop open: take it as this construct's end
  }
  if (!p.at(T.EndKw)) {
    p.errorMissing(expected);
    return;
  }
  const m = p.mark();
  p.bump(); // end
  if (mismatched) p.bumpError(`${expected} expected here, not 'end ${tokenSpelling(other).slice(1, -1)}'`);
  for (const k of keywords) p.eat(k);
  if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.StringLiteral) || p.at(T.CharacterLiteral)) {
    const n = p.mark();
    const start = p.start, end = p.end;
    p.bump();
    const used = p.complete(n, N.SimpleName);
    const want = declared === undefined ? undefined : p.nodeName(declared.index);
    const got = p.nodeName(used);
    if (want !== undefined && got !== undefined && want !== got) {
      p.error(`'end ${got}' does not match the name '${want}'`, start, end, 'syntax/end-name-mismatch');
    }
  }
  if (semicolon) endStatement(p);
  p.complete(m, N.EndClause);
}

/**
 * `end process;` (or another `end <keyword>`) whose construct is not open, where a list of
 * declarations or concurrent statements goes on: its opening was lost (`procss (clk)`), so it is
 * skipped as one Error node rather than taken as the end of the enclosing unit.
 */
export function strayEnd(p: Parser): boolean {
  const k = p.nth(1);
  if (!p.at(T.EndKw) || !CLOSING_KEYWORD.has(k) || p.isOpen(k) || k === T.ForKw) return false;
  const m = p.mark();
  const start = p.start;
  p.bump(); // end
  while (CLOSING_KEYWORD.has(p.kind)) p.bump();
  if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) p.bump();
  p.eat(T.Semicolon);
  p.complete(m, N.Error);
  p.error(`'end ${tokenSpelling(k).slice(1, -1)}' without an open '${tokenSpelling(k).slice(1, -1)}'`, start, p.prevEnd);
  return true;
}

/** { declarative_item }, up to `begin`, `end` or a token no declaration starts with. */
export function declarativePart(p: Parser): void {
  const m = p.mark();
  for (;;) {
    if (p.atSet(DECLARATION_START)) {
      const before = p.position;
      declaration(p);
      if (p.position === before) p.bumpError(`unexpected ${p.foundText()}: expected a declaration`);
      continue;
    }
    if (strayEnd(p)) continue;
    if (p.at(T.EndKw) && p.nth(1) === T.ForKw) {
      // `end for;` closes a configuration specification; anywhere else it is stray.
      const e = p.mark();
      const start = p.start;
      p.bump();
      p.bump();
      p.eat(T.Semicolon);
      p.complete(e, N.Error);
      p.error("unexpected 'end for' (it can only follow a configuration specification)", start, p.prevEnd);
      continue;
    }
    if (p.at(T.BeginKw) || p.at(T.EndKw) || p.atEof()) break;
    if (p.at(T.ArchitectureKw) || p.at(T.EntityKw) || p.at(T.ConfigurationKw) || p.at(T.LibraryKw) || p.at(T.ContextKw)) break;
    // A statement where declarations are expected usually means a missing `begin`.
    if (looksLikeStatement(p)) break;
    recoverUntil(p, DECLARATION_START_OR_END, `unexpected ${p.foundText()} in a declarative part`);
  }
  p.complete(m, N.DeclarativePart);
}

const DECLARATION_START_OR_END = new TokenSet(DECLARATION_START, T.BeginKw, T.EndKw);

const STATEMENT_KEYWORD = new TokenSet(
  T.ProcessKw, T.BlockKw, T.ForKw, T.IfKw, T.CaseKw, T.EntityKw, T.ComponentKw, T.ConfigurationKw, T.AssertKw,
  T.PostponedKw, T.WithKw, T.WhileKw, T.LoopKw, T.WaitKw,
);

/** A statement where declarations are expected: usually a missing `begin`, so the part ends here. */
function looksLikeStatement(p: Parser): boolean {
  if (p.at(T.ProcessKw) || p.at(T.AssertKw) || p.at(T.WithKw) || p.at(T.IfKw) || p.at(T.CaseKw) || p.at(T.WaitKw) || p.at(T.LoopKw) || p.at(T.WhileKw)) return true;
  if (!p.at(T.Identifier) && !p.at(T.ExtendedIdentifier)) return false;
  const k1 = p.nth(1);
  if (k1 === T.LtEq || k1 === T.ColonEq) return true;
  if (k1 !== T.Colon) return false;
  const k2 = p.nth(2);
  return STATEMENT_KEYWORD.has(k2) || p.nth(3) === T.PortKw || p.nth(3) === T.GenericKw;
}

export function declaration(p: Parser): void {
  if (!p.enter()) {
    skipTooDeep(p);
    p.eat(T.Semicolon);
    return;
  }
  declarationItem(p);
  p.leave();
}

function declarationItem(p: Parser): void {
  switch (p.kind) {
    case T.TypeKw:
      typeDeclaration(p);
      return;
    case T.SubtypeKw:
      subtypeDeclaration(p);
      return;
    case T.ConstantKw:
      objectDeclaration(p, N.ConstantDeclaration);
      return;
    case T.SignalKw:
      objectDeclaration(p, N.SignalDeclaration);
      return;
    case T.VariableKw:
    case T.SharedKw:
      objectDeclaration(p, N.VariableDeclaration);
      return;
    case T.FileKw:
      fileDeclaration(p);
      return;
    case T.AliasKw:
      aliasDeclaration(p);
      return;
    case T.AttributeKw:
      if (p.nth(2) === T.Colon) attributeDeclaration(p);
      else attributeSpecification(p);
      return;
    case T.ComponentKw:
      componentDeclaration(p);
      return;
    case T.FunctionKw:
    case T.ProcedureKw:
    case T.PureKw:
    case T.ImpureKw:
      subprogram(p);
      return;
    case T.PackageKw:
      if (p.nth(1) === T.BodyKw) packageBody(p);
      else packageDeclarationOrInstantiation(p);
      return;
    case T.UseKw:
      useClause(p);
      return;
    case T.ForKw:
      configurationSpecification(p);
      return;
    case T.DisconnectKw:
      disconnectionSpecification(p);
      return;
    case T.GroupKw:
      groupDeclaration(p);
      return;
    default:
      p.bumpError(`unexpected ${p.foundText()}: expected a declaration`);
  }
}

/** [shared] constant|signal|variable identifier_list : subtype_indication [signal_kind] [:= expression] ; */
function objectDeclaration(p: Parser, kind: N): void {
  const m = p.mark();
  p.eat(T.SharedKw);
  p.bump(); // constant | signal | variable
  identifierList(p);
  p.expect(T.Colon);
  subtypeIndication(p);
  if (kind === N.SignalDeclaration && (p.at(T.RegisterKw) || p.at(T.BusKw))) p.bump();
  if (p.eat(T.ColonEq)) expression(p);
  endStatement(p);
  p.complete(m, kind);
}

/** file identifier_list : subtype_indication [[open expr] is expr] ; (and the VHDL-87 `is in "name"` form) */
function fileDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // file
  identifierList(p);
  p.expect(T.Colon);
  subtypeIndication(p);
  if (p.at(T.OpenKw) || p.at(T.IsKw)) {
    const o = p.mark();
    if (p.eat(T.OpenKw)) expression(p);
    if (p.eat(T.IsKw)) {
      if (p.at(T.InKw) || p.at(T.OutKw)) p.bump();
      expression(p);
    }
    p.complete(o, N.FileOpenInformation);
  }
  endStatement(p);
  p.complete(m, N.FileDeclaration);
}

/** alias alias_designator [: subtype_indication] is name [signature] ; */
function aliasDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // alias
  definingName(p);
  if (p.eat(T.Colon)) subtypeIndication(p);
  p.expect(T.IsKw);
  if (!name(p)) p.errorMissing('a name');
  if (p.at(T.LBracket)) signature(p);
  endStatement(p);
  p.complete(m, N.AliasDeclaration);
}

/** attribute identifier : type_mark ; */
function attributeDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // attribute
  definingName(p);
  p.expect(T.Colon);
  typeMark(p);
  endStatement(p);
  p.complete(m, N.AttributeDeclaration);
}

/** component identifier [is] [generic_clause] [port_clause] end component [simple_name] ; */
export function componentDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // component
  p.open(T.ComponentKw);
  definingName(p);
  const declared = p.lastNode();
  p.eat(T.IsKw);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.GenericKw)) genericClause(p);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.PortKw)) portClause(p);
  skipStrayToken(p, END_ONLY);
  endClause(p, [T.ComponentKw], declared);
  p.complete(m, N.ComponentDeclaration);
}

/**
 * subprogram_specification ::= procedure designator [subprogram_header] [[parameter] ( list )]
 *   | [pure|impure] function designator [subprogram_header] [[parameter] ( list )] return type_mark
 */
export function subprogramSpecification(p: Parser): void {
  const m = p.mark();
  const isFunction = !p.at(T.ProcedureKw);
  if (p.at(T.PureKw) || p.at(T.ImpureKw)) p.bump();
  if (isFunction) p.expect(T.FunctionKw);
  else p.bump();
  definingName(p);
  if (p.at(T.GenericKw)) {
    const h = p.mark();
    p.bump();
    interfaceList(p, 'generic');
    if (p.at(T.GenericKw) && p.nth(1) === T.MapKw) genericMapAspect(p);
    p.complete(h, N.SubprogramHeader);
  }
  if (p.at(T.ParameterKw) || p.at(T.LParen)) {
    const l = p.mark();
    p.eat(T.ParameterKw);
    interfaceList(p, 'parameter');
    p.complete(l, N.ParameterList);
  }
  if (isFunction) {
    if (p.expect(T.ReturnKw)) typeMark(p);
  }
  p.complete(m, isFunction ? N.FunctionSpecification : N.ProcedureSpecification);
}

/** A subprogram declaration, body, or (VHDL-2008) instantiation. */
function subprogram(p: Parser): void {
  const m = p.mark();
  // procedure p is new q generic map (...);
  const kw = p.at(T.PureKw) || p.at(T.ImpureKw) ? 2 : 1;
  if (p.nth(kw + 1) === T.IsKw && p.nth(kw + 2) === T.NewKw) {
    for (let i = 0; i < kw; i++) p.bump();
    definingName(p);
    p.bump(); // is
    p.bump(); // new
    if (!name(p, false)) p.errorMissing('a subprogram name');
    if (p.at(T.LBracket)) signature(p);
    if (p.at(T.GenericKw)) genericMapAspect(p);
    endStatement(p);
    p.complete(m, N.SubprogramInstantiationDeclaration);
    return;
  }
  subprogramSpecification(p);
  const spec = p.lastNode();
  if (!p.at(T.IsKw)) {
    endStatement(p);
    p.complete(m, N.SubprogramDeclaration);
    return;
  }
  p.bump(); // is
  p.open(spec?.kind === N.FunctionSpecification ? T.FunctionKw : T.ProcedureKw);
  declarativePart(p);
  p.expect(T.BeginKw);
  sequentialStatements(p);
  endClause(p, [spec?.kind === N.FunctionSpecification ? T.FunctionKw : T.ProcedureKw], spec);
  p.complete(m, N.SubprogramBody);
}
