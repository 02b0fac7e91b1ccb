// Types and subtypes (LRM 5, 6.3): type definitions, subtype indications, constraints, ranges.
import { NodeKind as N } from '../nodeKind';
import { NodeRef, Parser } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { declarativePart, definingName, endClause } from './declarations';
import { expression, discreteRangeOrExpression } from './expressions';
import { name, typeMark } from './names';
import { identifierList } from './interfaces';
import { endStatement, skipStrayToken } from './recovery';
import { TokenSet } from '../parser';

const ELEMENT_OR_END = new TokenSet(T.Identifier, T.ExtendedIdentifier, T.EndKw);

/** subtype_indication ::= [resolution_indication] type_mark [constraint] */
export function subtypeIndication(p: Parser): void {
  const m = p.mark();
  if (p.at(T.LParen)) {
    elementResolution(p);
    typeMark(p);
  } else {
    const t = p.mark();
    if (!name(p, false)) {
      p.errorMissing('a subtype indication');
      p.complete(m, N.SubtypeIndication);
      return;
    }
    if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
      // `resolved std_ulogic`: the first name was a resolution function.
      p.complete(t, N.ResolutionIndication);
      typeMark(p);
    } else p.complete(t, N.TypeMark);
  }
  optConstraint(p);
  p.complete(m, N.SubtypeIndication);
}

/** Continues a subtype indication whose type mark, starting at mark `m`, is already wrapped. */
export function subtypeIndicationAfterTypeMark(p: Parser, m: number): void {
  optConstraint(p);
  p.complete(m, N.SubtypeIndication);
}

function optConstraint(p: Parser): void {
  if (p.at(T.RangeKw)) rangeConstraint(p);
  else if (p.at(T.LParen)) arrayConstraint(p);
}

/** `(resolved)`, `((resolved))`, `(elem resolved, ...)`: element resolution, nested. */
function elementResolution(p: Parser): void {
  const m = p.mark();
  let depth = 0;
  do {
    if (p.at(T.LParen)) depth++;
    else if (p.at(T.RParen)) depth--;
    p.bump();
  } while (depth > 0 && !p.atEof() && !p.at(T.Semicolon));
  if (depth > 0) p.errorMissing("')'");
  p.complete(m, N.ResolutionIndication);
}

/** range_constraint ::= range range */
export function rangeConstraint(p: Parser): void {
  const m = p.mark();
  p.bump(); // range
  range(p);
  p.complete(m, N.RangeConstraint);
}

/** range ::= range_attribute_name | simple_expression direction simple_expression */
export function range(p: Parser): void {
  const m = p.mark();
  expression(p);
  if (p.at(T.ToKw) || p.at(T.DowntoKw)) {
    p.bump();
    expression(p);
    p.complete(m, N.Range);
  }
}

/** index_constraint / array_constraint / record_constraint: `(r, ...)` possibly followed by `(...)` element constraints. */
export function arrayConstraint(p: Parser): void {
  const m = p.mark();
  while (p.at(T.LParen)) {
    p.bump();
    do {
      if (!p.eat(T.OpenKw)) discreteRangeOrExpression(p);
    } while (p.eat(T.Comma));
    p.expect(T.RParen);
  }
  p.complete(m, N.ArrayConstraint);
}

/** type_declaration ::= type identifier [is type_definition] ; */
export function typeDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // type
  definingName(p);
  const declared = p.lastNode();
  if (p.eat(T.IsKw)) typeDefinition(p, declared);
  endStatement(p);
  p.complete(m, N.TypeDeclaration);
}

function typeDefinition(p: Parser, declared: NodeRef | undefined): void {
  const m = p.mark();
  switch (p.kind) {
    case T.LParen: {
      // (a, b, 'c')
      p.bump();
      do {
        const e = p.mark();
        if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.CharacterLiteral)) {
          p.bump();
          p.complete(e, N.DefiningName);
        } else p.errorMissing('an enumeration literal');
      } while (p.eat(T.Comma));
      p.expect(T.RParen);
      p.complete(m, N.EnumerationTypeDefinition);
      return;
    }
    case T.RangeKw:
      rangeConstraint(p);
      if (p.at(T.UnitsKw)) {
        physicalUnits(p, declared);
        p.complete(m, N.PhysicalTypeDefinition);
      } else p.complete(m, N.RangeTypeDefinition);
      return;
    case T.ArrayKw:
      p.bump();
      p.expect(T.LParen);
      do {
        const e = p.mark();
        // `natural range <>` (unbounded) or a discrete range (constrained).
        if (p.at(T.Identifier) && p.nth(1) === T.RangeKw && p.nth(2) === T.Box) {
          typeMark(p);
          p.bump();
          p.bump();
          p.complete(e, N.IndexSubtypeDefinition);
        } else discreteRangeOrExpression(p);
      } while (p.eat(T.Comma));
      p.expect(T.RParen);
      p.expect(T.OfKw);
      subtypeIndication(p);
      p.complete(m, N.ArrayTypeDefinition);
      return;
    case T.RecordKw:
      p.bump();
      p.open(T.RecordKw);
      for (;;) {
        skipStrayToken(p, ELEMENT_OR_END);
        if (!p.at(T.Identifier) && !p.at(T.ExtendedIdentifier)) break;
        const e = p.mark();
        identifierList(p);
        p.expect(T.Colon);
        subtypeIndication(p);
        endStatement(p);
        p.complete(e, N.ElementDeclaration);
      }
      endClause(p, [T.RecordKw], declared, false);
      p.complete(m, N.RecordTypeDefinition);
      return;
    case T.AccessKw:
      p.bump();
      subtypeIndication(p);
      p.complete(m, N.AccessTypeDefinition);
      return;
    case T.FileKw:
      p.bump();
      p.expect(T.OfKw);
      typeMark(p);
      p.complete(m, N.FileTypeDefinition);
      return;
    case T.ProtectedKw:
      p.bump();
      p.open(T.ProtectedKw);
      if (p.eat(T.BodyKw)) {
        declarativePart(p);
        endClause(p, [T.ProtectedKw, T.BodyKw], declared, false);
        p.complete(m, N.ProtectedTypeBody);
      } else {
        declarativePart(p);
        endClause(p, [T.ProtectedKw], declared, false);
        p.complete(m, N.ProtectedTypeDeclaration);
      }
      return;
    default:
      p.errorMissing('a type definition');
  }
}

/** units primary_unit ; { secondary_unit = physical_literal ; } end units [name] */
function physicalUnits(p: Parser, declared: NodeRef | undefined): void {
  p.bump(); // units
  p.open(T.UnitsKw);
  let first = true;
  for (;;) {
    skipStrayToken(p, ELEMENT_OR_END);
    if (!p.at(T.Identifier) && !p.at(T.ExtendedIdentifier)) break;
    const u = p.mark();
    definingName(p);
    if (!first || p.at(T.Eq)) {
      p.expect(T.Eq);
      expression(p);
    }
    endStatement(p);
    p.complete(u, first ? N.PrimaryUnitDeclaration : N.SecondaryUnitDeclaration);
    first = false;
  }
  endClause(p, [T.UnitsKw], declared, false);
}

/** subtype_declaration ::= subtype identifier is subtype_indication ; */
export function subtypeDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // subtype
  definingName(p);
  p.expect(T.IsKw);
  subtypeIndication(p);
  endStatement(p);
  p.complete(m, N.SubtypeDeclaration);
}
