// One VHDL file in the workspace: its text, and the parse and per-file indexes built lazily from it.
import { type ParseResult, diffEdit, parse, tryReparse } from '../syntax/index';
import type { TextEdit, TreeChange } from '../syntax/incremental';
import { LineIndex } from '../syntax/lineIndex';
import type { SyntaxDiagnostic } from '../syntax/diagnostics';
import { SyntaxNode } from '../syntax/tree';
import { NodeKind } from '../syntax/nodeKind';
import { type DesignUnit, designUnitsOf } from './designUnits';
import { buildFileScopes, type FileScopes, type ScopesBasis } from './scopes';

/**
 * Files longer than this are parsed for syntax diagnostics only: a full semantic pass over a
 * generated multi-megabyte netlist would hold a server for tens of seconds and gigabytes.
 */
export const MAX_ANALYSED_CHARS = 3_000_000;

export class SourceFile {
  private parsed: { root: SyntaxNode; diagnostics: SyntaxDiagnostic[] } | undefined;
  private lineIndex: LineIndex | undefined;
  /** The previous version's line index, to patch `lineIndex` from; dropped once patched. */
  private linesBasis: LineIndex | undefined;
  /** The edit from a previous text to this one (the last one asked for), shared by the patches. */
  private editFrom: { text: string; edit: TextEdit } | undefined;
  private unitList: DesignUnit[] | undefined;
  private fileScopes: FileScopes | undefined;
  /** The parse of this file's previous text, to reparse incrementally from; dropped once parsed. */
  private basis: ParseResult | undefined;
  /** The regions of the text `basis` parsed, to copy unchanged regions from; dropped once scopes are built. */
  private scopesBasis: FileScopes | undefined;
  /** How the incremental reparse changed the basis tree (undefined after a full parse). */
  private change: TreeChange | undefined;
  /** Data later layers derive from this version (see `derived`). */
  private derivedData: Map<object, unknown> | undefined;
  /** Whether the parse was spliced from the previous one rather than made from scratch (for tests and benchmarks). */
  incremental = false;
  /** Whether the line index is patched from the previous version's (off: rebuilt; benchmarks compare both). */
  patchLines = true;

  constructor(
    readonly uri: string,
    readonly text: string,
    /** The editor's document version, or -1 for text read from disk. */
    public version: number,
    readonly library: string,
    /** The file this one replaces (an edit): its parse, when it has one, makes this parse incremental. */
    previous?: SourceFile,
    /** Whether regions of `previous` may be copied rather than rebuilt (off: benchmarks compare both). */
    reuseScopes = true,
  ) {
    this.basis = previous?.reusableParse();
    this.linesBasis = previous?.reusableLines();
    if (reuseScopes && previous) {
      this.scopesBasis = previous.reusableScopes();
      // The replaced version keeps its regions but lets go of its own predecessor's.
      previous.fileScopes?.release();
    }
  }

  /** The parse to reparse a successor from: this text's, or else the one this file would start from. */
  private reusableParse(): ParseResult | undefined {
    return this.parsed ?? this.basis;
  }

  private reusableLines(): LineIndex | undefined {
    return this.lineIndex ?? this.linesBasis;
  }

  /** The single edit that turns `old` into this text (computed once per earlier text). */
  private editSince(old: string): TextEdit {
    if (this.editFrom?.text !== old) this.editFrom = { text: old, edit: diffEdit(old, this.text) };
    const edit = this.editFrom.edit;
    // Once nothing is left to patch, the earlier text is let go.
    if (!this.basis && !this.linesBasis) this.editFrom = undefined;
    return edit;
  }

  /** The regions built on `reusableParse()`'s tree, if any. */
  private reusableScopes(): FileScopes | undefined {
    return this.parsed ? this.fileScopes : this.scopesBasis;
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
    if (this.lineIndex) return this.lineIndex;
    const b = this.linesBasis;
    this.linesBasis = undefined;
    // Patched from the previous version's index: only the edited span is scanned, and the new
    // index costs one typed array instead of a growing list of every line start.
    return (this.lineIndex = b && this.patchLines ? LineIndex.afterEdit(b, this.text, this.editSince(b.text)) : new LineIndex(this.text));
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
    if (this.fileScopes) return this.fileScopes;
    void this.root;
    const basis: ScopesBasis | undefined = this.scopesBasis && this.change ? { scopes: this.scopesBasis, change: this.change } : undefined;
    this.scopesBasis = undefined;
    return (this.fileScopes = buildFileScopes(this, !this.analysable, basis));
  }

  /**
   * Data a later layer derives from this version (the design facts), made on first use and dropped
   * with the version. Kept here rather than in a WeakMap keyed by the file: V8's minor collections
   * keep a WeakMap's values alive, and every version's facts, tree and text then survived each
   * scavenge until the next full collection.
   */
  derived<T>(key: object, make: () => T): T {
    const m = (this.derivedData ??= new Map());
    if (!m.has(key)) m.set(key, make());
    return m.get(key) as T;
  }

  /**
   * Where a name is spelled in the text, in any case: a global, case-insensitive search for `name`
   * (lower case; `exec` from `lastIndex`). No lower-cased copy of the text is made: one per version
   * of a large file was 0.3-0.5 ms and as many bytes as the text, on every edit.
   */
  nameSearch(name: string): RegExp {
    return new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  }

  /** Whether the text spells `name` (lower case) anywhere, in any case: a quick test before a closer look. */
  mentions(name: string): boolean {
    return this.nameSearch(name).test(this.text);
  }

  private parse(): { root: SyntaxNode; diagnostics: SyntaxDiagnostic[] } {
    if (this.parsed) return this.parsed;
    try {
      // reparse re-lexes and re-parses only the edited statement when that provably gives the same
      // tree and diagnostics as a full parse, and parses the whole text otherwise.
      const basis = this.basis;
      this.basis = undefined;
      const inc = basis !== undefined && basis.root.green.text !== this.text ? tryReparse(basis, this.text, this.editSince(basis.root.green.text)) : undefined;
      this.incremental = inc !== undefined;
      this.parsed = inc ?? parse(this.text);
      // Regions can be copied only from the tree this one was spliced from.
      this.change = inc?.change;
      if (this.scopesBasis && this.scopesBasis.root.regions.green !== basis?.root.green) this.change = undefined;
      if (!this.change) this.scopesBasis = undefined;
    } catch (e) {
      // The parser promises not to throw; if it does, the file still takes part with no content.
      this.change = undefined;
      this.scopesBasis = undefined;
      this.parsed = {
        root: new SyntaxNode(NodeKind.DesignFile, [], 0, 0),
        diagnostics: [{ code: 'syntax/unexpected', message: `internal parser error: ${e instanceof Error ? e.message : String(e)}`, start: 0, end: 0 }],
      };
    }
    return this.parsed;
  }
}
