// Comments that document a declaration: `--!` or `--` lines directly above it and a trailing comment.
import { NodeKind as N } from '../../syntax/nodeKind';
import type { SyntaxNode } from '../../syntax/tree';
import type { SourceFile } from '../sourceFile';

function strip(line: string): string {
  return line.replace(/^\s*--!?\s?/, '').trimEnd();
}

/**
 * The documentation of a declaration node: the comment lines right above its first line (no blank
 * line between, and nothing else on its first line before it), then a comment trailing it on its
 * last line. Separator lines (`-----`) are dropped. '' when there is none.
 */
export function commentOf(file: SourceFile, node: SyntaxNode): string {
  const text = file.text;
  const lines = file.lines;
  const firstLine = lines.positionAt(node.start).line;
  const lineStart = lines.lineStarts[firstLine];
  const out: string[] = [];
  const before = text.slice(lineStart, node.start);
  // In `port (a : in bit;` the first port shares its line with `port (`: comments above still document it.
  if (/^\s*$/.test(before) || /^\s*(port|generic)\s*\(\s*$/i.test(before)) {
    for (let l = firstLine - 1; l >= 0; l--) {
      const line = text.slice(lines.lineStarts[l], l + 1 < lines.lineCount ? lines.lineStarts[l + 1] : text.length).trim();
      if (!line.startsWith('--')) break;
      out.unshift(strip(line));
    }
  }
  const body = out.filter((l) => !/^[-=*#~_\s]+$/.test(l) && l !== '');
  const trailing = trailingOf(file, node);
  if (trailing) body.push(trailing);
  return body.join('\n').trim();
}

function trailingOf(file: SourceFile, node: SyntaxNode): string | undefined {
  // An interface declaration stops before its `;`, and a port list's last one before `)`.
  const lines = file.lines;
  const endLine = lines.positionAt(node.end).line;
  const lineEnd = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1] : file.text.length;
  const rest = file.text.slice(node.end, lineEnd);
  const m = /^[\s;,)]*--(.*)$/.exec(rest.replace(/\r?\n$/, ''));
  if (!m) return undefined;
  const c = strip('--' + m[1]);
  return c || undefined;
}

/** The node whose comments document a declaration: the declaration itself (for statements, their label line). */
export function documentedNode(node: SyntaxNode): SyntaxNode {
  if (node.kind === N.ProcessStatement || node.kind === N.ComponentInstantiationStatement) return node.child(N.Label) ?? node;
  return node;
}
