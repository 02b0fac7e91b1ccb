// The design units of one file: kind, name, the primary unit a secondary unit belongs to, context clause.
import { NodeKind } from '../syntax/nodeKind';
import { nameOf, nameToken, SyntaxNode, type SyntaxToken } from '../syntax/tree';
import type { SourceFile } from './sourceFile';

export type UnitKind = 'entity' | 'architecture' | 'package' | 'packageBody' | 'packageInstance' | 'configuration' | 'context';

export interface DesignUnit {
  kind: UnitKind;
  /** Normalized name (lower case for basic identifiers); '' when the source lacks one. */
  name: string;
  /** An architecture's or configuration's entity, a package body's package. */
  primaryName?: string;
  library: string;
  file: SourceFile;
  /** The library unit node: EntityDeclaration, ArchitectureBody, ... */
  node: SyntaxNode;
  /** The enclosing DesignUnit node (context clause included). */
  designUnitNode: SyntaxNode;
  contextClause?: SyntaxNode;
  /** The token that spells the unit's name. */
  nameToken?: SyntaxToken;
}

const UNIT_KINDS = new Map<NodeKind, UnitKind>([
  [NodeKind.EntityDeclaration, 'entity'],
  [NodeKind.ArchitectureBody, 'architecture'],
  [NodeKind.PackageDeclaration, 'package'],
  [NodeKind.PackageBody, 'packageBody'],
  [NodeKind.PackageInstantiationDeclaration, 'packageInstance'],
  [NodeKind.ConfigurationDeclaration, 'configuration'],
  [NodeKind.ContextDeclaration, 'context'],
]);

export function isPrimary(kind: UnitKind): boolean {
  return kind !== 'architecture' && kind !== 'packageBody';
}

export function designUnitsOf(file: SourceFile): DesignUnit[] {
  const out: DesignUnit[] = [];
  for (const du of file.root.childNodes(NodeKind.DesignUnit)) {
    const node = du.children.find((c): c is SyntaxNode => c instanceof SyntaxNode && UNIT_KINDS.has(c.kind));
    if (!node) continue;
    const kind = UNIT_KINDS.get(node.kind)!;
    const unit: DesignUnit = {
      kind,
      name: '',
      library: file.library,
      file,
      node,
      designUnitNode: du,
      contextClause: du.child(NodeKind.ContextClause),
    };
    if (kind === 'packageBody') {
      // `package body p is`: the name names the package; it may be parsed as a defining or a simple name.
      const n = node.child(NodeKind.DefiningName, NodeKind.SimpleName);
      unit.name = nameOf(n) ?? '';
      unit.nameToken = n ? nameToken(n) : undefined;
      unit.primaryName = unit.name;
    } else {
      unit.name = nameOf(node) ?? '';
      unit.nameToken = nameToken(node);
      if (kind === 'architecture' || kind === 'configuration') unit.primaryName = nameOf(node.child(NodeKind.SimpleName));
    }
    out.push(unit);
  }
  return out;
}
