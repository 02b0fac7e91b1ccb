// Conversions between tree offsets and editor positions, and where a declaration lives.
import type { Declaration } from '../analysis/scopes';
import type { SourceFile } from '../analysis/sourceFile';
import type { Workspace } from '../analysis/workspace';
import { nameToken, type SyntaxNode } from '../syntax/tree';
import type { Location, Position, Range } from './types';

export function rangeOf(file: SourceFile, start: number, end: number): Range {
  return { start: file.lines.positionAt(start), end: file.lines.positionAt(end) };
}

export function nodeRange(file: SourceFile, node: SyntaxNode): Range {
  return rangeOf(file, node.start, node.end);
}

/** The range of the identifier that spells a DefiningName, SimpleName or Label (without a label's colon). */
export function nameRange(file: SourceFile, nameNode: SyntaxNode): Range {
  const tok = nameToken(nameNode);
  return tok ? rangeOf(file, tok.start, tok.end) : nodeRange(file, nameNode);
}

export function declarationLocation(d: Declaration): Location {
  return { uri: d.file.uri, range: nameRange(d.file, d.nameNode) };
}

/** The file at `uri` and the offset of `pos` in it, or undefined when the file is not in the workspace. */
export function fileOffset(ws: Workspace, uri: string, pos: Position): { file: SourceFile; offset: number } | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  return { file, offset: file.lines.offsetAt(pos) };
}
