// Folding ranges: design units, declarations and statements that span lines, and comment blocks.
import type { Workspace } from '../analysis/workspace';
import { EXPRESSION_KINDS, NodeKind as N, TokenKind as T } from '../syntax/index';
import type { FoldingRange } from './types';

const FOLDED = new Set([
  N.EntityDeclaration, N.ArchitectureBody, N.PackageDeclaration, N.PackageBody, N.ConfigurationDeclaration, N.ContextDeclaration,
  N.ComponentDeclaration, N.SubprogramBody, N.ProcessStatement, N.BlockStatement, N.ForGenerateStatement, N.IfGenerateStatement,
  N.CaseGenerateStatement, N.GenerateAlternative, N.ComponentInstantiationStatement, N.IfBranch, N.CaseStatement,
  N.CaseStatementAlternative, N.LoopStatement, N.RecordTypeDefinition, N.ProtectedTypeDeclaration, N.ProtectedTypeBody,
  N.GenericClause, N.PortClause, N.PortMapAspect, N.GenericMapAspect, N.Aggregate, N.ContextClause,
]);

const EXPRESSIONS = new Set(EXPRESSION_KINDS);

export function foldingRanges(ws: Workspace, uri: string): FoldingRange[] {
  const file = ws.getFile(uri);
  if (!file || !file.analysable) return [];
  const out: FoldingRange[] = [];
  const lines = file.lines;
  const stack = [file.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (FOLDED.has(n.kind)) {
      const start = lines.positionAt(n.start).line;
      let end = lines.positionAt(n.end).line;
      // Keep the closing line (`end process;`, `);`) visible when the construct ends on its own line.
      const last = n.children[n.children.length - 1];
      const closesAlone = last && (last.isNode() ? last.kind === N.EndClause : last.kind === T.RParen || last.kind === T.Semicolon);
      if (closesAlone && end > start) end--;
      if (end > start) out.push({ startLine: start, endLine: end });
    }
    for (const c of n.children) if (c.isNode() && (c.kind === N.Aggregate || !EXPRESSIONS.has(c.kind))) stack.push(c);
  }
  // Runs of two or more whole-line comments.
  let runStart = -1;
  for (let l = 0; l <= lines.lineCount; l++) {
    const isComment = l < lines.lineCount && /^\s*--/.test(file.text.slice(lines.lineStarts[l], l + 1 < lines.lineCount ? lines.lineStarts[l + 1] : file.text.length));
    if (isComment && runStart < 0) runStart = l;
    if (!isComment && runStart >= 0) {
      if (l - 1 > runStart) out.push({ startLine: runStart, endLine: l - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
