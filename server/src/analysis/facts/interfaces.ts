// The ports, generics or parameters of an entity, component or subprogram, in declaration order.
import { NodeKind as N } from '../../syntax/nodeKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import { compact } from './text';

export interface InterfaceItem {
  name: string;
  /** in, out, inout, buffer, linkage; `in` when omitted (signals and constants). */
  mode: string;
  type: string;
  node: SyntaxNode;
}

/** The mode of an interface declaration: `in` when it has none, as VHDL defaults it. */
export function interfaceMode(decl: SyntaxNode): string {
  return decl.child(N.Mode)?.childTokens()[0]?.text.toLowerCase() ?? 'in';
}

/**
 * The interface items of `owner`'s port or generic clause (`clause`), or of an interface list
 * holder when `clause` is undefined (a parameter list).
 */
export function interfaceItems(owner: SyntaxNode, clause: N | undefined): InterfaceItem[] {
  const holder = clause === undefined ? owner : owner.child(clause);
  const list = holder?.kind === N.InterfaceList ? holder : holder?.child(N.InterfaceList);
  const out: InterfaceItem[] = [];
  if (!list) return out;
  for (const decl of list.childNodes()) {
    const names = decl.child(N.IdentifierList)?.childNodes(N.DefiningName) ?? decl.childNodes(N.DefiningName);
    const mode = interfaceMode(decl);
    const st = decl.child(N.SubtypeIndication);
    for (const n of names) {
      const name = nameOf(n);
      if (name) out.push({ name, mode, type: st ? compact(st) : '', node: decl });
    }
  }
  return out;
}
