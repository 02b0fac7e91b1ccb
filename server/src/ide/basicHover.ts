// Basic hover: the declaration of the name under the cursor, as VHDL, with its documentation comments.
import { resolveAt, nameNodeAt } from '../analysis/resolve';
import type { Declaration, DeclKind } from '../analysis/scopes';
import type { SourceFile } from '../analysis/sourceFile';
import type { Workspace } from '../analysis/workspace';
import { NodeKind as N } from '../syntax/nodeKind';
import { SyntaxNode, SyntaxToken } from '../syntax/tree';
import { TokenKind as T } from '../syntax/tokenKind';
import { docComment } from './docComments';
import { fileOffset, nameRange } from './locations';
import type { Hover, HoverSection, Position } from './types';

/** Longest declaration text shown before it is cut with an ellipsis. */
const MAX_LINES = 30;

const KIND_WORDS: Partial<Record<DeclKind, string>> = {
  packageBody: 'package body',
  packageInstance: 'package instance',
  sharedVariable: 'shared variable',
  enumLiteral: 'enumeration literal',
  physicalUnit: 'unit',
  element: 'record element',
  loopParameter: 'loop parameter',
  generateParameter: 'generate parameter',
};

/**
 * The hover for a position: a `declaration` section (the VHDL text and where it is declared) and,
 * when the declaration has documentation comments, a `docs` section. Undefined when the cursor is
 * not on a name with a known declaration.
 */
export function basicHover(ws: Workspace, uri: string, pos: Position): Hover | undefined {
  const at = fileOffset(ws, uri, pos);
  if (!at) return undefined;
  const nameNode = nameNodeAt(at.file, at.offset);
  const r = resolveAt(ws, at.file, at.offset);
  if (!nameNode || !r) return undefined;
  const range = nameRange(at.file, nameNode);
  if (r.kind === 'library') return { range, sections: [{ id: 'declaration', markdown: codeBlock(`library ${r.library};`) }] };
  if (r.kind !== 'declarations') return undefined;
  const sections: HoverSection[] = [];
  // Overloads and a component's bound entity: show each (a few at most).
  for (const d of r.decls.slice(0, 3)) sections.push(...declarationSections(d));
  return { range, sections };
}

/** The sections describing one declaration; exported for layers that build their own hovers. */
export function declarationSections(d: Declaration): HoverSection[] {
  const out: HoverSection[] = [{ id: 'declaration', markdown: `${codeBlock(declarationText(d))}\n${whereDeclared(d)}` }];
  const docs = docComment(d.file, docNode(d));
  if (docs) out.push({ id: 'docs', markdown: docs });
  return out;
}

function codeBlock(text: string): string {
  return '```vhdl\n' + text + '\n```';
}

function kindWord(d: Declaration): string {
  return KIND_WORDS[d.kind] ?? d.kind;
}

/** `*port* of entity \`counter\` (counter.vhd)`. */
function whereDeclared(d: Declaration): string {
  const owner = d.scope.owner;
  const file = d.file.uri.slice(d.file.uri.lastIndexOf('/') + 1);
  const of = owner && owner !== d ? ` of ${kindWord(owner)} \`${owner.name}\`` : d.unit ? ` in library \`${d.unit.library}\`` : '';
  return `*${kindWord(d)}*${of} — ${file}`;
}

/** The node whose surrounding comments document `d`: the whole declaration, or a statement's first line. */
function docNode(d: Declaration): SyntaxNode {
  if (d.kind === 'enumLiteral' || d.kind === 'physicalUnit') return d.nameNode;
  return d.node;
}

/** The text of a declaration, cut to its header for regions (entity ports kept, bodies dropped). */
export function declarationText(d: Declaration): string {
  const file = d.file;
  const n = d.node;
  let end = n.end;
  const stop = headerEnd(n);
  if (stop !== undefined) end = stop;
  let text = file.text.slice(lineStartOf(file, n.start), end);
  text = dedent(text.replace(/\s+$/, ''));
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_LINES) text = [...lines.slice(0, MAX_LINES), '  ...'].join('\n');
  if (needsSemicolon(n)) text += ';';
  return text;
}

/** Where a region's header ends: before its declarations, statements or `end`; undefined to show it all. */
function headerEnd(n: SyntaxNode): number | undefined {
  switch (n.kind) {
    case N.EntityDeclaration:
    case N.ComponentDeclaration: {
      const last = n.child(N.PortClause) ?? n.child(N.GenericClause);
      if (last) return last.end;
      return tokenEnd(n, T.IsKw);
    }
    case N.ArchitectureBody:
    case N.PackageDeclaration:
    case N.PackageBody:
    case N.ConfigurationDeclaration:
    case N.ContextDeclaration:
    case N.ProcessStatement:
    case N.BlockStatement:
      return tokenEnd(n, T.IsKw) ?? tokenEnd(n, T.BeginKw) ?? firstChildStart(n, N.DeclarativePart, N.SequentialStatements, N.ConcurrentStatements, N.EndClause);
    case N.SubprogramBody:
    case N.SubprogramDeclaration:
      return n.child(N.FunctionSpecification, N.ProcedureSpecification)?.end;
    case N.ForGenerateStatement:
    case N.IfGenerateStatement:
    case N.CaseGenerateStatement:
      return tokenEnd(n, T.GenerateKw);
    case N.LoopStatement:
      return tokenEnd(n, T.LoopKw);
    case N.ComponentInstantiationStatement:
      return undefined;
    default:
      return undefined;
  }
}

function tokenEnd(n: SyntaxNode, kind: T): number | undefined {
  return n.token(kind)?.end;
}

function firstChildStart(n: SyntaxNode, ...kinds: N[]): number | undefined {
  return n.child(...kinds)?.start;
}

/** Interface declarations and subprogram specifications stop before their `;`; add it back for readability. */
function needsSemicolon(n: SyntaxNode): boolean {
  const last = n.children[n.children.length - 1];
  if (last instanceof SyntaxToken && last.kind === T.Semicolon) return false;
  return n.kind === N.InterfaceSignalDeclaration || n.kind === N.InterfaceConstantDeclaration || n.kind === N.InterfaceVariableDeclaration || n.kind === N.InterfaceFileDeclaration;
}

function lineStartOf(file: SourceFile, offset: number): number {
  const line = file.lines.positionAt(offset).line;
  const start = file.lines.lineStarts[line];
  // Keep the text from the line start only if it is indentation (so dedent works); else start at the node.
  return /^\s*$/.test(file.text.slice(start, offset)) ? start : offset;
}

function dedent(text: string): string {
  const lines = text.split(/\r?\n/);
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const firstIndent = /^\s*/.exec(lines[0])![0].length;
  const min = Math.min(firstIndent, ...indents);
  return lines.map((l) => l.slice(Math.min(min, /^\s*/.exec(l)![0].length))).join('\n');
}
