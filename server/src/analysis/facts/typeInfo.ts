// What the analysis needs to know about an object's type: resolved or not, and enumeration literals.
import { NodeKind as N } from '../../syntax/nodeKind';
import { nameToken, type SyntaxNode } from '../../syntax/tree';
import { resolveNameNode } from '../resolve';
import type { Declaration } from '../scopes';
import type { Workspace } from '../workspace';
import type { Names } from './collect';
import { simpleOrSuffixName } from './text';

/** IEEE types with a resolution function (or, in VHDL-93, resolved elements). */
const RESOLVED = new Set(['std_logic', 'std_logic_vector', 'unsigned', 'signed', 'ufixed', 'sfixed', 'float', 'float32', 'float64', 'float128']);
/** Predefined and IEEE types without one. */
const UNRESOLVED = new Set([
  'std_ulogic', 'std_ulogic_vector', 'bit', 'bit_vector', 'boolean', 'boolean_vector', 'integer', 'natural', 'positive',
  'real', 'time', 'character', 'string', 'integer_vector', 'real_vector', 'time_vector', 'u_unsigned', 'u_signed',
  'unresolved_unsigned', 'unresolved_signed', 'u_ufixed', 'u_sfixed', 'unresolved_ufixed', 'unresolved_sfixed', 'severity_level',
]);

/** The type mark's name node of a declaration's subtype indication. */
export function typeMarkOf(decl: Declaration): SyntaxNode | undefined {
  const st = decl.node.child(N.SubtypeIndication);
  const mark = st?.child(N.TypeMark)?.childNodes()[0];
  return mark;
}

function markName(mark: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!mark) return undefined;
  if (mark.kind === N.SimpleName) return mark;
  if (mark.kind === N.SelectedName) return mark.childNodes().pop();
  return undefined;
}

/** The declaration of the type (or subtype) an object's type mark names, local first, then across files. */
export function typeDeclarationOf(ws: Workspace, names: Names, decl: Declaration): Declaration | undefined {
  // Asked several times per object (enumeration? record? resolved?): resolved once per model.
  const hit = names.typeCache.get(decl);
  if (hit !== undefined) return hit ?? undefined;
  const t = findTypeDeclaration(ws, names, decl);
  names.typeCache.set(decl, t ?? null);
  return t;
}

function findTypeDeclaration(ws: Workspace, names: Names, decl: Declaration): Declaration | undefined {
  const n = markName(typeMarkOf(decl));
  if (!n) return undefined;
  const local = decl.file === names.file ? names.lookup(n) : null;
  if (local) return local.kind === 'type' || local.kind === 'subtype' ? local : undefined;
  const r = resolveNameNode(ws, decl.file, n);
  if (r.kind !== 'declarations') return undefined;
  return r.decls.find((d) => d.kind === 'type' || d.kind === 'subtype');
}

/** Whether an object's type is resolved: true, false, or undefined when unknown. */
export function isResolvedType(ws: Workspace, names: Names, decl: Declaration): boolean | undefined {
  const st = decl.node.child(N.SubtypeIndication);
  if (st?.child(N.ResolutionIndication)) return true;
  const name = simpleOrSuffixName(typeMarkOf(decl));
  if (!name) return undefined;
  const t = typeDeclarationOf(ws, names, decl);
  if (t) {
    if (t.kind === 'type') return false; // a user-defined type has no resolution function of its own
    if (t.node.child(N.SubtypeIndication)?.child(N.ResolutionIndication)) return true;
    return isResolvedType(ws, names, t);
  }
  if (RESOLVED.has(name)) return true;
  if (UNRESOLVED.has(name)) return false;
  return undefined;
}

/** The literals of an object's enumeration type (user-declared), or undefined. */
export function enumLiterals(ws: Workspace, names: Names, decl: Declaration): { type: string; literals: string[] } | undefined {
  let t = typeDeclarationOf(ws, names, decl);
  for (let i = 0; i < 4 && t && t.kind === 'subtype'; i++) t = typeDeclarationOf(ws, names, t);
  if (!t || t.kind !== 'type') return undefined;
  const def = t.node.child(N.EnumerationTypeDefinition);
  if (!def) return undefined;
  const literals = def.childNodes(N.DefiningName).map((d) => nameToken(d)?.text ?? '').filter((s) => s && !s.startsWith("'"));
  return literals.length ? { type: t.name, literals } : undefined;
}
