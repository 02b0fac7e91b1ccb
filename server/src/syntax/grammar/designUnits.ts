// Design units and context clauses (LRM 3, 4.7-4.9, 13): entity, architecture, package, configuration, context.
import { NodeKind as N } from '../nodeKind';
import { Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';
import { concurrentStatements } from './concurrentStatements';
import { declaration, declarativePart, definingName, endClause } from './declarations';
import { genericClause, genericMapAspect, portClause } from './interfaces';
import { name } from './names';
import { HEADER_CLAUSE, UNIT_START, endStatement, recoverUntil, skipStrayToken, skipTooDeep } from './recovery';
import { bindingIndication, componentSpecification } from './specifications';
import { discreteRangeOrExpression } from './expressions';

/** design_file ::= design_unit { design_unit } */
export function designFile(p: Parser): void {
  while (!p.atEof()) {
    const before = p.position;
    if (p.atSet(UNIT_START)) designUnit(p);
    else recoverUntil(p, UNIT_START, `unexpected ${p.foundText()}: expected a design unit (entity, architecture, package, configuration, context)`, false);
    if (p.position === before) p.bumpError(`unexpected ${p.foundText()}: expected a design unit`);
  }
}

const CONTEXT_ITEM = new TokenSet(T.LibraryKw, T.UseKw, T.ContextKw);
const CONTEXT_ITEM_OR_END = new TokenSet(CONTEXT_ITEM, T.EndKw);
const FOR_ONLY = new TokenSet(T.ForKw, T.EndKw);
const CONFIGURATION_DECLARATIVE_ITEM = new TokenSet(T.UseKw, T.AttributeKw, T.GroupKw, T.ForKw, T.EndKw);

/** design_unit ::= context_clause library_unit */
export function designUnit(p: Parser): void {
  const m = p.mark();
  if (p.atSet(CONTEXT_ITEM) && !isContextDeclaration(p)) {
    const c = p.mark();
    contextItems(p);
    p.complete(c, N.ContextClause);
  }
  switch (p.kind) {
    case T.EntityKw:
      entityDeclaration(p);
      break;
    case T.ArchitectureKw:
      architectureBody(p);
      break;
    case T.PackageKw:
      if (p.nth(1) === T.BodyKw) packageBody(p);
      else packageDeclarationOrInstantiation(p);
      break;
    case T.ConfigurationKw:
      configurationDeclaration(p);
      break;
    case T.ContextKw:
      contextDeclaration(p);
      break;
    default:
      if (p.atEof()) p.errorMissing('a design unit after the context clause');
      else if (!p.atSet(UNIT_START)) recoverUntil(p, UNIT_START, `unexpected ${p.foundText()}: expected a design unit`);
  }
  p.complete(m, N.DesignUnit);
}

function isContextDeclaration(p: Parser): boolean {
  return p.at(T.ContextKw) && p.nth(2) === T.IsKw;
}

function contextItems(p: Parser): void {
  while (p.atSet(CONTEXT_ITEM) && !isContextDeclaration(p)) {
    if (p.at(T.LibraryKw)) libraryClause(p);
    else if (p.at(T.UseKw)) useClause(p);
    else contextReference(p);
  }
}

/** library logical_name_list ; */
function libraryClause(p: Parser): void {
  const m = p.mark();
  p.bump();
  do {
    const n = p.mark();
    if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
      p.bump();
      p.complete(n, N.SimpleName);
    } else p.errorMissing('a library name');
  } while (p.eat(T.Comma));
  endStatement(p);
  p.complete(m, N.LibraryClause);
}

/** use selected_name { , selected_name } ; */
export function useClause(p: Parser): void {
  const m = p.mark();
  p.bump();
  do {
    if (!name(p, false)) p.errorMissing('a selected name');
  } while (p.eat(T.Comma));
  endStatement(p);
  p.complete(m, N.UseClause);
}

/** context selected_name { , selected_name } ; */
function contextReference(p: Parser): void {
  const m = p.mark();
  p.bump();
  do {
    if (!name(p, false)) p.errorMissing('a context name');
  } while (p.eat(T.Comma));
  endStatement(p);
  p.complete(m, N.ContextReference);
}

/** context identifier is context_clause end [context] [simple_name] ; */
function contextDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // context
  p.open(T.ContextKw);
  definingName(p);
  const declared = p.lastNode();
  p.expect(T.IsKw);
  const c = p.mark();
  for (;;) {
    skipStrayToken(p, CONTEXT_ITEM_OR_END);
    if (!p.atSet(CONTEXT_ITEM) || isContextDeclaration(p)) break;
    contextItems(p);
  }
  p.complete(c, N.ContextClause);
  endClause(p, [T.ContextKw], declared);
  p.complete(m, N.ContextDeclaration);
}

/** entity id is [generic_clause] [port_clause] declarative_part [begin statements] end [entity] [id] ; */
export function entityDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // entity
  p.open(T.EntityKw);
  definingName(p);
  const declared = p.lastNode();
  p.expect(T.IsKw);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.GenericKw)) genericClause(p);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.PortKw)) portClause(p);
  declarativePart(p);
  if (p.eat(T.BeginKw)) concurrentStatements(p);
  endClause(p, [T.EntityKw], declared);
  p.complete(m, N.EntityDeclaration);
}

/** architecture id of entity_name is declarative_part begin statements end [architecture] [id] ; */
export function architectureBody(p: Parser): void {
  const m = p.mark();
  p.bump(); // architecture
  p.open(T.ArchitectureKw);
  definingName(p);
  const declared = p.lastNode();
  if (p.expect(T.OfKw)) {
    const n = p.mark();
    if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
      p.bump();
      p.complete(n, N.SimpleName);
    } else p.errorMissing('an entity name');
  }
  p.expect(T.IsKw);
  declarativePart(p);
  p.expect(T.BeginKw);
  concurrentStatements(p);
  endClause(p, [T.ArchitectureKw], declared);
  p.complete(m, N.ArchitectureBody);
}

/**
 * package id is [generic_clause [generic_map ;]] declarative_part end [package] [id] ;
 * package id is new name [generic_map] ;
 */
export function packageDeclarationOrInstantiation(p: Parser): void {
  const m = p.mark();
  p.bump(); // package
  definingName(p);
  const declared = p.lastNode();
  p.expect(T.IsKw);
  if (p.eat(T.NewKw)) {
    if (!name(p, false)) p.errorMissing('a package name');
    if (p.at(T.GenericKw)) genericMapAspect(p);
    endStatement(p);
    p.complete(m, N.PackageInstantiationDeclaration);
    return;
  }
  p.open(T.PackageKw);
  skipStrayToken(p, HEADER_CLAUSE);
  if (p.at(T.GenericKw)) {
    genericClause(p);
    if (p.at(T.GenericKw)) {
      genericMapAspect(p);
      endStatement(p);
    }
  }
  declarativePart(p);
  endClause(p, [T.PackageKw], declared);
  p.complete(m, N.PackageDeclaration);
}

/** package body id is declarative_part end [package body] [id] ; */
export function packageBody(p: Parser): void {
  const m = p.mark();
  p.bump(); // package
  p.bump(); // body
  p.open(T.PackageKw);
  definingName(p);
  const declared = p.lastNode();
  p.expect(T.IsKw);
  declarativePart(p);
  endClause(p, [T.PackageKw, T.BodyKw], declared);
  p.complete(m, N.PackageBody);
}

/** configuration id of entity_name is declarative_part block_configuration end [configuration] [id] ; */
function configurationDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // configuration
  p.open(T.ConfigurationKw);
  definingName(p);
  const declared = p.lastNode();
  p.expect(T.OfKw);
  if (!name(p, false)) p.errorMissing('an entity name');
  p.expect(T.IsKw);
  // Declarative part: use clauses, attribute specifications, group declarations (not `for`).
  const d = p.mark();
  for (;;) {
    skipStrayToken(p, CONFIGURATION_DECLARATIVE_ITEM);
    if (!p.at(T.UseKw) && !p.at(T.AttributeKw) && !p.at(T.GroupKw)) break;
    if (p.at(T.UseKw)) useClause(p);
    else {
      const before = p.position;
      declaration(p); // attribute specification or group declaration
      if (p.position === before) break;
    }
  }
  p.complete(d, N.DeclarativePart);
  skipStrayToken(p, FOR_ONLY);
  if (p.at(T.ForKw)) blockConfiguration(p);
  else p.errorMissing("'for' (a block configuration)");
  skipStrayToken(p, FOR_ONLY);
  endClause(p, [T.ConfigurationKw], declared);
  p.complete(m, N.ConfigurationDeclaration);
}


/** Does the `for` at the cursor start a component configuration (`for u1, u2 : comp`, `for all : comp`)? */
function isComponentConfiguration(p: Parser): boolean {
  const k = p.nth(1);
  if (k === T.AllKw || k === T.OthersKw) return p.nth(2) === T.Colon;
  return (k === T.Identifier || k === T.ExtendedIdentifier) && (p.nth(2) === T.Colon || p.nth(2) === T.Comma);
}

/** for block_specification { use_clause } { configuration_item } end for ; */
function blockConfiguration(p: Parser): void {
  const m = p.mark();
  p.bump(); // for
  p.open(T.ForKw);
  // block_specification ::= label | label ( index_specification ) | architecture_name
  if (!name(p, false)) p.errorMissing('a block name');
  if (p.eat(T.LParen)) {
    discreteRangeOrExpression(p);
    p.expect(T.RParen);
  }
  for (;;) {
    skipStrayToken(p, CONFIGURATION_DECLARATIVE_ITEM);
    if (!p.at(T.UseKw)) break;
    useClause(p);
  }
  configurationItems(p);
  endClause(p, [T.ForKw], undefined);
  p.complete(m, N.BlockConfiguration);
}

const CONFIGURATION_RECOVERY = new TokenSet(T.ForKw, T.EndKw, UNIT_START);

function configurationItems(p: Parser): void {
  while (!p.at(T.EndKw) && !p.atEof() && !p.atSet(UNIT_START)) {
    if (!p.at(T.ForKw)) {
      recoverUntil(p, CONFIGURATION_RECOVERY, `unexpected ${p.foundText()} in a configuration`);
      continue;
    }
    const before = p.position;
    if (!p.enter()) {
      skipTooDeep(p);
      p.eat(T.Semicolon);
    } else {
      if (isComponentConfiguration(p)) componentConfiguration(p);
      else blockConfiguration(p);
      p.leave();
    }
    if (p.position === before) p.bumpError(`unexpected ${p.foundText()} in a configuration`);
  }
}

/** for component_specification [binding_indication ;] [block_configuration] end for ; */
function componentConfiguration(p: Parser): void {
  const m = p.mark();
  p.bump(); // for
  p.open(T.ForKw);
  componentSpecification(p);
  if (p.at(T.UseKw) || p.at(T.GenericKw) || p.at(T.PortKw)) {
    bindingIndication(p);
    endStatement(p);
  }
  skipStrayToken(p, FOR_ONLY);
  if (p.at(T.ForKw)) blockConfiguration(p);
  skipStrayToken(p, FOR_ONLY);
  endClause(p, [T.ForKw], undefined);
  p.complete(m, N.ComponentConfiguration);
}
