// The parser's machinery: a cursor over significant tokens and a stack that builds the lossless tree.
import { lex } from './lexer';
import { NodeKind } from './nodeKind';
import { SyntaxElement, SyntaxNode, SyntaxToken } from './tree';
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
  private pos = 0;
  /** Index of the next raw token to push onto the stack. */
  private emitted = 0;
  private readonly stack: SyntaxElement[] = [];
  private tooDeepReported = false;

  constructor(readonly text: string) {
    const lexed = lex(text);
    this.kinds = lexed.kinds;
    this.starts = lexed.starts;
    this.tokenCount = lexed.count;
    this.diagnostics = lexed.diagnostics;
    let n = 0;
    for (let i = 0; i < lexed.count; i++) if (!isTrivia(lexed.kinds[i])) n++;
    const sig = new Int32Array(n);
    n = 0;
    for (let i = 0; i < lexed.count; i++) if (!isTrivia(lexed.kinds[i])) sig[n++] = i;
    this.sig = sig;
  }

  // --- Looking at tokens ---------------------------------------------------------------------

  /** Kind of the current significant token (Eof at the end). */
  get kind(): TokenKind {
    return this.kinds[this.sig[this.pos]];
  }
  nth(k: number): TokenKind {
    const i = this.pos + k;
    return this.kinds[this.sig[i < this.sig.length ? i : this.sig.length - 1]];
  }
  at(k: TokenKind): boolean {
    return this.kinds[this.sig[this.pos]] === k;
  }
  atSet(s: TokenSet): boolean {
    return s.has(this.kinds[this.sig[this.pos]]);
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
    return this.stack.length;
  }
  complete(m: number, kind: NodeKind): SyntaxNode {
    const children = this.stack.splice(m);
    let start: number, end: number;
    if (children.length > 0) {
      start = children[0].start;
      end = children[children.length - 1].end;
    } else start = end = this.prevEnd;
    const node = new SyntaxNode(kind, children, start, end);
    for (const c of children) c.parent = node;
    this.stack.push(node);
    return node;
  }
  /** The node most recently completed at the top of the stack, if the top is a node. */
  lastNode(): SyntaxNode | undefined {
    const top = this.stack[this.stack.length - 1];
    return top instanceof SyntaxNode ? top : undefined;
  }
  /** Finishes the file: pushes the remaining trivia and Eof-adjacent tokens, wraps everything. */
  finish(kind: NodeKind): SyntaxNode {
    while (this.emitted < this.tokenCount - 1) this.pushToken(this.emitted++);
    const node = this.complete(0, kind);
    // The root always spans the whole text, even when it is all trivia.
    if (node.start !== 0 || node.end !== this.text.length) {
      const root = new SyntaxNode(kind, node.children, 0, this.text.length);
      for (const c of node.children) c.parent = root;
      return root;
    }
    return node;
  }
  private flushTrivia(): void {
    const upto = this.sig[this.pos];
    while (this.emitted < upto) this.pushToken(this.emitted++);
  }
  private pushToken(i: number): void {
    this.stack.push(new SyntaxToken(this.kinds[i], this.starts[i], this.starts[i + 1], this.text));
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
