// The syntax layer's public API: parse VHDL text into a lossless tree plus diagnostics.
import { NodeKind } from './nodeKind';
import { Parser } from './parser';
import { designFile } from './grammar/designUnits';
import type { SyntaxDiagnostic } from './diagnostics';
import { SyntaxNode } from './tree';
import { type TextEdit, diffEdit, tryReparse } from './incremental';

export { NodeKind } from './nodeKind';
export { TokenKind, isTrivia, isKeyword, tokenSpelling } from './tokenKind';
export { SyntaxNode, SyntaxToken, emptyNode, treeText, tokenAt, nodeAt, previousToken, identifierText, nameOf, nameToken, labelOf, printTree } from './tree';
export type { SyntaxElement } from './tree';
export { LineIndex } from './lineIndex';
export type { LineColumn } from './lineIndex';
export type { SyntaxDiagnostic, SyntaxErrorCode } from './diagnostics';
export { EXPRESSION_KINDS } from './grammar/expressions';
export { lex } from './lexer';
export { GreenTree } from './green';
export { diffEdit, applyEdit, tryReparse } from './incremental';
export type { TextEdit } from './incremental';

export interface ParseResult {
  /** A DesignFile node spanning the whole text; printing its tokens gives the text back. */
  root: SyntaxNode;
  /** Lexer and parser diagnostics, sorted by start offset. */
  diagnostics: SyntaxDiagnostic[];
}

/** Parses a VHDL design file. Never throws on any input; errors come back as diagnostics. */
export function parse(text: string): ParseResult {
  const p = new Parser(text);
  designFile(p);
  const green = p.finish(NodeKind.DesignFile);
  const root = new SyntaxNode(green, green.nodeCount - 1, undefined);
  const diagnostics = p.diagnostics.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  return { root, diagnostics };
}

/**
 * The parse of `newText`, given `previous`, the parse of the text before an edit (found by diffing
 * when `edit` is not given): one statement, declaration or design unit reparsed and spliced in when
 * that provably gives the same tree and diagnostics as `parse(newText)`, a full parse otherwise.
 */
export function reparse(previous: ParseResult, newText: string, edit?: TextEdit): ParseResult {
  try {
    const e = edit ?? diffEdit(previous.root.green.text, newText);
    const r = tryReparse(previous, newText, e);
    if (r !== undefined) return r;
  } catch {
    // Incremental reparsing is an optimisation: any surprise falls back to the full parse.
  }
  return parse(newText);
}
