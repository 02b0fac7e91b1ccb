// Record objects: their fields (with types), and the value one field gets from an aggregate, a
// constant record or an element assignment (`r <= REG_RESET`, `c <= (OFF, 0)`, `r.state <= IDLE`).
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import type { Declaration } from '../scopes';
import type { Workspace } from '../workspace';
import type { Names, Write } from './collect';
import { compact, nameBase, simpleValue, stripParens } from './text';
import { typeDeclarationOf } from './typeInfo';

export interface RecordField {
  /** Lower-case element name. */
  name: string;
  /** The subtype indication as written. */
  type: string;
  decl: Declaration;
}

/** The fields of an object's record type (through subtypes), in declaration order; undefined when it is not a record. */
export function recordFields(ws: Workspace, names: Names, decl: Declaration): RecordField[] | undefined {
  let t = typeDeclarationOf(ws, names, decl);
  for (let i = 0; i < 4 && t && t.kind === 'subtype'; i++) t = typeDeclarationOf(ws, names, t);
  if (!t || t.kind !== 'type' || !t.node.child(N.RecordTypeDefinition) || !t.region) return undefined;
  const out: RecordField[] = [];
  for (const list of t.region.decls.values()) {
    for (const d of list) {
      if (d.kind !== 'element') continue;
      const st = d.node.child(N.SubtypeIndication);
      out.push({ name: d.name, type: st ? compact(st) : '', decl: d });
    }
  }
  return out.sort((a, b) => a.decl.nameNode.start - b.decl.nameNode.start);
}

/** `.state` (any case, blanks dropped) as the field name `state`; undefined for other suffixes. */
export function fieldOfElement(element: string | undefined): string | undefined {
  const m = element ? /^\.\s*([A-Za-z][\w]*)/.exec(element) : null;
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * The expression giving `field` in a record value: the matching association of an aggregate
 * (named, positional or `others`), through a constant's initial value. Undefined when not static.
 */
export function fieldValue(names: Names, value: SyntaxNode | undefined, field: string, fields: RecordField[], depth = 0): SyntaxNode | undefined {
  const v = stripParens(value);
  if (!v || depth > 4) return undefined;
  if (v.kind === N.QualifiedExpression) return fieldValue(names, v.childNodes()[1], field, fields, depth + 1);
  if (v.kind === N.SimpleName) {
    const d = names.object(v);
    if (d?.kind !== 'constant') return undefined;
    return fieldValue(names, constantValue(d), field, fields, depth + 1);
  }
  if (v.kind !== N.Aggregate) return undefined;
  const index = fields.findIndex((f) => f.name === field);
  let others: SyntaxNode | undefined;
  let position = 0;
  for (const ea of v.childNodes(N.ElementAssociation)) {
    const choices = ea.child(N.Choices);
    const expr = ea.childNodes().find((c) => c !== choices);
    if (!choices) {
      if (position++ === index) return expr;
      continue;
    }
    if (choices.token(T.OthersKw)) others = expr;
    else if (choices.childNodes().some((c) => c.kind === N.SimpleName && nameOf(c) === field)) return expr;
  }
  return others;
}

/** The initial value expression of a constant declaration (after `:=`). */
export function constantValue(d: Declaration): SyntaxNode | undefined {
  const assign = d.node.token(T.ColonEq);
  return assign ? d.node.childNodes().find((c) => c.start >= assign.end) : undefined;
}

/**
 * The reset value of each field of a record register, as source text, from the writes of its reset
 * branch: whole assignments give every field through `fieldValue`, element assignments their field.
 * Null for a field the reset does not set (or sets to something computed).
 */
export function fieldResets(names: Names, reg: Declaration, fields: RecordField[], branch: SyntaxNode | undefined, writes: Write[]): Map<string, string | null> {
  const out = new Map<string, string | null>(fields.map((f) => [f.name, null]));
  if (!branch) return out;
  for (const w of writes) {
    if (w.decl !== reg || w.via || w.stmt.start < branch.start || w.stmt.end > branch.end) continue;
    const value = simpleValue(w.stmt);
    if (!w.element) {
      for (const f of fields) {
        const fv = fieldValue(names, value, f.name, fields);
        out.set(f.name, fv ? compact(fv) : null);
      }
      continue;
    }
    const f = fieldOfElement(w.element);
    // Only a whole field (`.state`), not a part of one (`.cnt(0)`).
    if (f && out.has(f) && w.element.replace(/\s/g, '').toLowerCase() === `.${f}`) out.set(f, value ? compact(value) : null);
  }
  return out;
}

/**
 * Whether `n` names `d` followed by exactly `.field` (or, with no field, `d` alone). With `formals`,
 * a subprogram parameter stands for the object it maps to (inside a procedure body followed from a call).
 */
export function namesField(names: Names, n: SyntaxNode | undefined, d: Declaration, field: string | undefined, formals?: Map<Declaration, Declaration>): boolean {
  const s = stripParens(n);
  if (!s || (s.kind !== N.SimpleName && s.kind !== N.SelectedName)) return false;
  const nb = nameBase(s);
  if (!nb || (names.object(nb.base) ?? formals?.get(names.lookup(nb.base)!)) !== d) return false;
  if (field === undefined) return nb.element === undefined;
  return nb.element !== undefined && nb.element.replace(/\s/g, '').toLowerCase() === `.${field}`;
}
