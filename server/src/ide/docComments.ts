// Documentation comments of a declaration: `--!` or plain `--` lines directly above it, and a
// trailing comment on the line where it ends.
import type { SourceFile } from '../analysis/sourceFile';
import { TokenKind as T } from '../syntax/tokenKind';
import { tokenAt } from '../syntax/tree';
import type { SyntaxNode } from '../syntax/tree';

/** Comment text with the `--`/`--!` marker and one following space removed. */
function stripMarker(line: string): string {
  return line.replace(/^\s*--!?\s?/, '').trimEnd();
}

/**
 * The comment lines right above `node`'s first line (no blank line in between) followed by a
 * comment that trails the node on its last line; '' when there is none. Separator lines made
 * only of dashes or equals signs are dropped.
 */
export function docComment(file: SourceFile, node: SyntaxNode): string {
  const lines = file.lines;
  const text = file.text;
  const first = lines.positionAt(node.start).line;
  const above: string[] = [];
  for (let l = first - 1; l >= 0; l--) {
    const start = lines.lineStarts[l];
    const end = l + 1 < lines.lineCount ? lines.lineStarts[l + 1] : text.length;
    const line = text.slice(start, end).trim();
    if (!line.startsWith('--')) break;
    // Code on the line before the comment's own line would make it a trailing comment of that code.
    above.unshift(stripMarker(line));
  }
  const body = above.filter((l) => !/^[-=*#~\s]*$/.test(l) || l === '');
  while (body.length && body[0] === '') body.shift();
  const trailing = trailingComment(file, node);
  if (trailing) body.push(trailing);
  return body.join('\n').trim();
}

/** A `--` comment after `node` on the line where it ends (past a `;` or `,` that closes it). */
export function trailingComment(file: SourceFile, node: SyntaxNode): string | undefined {
  const lines = file.lines;
  const endLine = lines.positionAt(node.end).line;
  const lineEnd = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1] : file.text.length;
  const rest = file.text.slice(node.end, lineEnd);
  const i = rest.indexOf('--');
  if (i < 0) return undefined;
  // Only separators may stand between the node and the comment, and it must really be a comment token.
  if (!/^[\s;,)]*$/.test(rest.slice(0, i))) return undefined;
  const tok = tokenAt(file.root, node.end + i);
  if (!tok || tok.kind !== T.LineComment) return undefined;
  const c = stripMarker(tok.text);
  return c || undefined;
}
