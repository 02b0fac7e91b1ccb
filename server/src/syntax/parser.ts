// The parser's machinery: a cursor over significant tokens and a stack that builds the lossless tree.
import { lex } from './lexer';
import { NodeKind } from './nodeKind';
import { GreenTree } from './green';
import { TokenKind, isTrivia, tokenSpelling } from './tokenKind';
import type { SyntaxDiagnostic, SyntaxErrorCode } from './diagnostics';

/** A set of token kinds, tested in O(1). */
export class TokenSet {
  private readonly bits = new Uint8Array(256);
  constructor(...kinds: (TokenKind | TokenSet)[]) {
    for (const k of kinds) {
      if (k instanceof TokenSet) for (let i = 0; i < 256; i++) this.bits[i] |= k.bits[i];
      else this.bits[k] = 1;
    }
  }
  has(k: TokenKind): boolean {
    return this.bits[k] === 1;
  }
}

/** A completed node, for the few places that look back at what was just parsed. */
export interface NodeRef {
  kind: NodeKind;
  index: number;
}

/** How deep expressions and nested statements may go before the rest is kept as an error node. */
export const MAX_DEPTH = 200;

/**
 * Grammar functions (one module per LRM chapter under grammar/) drive this class:
 * `const m = p.mark(); ...; p.complete(m, NodeKind.X)` wraps every element pushed since the mark,
 * so a node can also be wrapped after the fact (binary expressions, names with suffixes).
 * Trivia are pushed lazily: before the next token or at a mark, so nodes start and end on
 * significant tokens and comments between two nodes belong to their parent.
 */
export class Parser {
  readonly diagnostics: SyntaxDiagnostic[];
  depth = 0;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly tokenCount: number;
  /** Indices of the significant tokens; the last one is Eof. */
  private readonly sig: Int32Array;
  /** Kinds of the significant tokens (sigKinds[i] === kinds[sig[i]]), for one-lookup peeking. */
  private readonly sigKinds: Uint8Array;
  private pos = 0;
  /** Index of the next raw token to push onto the stack. */
  private emitted = 0;
  // The element stack: token t is pushed as t, node j as ~j (negative).
  private stack: Int32Array;
  private top = 0;
  private nodeKinds: Uint8Array;
  private nodeTokenStart: Int32Array;
  private nodeTokenEnd: Int32Array;
  private nodeFirstDescendant: Int32Array;
  private nodeCount = 0;
  private tooDeepReported = false;
  /** How many constructs closed by `end <keyword>` are open, per keyword (see `open`). */
  readonly openCounts = new Uint16Array(256);
  /**
   * Set when an answer may depend on what precedes the text (an `isOpen` that said no, a `close`
   * with nothing open, a line-break test at the first token): incremental reparsing refuses then.
   */
  contextQueried = false;
  /** How many of `diagnostics` come from the lexer (they come first). */
  readonly lexDiagnosticCount: number;

  constructor(readonly text: string) {
    const lexed = lex(text);
    this.kinds = lexed.kinds;
    this.starts = lexed.starts;
    this.tokenCount = lexed.count;
    this.diagnostics = lexed.diagnostics;
    this.lexDiagnosticCount = lexed.diagnostics.length;
    const sig = new Int32Array(lexed.count);
    const sigKinds = new Uint8Array(lexed.count);
    let n = 0;
    const kinds = lexed.kinds;
    for (let i = 0; i < lexed.count; i++) {
      const k = kinds[i];
      if (k > TokenKind.Unknown) {
        sigKinds[n] = k;
        sig[n++] = i;
      }
    }
    this.sig = sig.subarray(0, n);
    this.sigKinds = sigKinds.subarray(0, n);
    this.stack = new Int32Array(256);
    const cap = 64 + n + (n >> 1);
    this.nodeKinds = new Uint8Array(cap);
    this.nodeTokenStart = new Int32Array(cap);
    this.nodeTokenEnd = new Int32Array(cap);
    this.nodeFirstDescendant = new Int32Array(cap);
  }

  // --- Looking at tokens ---------------------------------------------------------------------

  /** Kind of the current significant token (Eof at the end). */
  get kind(): TokenKind {
    return this.sigKinds[this.pos];
  }
  nth(k: number): TokenKind {
    const i = this.pos + k;
    return this.sigKinds[i < this.sigKinds.length ? i : this.sigKinds.length - 1];
  }
  at(k: TokenKind): boolean {
    return this.sigKinds[this.pos] === k;
  }
  atSet(s: TokenSet): boolean {
    return s.has(this.sigKinds[this.pos]);
  }
  atEof(): boolean {
    return this.kind === TokenKind.Eof;
  }
  /** Index of the current significant token: compare before/after a call to check progress. */
  get position(): number {
    return this.pos;
  }
  /** Offsets of the current token. */
  get start(): number {
    return this.starts[this.sig[this.pos]];
  }
  get end(): number {
    return this.starts[this.sig[this.pos] + 1];
  }
  /** End offset of the last significant token consumed (0 at the start). */
  get prevEnd(): number {
    return this.pos === 0 ? 0 : this.starts[this.sig[this.pos - 1] + 1];
  }
  /** Current token's text (for the rare checks that need it, such as `end` names). */
  get tokenText(): string {
    return this.text.slice(this.start, this.end);
  }
  /** Is there a line break between the previous significant token and the current one? */
  newlineBefore(): boolean {
    if (this.pos === 0) this.contextQueried = true;
    const from = this.prevEnd, to = this.start;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  // --- Building the tree -----------------------------------------------------------------------

  /** Consumes the current token (no-op at Eof). */
  bump(): void {
    if (this.kind === TokenKind.Eof) return;
    this.flushTrivia();
    this.pushToken(this.emitted++);
    this.pos++;
  }
  eat(k: TokenKind): boolean {
    if (this.kind !== k) return false;
    this.bump();
    return true;
  }
  /** Consumes `k` or reports it missing at the end of the previous token. */
  expect(k: TokenKind): boolean {
    if (this.eat(k)) return true;
    this.errorMissing(tokenSpelling(k));
    return false;
  }
  mark(): number {
    this.flushTrivia();
    return this.top;
  }
  /** Wraps every element pushed since mark `m` into a node of `kind`; returns the node's index. */
  complete(m: number, kind: NodeKind): number {
    const stack = this.stack;
    let tokStart: number, tokEnd: number;
    let firstDesc = this.nodeCount;
    if (this.top > m) {
      const first = stack[m];
      tokStart = first >= 0 ? first : this.nodeTokenStart[~first];
      const last = stack[this.top - 1];
      tokEnd = last >= 0 ? last + 1 : this.nodeTokenEnd[~last];
      for (let k = m; k < this.top; k++) {
        if (stack[k] < 0) {
          firstDesc = this.nodeFirstDescendant[~stack[k]];
          break;
        }
      }
    } else tokStart = tokEnd = this.emitted;
    const j = this.nodeCount++;
    if (j === this.nodeKinds.length) this.growNodes();
    this.nodeKinds[j] = kind;
    this.nodeTokenStart[j] = tokStart;
    this.nodeTokenEnd[j] = tokEnd;
    this.nodeFirstDescendant[j] = firstDesc;
    this.top = m;
    this.push(~j);
    return j;
  }
  /** The node at the top of the stack (the one just completed), if the top is a node. */
  lastNode(): NodeRef | undefined {
    const e = this.top > 0 ? this.stack[this.top - 1] : 0;
    return e < 0 ? { kind: this.nodeKinds[~e], index: ~e } : undefined;
  }
  /**
   * The normalized name a node spells: its own first name token for DefiningName, SimpleName and
   * Label, else that of its first DefiningName descendant.
   */
  nodeName(j: number): string | undefined {
    const k = this.nodeKinds[j];
    if (k === NodeKind.DefiningName || k === NodeKind.SimpleName || k === NodeKind.Label) {
      for (let t = this.nodeTokenStart[j]; t < this.nodeTokenEnd[j]; t++) {
        const tk = this.kinds[t];
        if (tk === TokenKind.Identifier || tk === TokenKind.StringLiteral) return this.text.slice(this.starts[t], this.starts[t + 1]).toLowerCase();
        if (tk === TokenKind.ExtendedIdentifier || tk === TokenKind.CharacterLiteral) return this.text.slice(this.starts[t], this.starts[t + 1]);
      }
      return undefined;
    }
    for (let c = this.nodeFirstDescendant[j]; c < j; c++) if (this.nodeKinds[c] === NodeKind.DefiningName) return this.nodeName(c);
    return undefined;
  }
  /** Finishes the file: pushes the remaining trivia, wraps everything into the root node. */
  finish(kind: NodeKind): GreenTree {
    while (this.emitted < this.tokenCount - 1) this.pushToken(this.emitted++);
    this.complete(0, kind);
    return new GreenTree(
      this.text, this.kinds, this.starts, this.tokenCount,
      this.nodeKinds, this.nodeTokenStart, this.nodeTokenEnd, this.nodeFirstDescendant, this.nodeCount,
    );
  }
  /**
   * For incremental reparsing (incremental.ts): the arrays built so far without wrapping a root,
   * the elements left on the stack (token t as t, node j as ~j) and whether the input is consumed.
   */
  fragment(): { green: GreenTree; elements: number[]; atEof: boolean } {
    const green = new GreenTree(
      this.text, this.kinds, this.starts, this.tokenCount,
      this.nodeKinds, this.nodeTokenStart, this.nodeTokenEnd, this.nodeFirstDescendant, this.nodeCount,
    );
    return { green, elements: Array.from(this.stack.subarray(0, this.top)), atEof: this.atEof() };
  }
  private flushTrivia(): void {
    const upto = this.sig[this.pos];
    while (this.emitted < upto) this.pushToken(this.emitted++);
  }
  private pushToken(i: number): void {
    this.push(i);
  }
  private push(e: number): void {
    if (this.top === this.stack.length) {
      const s = new Int32Array(this.stack.length * 2);
      s.set(this.stack);
      this.stack = s;
    }
    this.stack[this.top++] = e;
  }
  private growNodes(): void {
    const n = this.nodeKinds.length * 2;
    const k = new Uint8Array(n);
    k.set(this.nodeKinds);
    this.nodeKinds = k;
    for (const f of ['nodeTokenStart', 'nodeTokenEnd', 'nodeFirstDescendant'] as const) {
      const a = new Int32Array(n);
      a.set(this[f]);
      this[f] = a;
    }
  }

  // --- Errors ----------------------------------------------------------------------------------

  error(message: string, start = this.start, end = this.end, code: SyntaxErrorCode = 'syntax/unexpected'): void {
    // One diagnostic per position: a cascade at the same place says nothing new.
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last !== undefined && last.start === start && last.code !== 'syntax/invalid-character' && last.code !== 'syntax/unterminated-literal' && last.code !== 'syntax/unterminated-comment') return;
    this.diagnostics.push({ code, message, start, end });
  }
  /** Reports `what` missing, as an empty range at the end of the previous token. */
  errorMissing(what: string): void {
    const at = this.prevEnd;
    this.error(`expected ${what}, found ${this.foundText()}`, at, at, 'syntax/expected');
  }
  foundText(): string {
    const k = this.kind;
    if (k === TokenKind.Identifier || k === TokenKind.ExtendedIdentifier) return `'${this.tokenText}'`;
    return tokenSpelling(k);
  }
  /** Wraps the current token in an Error node with a diagnostic (no-op at Eof). */
  bumpError(message: string): void {
    if (this.atEof()) {
      this.error(message);
      return;
    }
    this.error(message);
    const m = this.mark();
    this.bump();
    this.complete(m, NodeKind.Error);
  }
  /**
   * Marks a construct closed by `end <keyword>` as open (`process`, `if`, `loop`, ...). endClause
   * closes it; statement lists use this to tell an `end process` that closes an enclosing
   * construct from one whose opening was lost (a misspelt `procss`).
   */
  open(keyword: TokenKind): void {
    this.openCounts[keyword]++;
  }
  close(keyword: TokenKind): void {
    if (this.openCounts[keyword] > 0) this.openCounts[keyword]--;
    else this.contextQueried = true;
  }
  isOpen(keyword: TokenKind): boolean {
    if (this.openCounts[keyword] > 0) return true;
    this.contextQueried = true;
    return false;
  }
  /** Depth guard for recursive productions; pair every true result with `leave()`. */
  enter(): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    return true;
  }
  leave(): void {
    this.depth--;
  }
  reportTooDeep(): void {
    if (this.tooDeepReported) return;
    this.tooDeepReported = true;
    this.error(`nesting deeper than ${MAX_DEPTH} levels; the rest of this construct is not analysed`, this.start, this.end, 'syntax/too-deep');
  }
}
