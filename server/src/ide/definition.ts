// Go to definition: the declarations a name at a position denotes.
import { declarationsAt } from '../analysis/resolve';
import type { Workspace } from '../analysis/workspace';
import { declarationLocation, fileOffset } from './locations';
import type { Location, Position } from './types';

export function definition(ws: Workspace, uri: string, pos: Position): Location[] {
  const at = fileOffset(ws, uri, pos);
  if (!at) return [];
  return declarationsAt(ws, at.file, at.offset).map(declarationLocation);
}
