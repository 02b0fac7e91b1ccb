// Document highlights: the occurrences, in the current file, of the declaration under the cursor.
import { findReferences } from '../analysis/references';
import { declarationsAt } from '../analysis/resolve';
import type { Workspace } from '../analysis/workspace';
import { NodeKind as N } from '../syntax/nodeKind';
import type { SyntaxNode } from '../syntax/tree';
import { fileOffset, nameRange } from './locations';
import type { Highlight, Position } from './types';

export function documentHighlights(ws: Workspace, uri: string, pos: Position): Highlight[] {
  const at = fileOffset(ws, uri, pos);
  if (!at) return [];
  const targets = declarationsAt(ws, at.file, at.offset);
  if (targets.length === 0) return [];
  const primary = targets.filter((d) => d.kind === targets[0].kind && d.name === targets[0].name);
  return findReferences(ws, primary, true, () => false, at.file).map((r) => ({
    range: nameRange(at.file, r.node),
    kind: r.isDeclaration || isAssigned(r.node) ? 'write' : 'read',
  }));
}

/** Whether a name is (the prefix of) an assignment target. */
function isAssigned(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.kind === N.Target) return true;
    if (p.kind !== N.SelectedName && p.kind !== N.CallOrIndexName) return false;
  }
  return false;
}
