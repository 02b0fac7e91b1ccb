// One VHDL file in the workspace: its text, and the parse and per-file indexes built lazily from it.
import { type ParseResult, diffEdit, parse, tryReparse } from '../syntax/index';
import { LineIndex } from '../syntax/lineIndex';
import type { SyntaxDiagnostic } from '../syntax/diagnostics';
import { SyntaxNode } from '../syntax/tree';
import { NodeKind } from '../syntax/nodeKind';
import { type DesignUnit, designUnitsOf } from './designUnits';
import { buildFileScopes, type FileScopes } from './scopes';

/**
 * Files longer than this are parsed for syntax diagnostics only: a full semantic pass over a
 * generated multi-megabyte netlist would hold a server for tens of seconds and gigabytes.
 */
export const MAX_ANALYSED_CHARS = 3_000_000;

export class SourceFile {
  private parsed: { root: SyntaxNode; diagnostics: SyntaxDiagnostic[] } | undefined;
  private lineIndex: LineIndex | undefined;
  private unitList: DesignUnit[] | undefined;
  private fileScopes: FileScopes | undefined;
  private lowered: string | undefined;
  /** The parse of this file's previous text, to reparse incrementally from; dropped once parsed. */
  private basis: ParseResult | undefined;
  /** Whether the parse was spliced from the previous one rather than made from scratch (for tests and benchmarks). */
  incremental = false;

  constructor(
    readonly uri: string,
    readonly text: string,
    /** The editor's document version, or -1 for text read from disk. */
    public version: number,
    readonly library: string,
    /** The file this one replaces (an edit): its parse, when it has one, makes this parse incremental. */
    previous?: SourceFile,
  ) {
    this.basis = previous?.reusableParse();
  }

  /** The parse to reparse a successor from: this text's, or else the one this file would start from. */
  private reusableParse(): ParseResult | undefined {
    return this.parsed ?? this.basis;
  }

  /** The syntax tree; parsed on first use. A parser failure gives an empty tree and one diagnostic. */
  get root(): SyntaxNode {
    return this.parse().root;
  }

  get syntaxDiagnostics(): SyntaxDiagnostic[] {
    return this.parse().diagnostics;
  }

  get isParsed(): boolean {
    return this.parsed !== undefined;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Whether the file is small enough for semantic analysis (see MAX_ANALYSED_CHARS). */
  get analysable(): boolean {
    return this.text.length <= MAX_ANALYSED_CHARS;
  }

  /** The design units this file declares, in text order (none for a file too large to analyse). */
  get units(): DesignUnit[] {
    return (this.unitList ??= this.analysable ? designUnitsOf(this) : []);
  }

  /** Declarative regions and declarations of this file (empty for a file too large to analyse). */
  get scopes(): FileScopes {
    return (this.fileScopes ??= buildFileScopes(this, !this.analysable));
  }

  /** The text lower-cased, for quick "does this file mention the name" checks. */
  get lowerText(): string {
    return (this.lowered ??= this.text.toLowerCase());
  }

  private parse(): { root: SyntaxNode; diagnostics: SyntaxDiagnostic[] } {
    if (this.parsed) return this.parsed;
    try {
      // reparse re-lexes and re-parses only the edited statement when that provably gives the same
      // tree and diagnostics as a full parse, and parses the whole text otherwise.
      const basis = this.basis;
      this.basis = undefined;
      const inc = basis !== undefined && basis.root.green.text !== this.text ? tryReparse(basis, this.text, diffEdit(basis.root.green.text, this.text)) : undefined;
      this.incremental = inc !== undefined;
      this.parsed = inc ?? parse(this.text);
    } catch (e) {
      // The parser promises not to throw; if it does, the file still takes part with no content.
      this.parsed = {
        root: new SyntaxNode(NodeKind.DesignFile, [], 0, 0),
        diagnostics: [{ code: 'syntax/unexpected', message: `internal parser error: ${e instanceof Error ? e.message : String(e)}`, start: 0, end: 0 }],
      };
    }
    return this.parsed;
  }
}
