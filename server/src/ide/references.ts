// Find references across the workspace, as editor locations.
import { findReferences } from '../analysis/references';
import { declarationsAt } from '../analysis/resolve';
import type { Workspace } from '../analysis/workspace';
import { fileOffset, nameRange } from './locations';
import type { Location, Position } from './types';

export function references(ws: Workspace, uri: string, pos: Position, includeDeclaration: boolean, isCancelled: () => boolean = () => false): Location[] {
  const at = fileOffset(ws, uri, pos);
  if (!at) return [];
  const targets = declarationsAt(ws, at.file, at.offset);
  // A component's references are its own; its bound entity (also returned by resolution) has others.
  const primary = targets.length ? targets.filter((d) => d.kind === targets[0].kind && d.name === targets[0].name) : [];
  return findReferences(ws, primary, includeDeclaration, isCancelled).map((r) => ({ uri: r.file.uri, range: nameRange(r.file, r.node) }));
}
