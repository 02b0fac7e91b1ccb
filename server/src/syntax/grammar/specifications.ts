// Specifications (LRM 7, 6.9, 6.10): attribute, configuration and disconnection specifications, groups.
import { NodeKind as N } from '../nodeKind';
import { Parser } from '../parser';
import { TokenKind as T, isKeyword } from '../tokenKind';
import { definingName } from './declarations';
import { expression } from './expressions';
import { genericMapAspect, portMapAspect } from './interfaces';
import { name, signature, typeMark } from './names';
import { endStatement } from './recovery';

/** attribute designator of entity_specification is expression ; */
export function attributeSpecification(p: Parser): void {
  const m = p.mark();
  p.bump(); // attribute
  if (!name(p, false)) p.errorMissing('an attribute name');
  p.expect(T.OfKw);
  // entity_specification ::= entity_name_list : entity_class
  const s = p.mark();
  const l = p.mark();
  if (p.at(T.OthersKw) || p.at(T.AllKw)) p.bump();
  else {
    do {
      entityDesignator(p);
    } while (p.eat(T.Comma));
  }
  p.complete(l, N.EntityNameList);
  p.expect(T.Colon);
  if (isKeyword(p.kind)) p.bump(); // entity_class: entity, signal, label, literal, ...
  else p.errorMissing('an entity class');
  p.complete(s, N.EntitySpecification);
  p.expect(T.IsKw);
  expression(p);
  endStatement(p);
  p.complete(m, N.AttributeSpecification);
}

/** entity_tag [signature]: a simple name, character literal or operator symbol. */
function entityDesignator(p: Parser): void {
  const m = p.mark();
  if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier) || p.at(T.CharacterLiteral) || p.at(T.StringLiteral)) {
    p.bump();
    p.complete(m, N.SimpleName);
  } else p.errorMissing('a name');
  if (p.at(T.LBracket)) signature(p);
}

/** for component_specification binding_indication ; [end for ;] */
export function configurationSpecification(p: Parser): void {
  const m = p.mark();
  p.bump(); // for
  componentSpecification(p);
  bindingIndication(p);
  endStatement(p);
  if (p.at(T.EndKw) && p.nth(1) === T.ForKw) {
    const e = p.mark();
    p.bump();
    p.bump();
    endStatement(p);
    p.complete(e, N.EndClause);
  }
  p.complete(m, N.ConfigurationSpecification);
}

/** component_specification ::= instantiation_list : component_name */
export function componentSpecification(p: Parser): void {
  const m = p.mark();
  const l = p.mark();
  if (p.at(T.AllKw) || p.at(T.OthersKw)) p.bump();
  else {
    do {
      const n = p.mark();
      if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
        p.bump();
        p.complete(n, N.SimpleName);
      } else p.errorMissing('an instance label');
    } while (p.eat(T.Comma));
  }
  p.complete(l, N.InstantiationList);
  p.expect(T.Colon);
  if (!name(p, false)) p.errorMissing('a component name');
  p.complete(m, N.ComponentSpecification);
}

/** binding_indication ::= [use entity_aspect] [generic_map_aspect] [port_map_aspect] */
export function bindingIndication(p: Parser): void {
  if (!p.at(T.UseKw) && !p.at(T.GenericKw) && !p.at(T.PortKw)) return;
  const m = p.mark();
  if (p.eat(T.UseKw)) entityAspect(p);
  if (p.at(T.GenericKw)) genericMapAspect(p);
  if (p.at(T.PortKw)) portMapAspect(p);
  p.complete(m, N.BindingIndication);
}

/** After `entity`: entity_name [( architecture_identifier )], in entity aspects and direct instantiations. */
export function entityNameAndArchitecture(p: Parser): void {
  if (!name(p, false)) p.errorMissing('an entity name');
  if (p.eat(T.LParen)) {
    const a = p.mark();
    if (p.at(T.Identifier) || p.at(T.ExtendedIdentifier)) {
      p.bump();
      p.complete(a, N.SimpleName);
    } else p.errorMissing('an architecture name');
    p.expect(T.RParen);
  }
}

/** entity_aspect ::= entity entity_name [( architecture )] | configuration name | open */
function entityAspect(p: Parser): void {
  const m = p.mark();
  if (p.eat(T.EntityKw)) {
    entityNameAndArchitecture(p);
  } else if (p.eat(T.ConfigurationKw)) {
    if (!name(p, false)) p.errorMissing('a configuration name');
  } else if (!p.eat(T.OpenKw)) p.errorMissing("'entity', 'configuration' or 'open'");
  p.complete(m, N.EntityAspect);
}

/** disconnect signal_list : type_mark after expression ; */
export function disconnectionSpecification(p: Parser): void {
  const m = p.mark();
  p.bump(); // disconnect
  if (p.at(T.AllKw) || p.at(T.OthersKw)) p.bump();
  else {
    do {
      if (!name(p)) p.errorMissing('a signal name');
    } while (p.eat(T.Comma));
  }
  p.expect(T.Colon);
  typeMark(p);
  p.expect(T.AfterKw);
  expression(p);
  endStatement(p);
  p.complete(m, N.DisconnectionSpecification);
}

/**
 * group id is ( entity_class [<>] , ... ) ;   (template)
 * group id : template_name ( constituent , ... ) ;
 */
export function groupDeclaration(p: Parser): void {
  const m = p.mark();
  p.bump(); // group
  definingName(p);
  if (p.eat(T.IsKw)) {
    p.expect(T.LParen);
    do {
      if (isKeyword(p.kind)) p.bump();
      else p.errorMissing('an entity class');
      p.eat(T.Box);
    } while (p.eat(T.Comma));
    p.expect(T.RParen);
    endStatement(p);
    p.complete(m, N.GroupTemplateDeclaration);
    return;
  }
  p.expect(T.Colon);
  if (!name(p)) p.errorMissing('a group template name');
  endStatement(p);
  p.complete(m, N.GroupDeclaration);
}
