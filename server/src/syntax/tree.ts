// The lossless concrete syntax tree: nodes with parent pointers and offsets, tokens (trivia included).
import { NodeKind } from './nodeKind';
import { GreenTree } from './green';
import { TokenKind, isTrivia } from './tokenKind';

export type SyntaxElement = SyntaxNode | SyntaxToken;

export class SyntaxToken {
  constructor(
    readonly kind: TokenKind,
    readonly start: number,
    readonly end: number,
    /** The whole parsed text; `text` slices it on demand so that a token costs no string of its own. */
    private readonly source: string,
    readonly parent: SyntaxNode | undefined,
  ) {}
  get text(): string {
    return this.source.slice(this.start, this.end);
  }
  get isTrivia(): boolean {
    return isTrivia(this.kind);
  }
  isNode(): this is SyntaxNode {
    return false;
  }
}

export class SyntaxNode {
  private childList: SyntaxElement[] | undefined = undefined;
  private nodeList: SyntaxNode[] | undefined = undefined;
  /**
   * Children made one at a time (by `tokenAt`) before the lists above: the lists reuse them when
   * they are made, so that each child has one object however it was reached.
   */
  private early: EarlyChildren | undefined = undefined;
  /** The compact tree this node views; `index` is its node number there. */
  readonly green: GreenTree;
  readonly index: number;
  readonly parent: SyntaxNode | undefined;
  /**
   * Made by `parse` (and by `children`, one level at a time). The form
   * `new SyntaxNode(kind, [], 0, 0)` makes an empty placeholder node (prefer `emptyNode(kind)`).
   */
  constructor(green: GreenTree | NodeKind, index: number | readonly SyntaxElement[], parent?: SyntaxNode | number, _end?: number) {
    if (typeof green === 'number') {
      const empty = emptyNode(green);
      this.green = empty.green;
      this.index = empty.index;
      this.parent = undefined;
      return;
    }
    this.green = green;
    this.index = index as number;
    this.parent = parent as SyntaxNode | undefined;
  }
  get kind(): NodeKind {
    return this.green.nodeKinds[this.index];
  }
  /** Offset of the first character (nodes start on a significant token; empty nodes are zero-width). */
  get start(): number {
    return this.green.tokenStarts[this.green.nodeTokenStart[this.index]];
  }
  get end(): number {
    return this.green.tokenStarts[this.green.nodeTokenEnd[this.index]];
  }
  /**
   * Child nodes only, in text order; made on first access, then kept (and shared with `children`),
   * so walking nodes makes no token objects.
   */
  private get nodes(): SyntaxNode[] {
    if (this.nodeList !== undefined) return this.nodeList;
    const g = this.green;
    const lo = g.nodeFirstDescendant[this.index];
    let count = 0;
    for (let c = this.index - 1; c >= lo; c = g.nodeFirstDescendant[c] - 1) count++;
    const out = new Array<SyntaxNode>(count);
    const early = this.early?.made;
    for (let c = this.index - 1; c >= lo; c = g.nodeFirstDescendant[c] - 1) out[--count] = (early && earlyNode(early, c)) || new SyntaxNode(g, c, this);
    this.nodeList = out;
    return out;
  }
  /** The child node with node number `c` (a direct child), made alone unless the child list exists. */
  childNodeNumbered(c: number): SyntaxNode {
    const list = this.nodeList;
    if (list !== undefined) {
      let lo = 0, hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].index < c) lo = mid + 1;
        else hi = mid;
      }
      return list[lo];
    }
    const found = this.early && earlyNode(this.early.made, c);
    if (found) return found;
    const n = new SyntaxNode(this.green, c, this);
    (this.early ??= new EarlyChildren()).made.push(n);
    return n;
  }
  /** The direct token with token number `t`, made alone unless the child list exists. */
  childTokenNumbered(t: number): SyntaxToken {
    const g = this.green;
    const start = g.tokenStarts[t], end = g.tokenStarts[t + 1];
    const list = this.childList;
    if (list !== undefined) {
      for (const c of list) if (c instanceof SyntaxToken && c.start === start && c.end === end && c.kind === g.tokenKinds[t]) return c;
    }
    const found = this.early && earlyToken(this.early.made, start, end, g.tokenKinds[t]);
    if (found) return found;
    const tok = new SyntaxToken(g.tokenKinds[t], start, end, g.text, this);
    (this.early ??= new EarlyChildren()).made.push(tok);
    return tok;
  }
  /** The children in compact form (see `compactChildren`), kept for the next search of this node. */
  compactChildren(): Int32Array {
    return ((this.early ??= new EarlyChildren()).compact ??= compactChildren(this));
  }
  /** Whether `children` was made (tokenAt then searches it rather than the compact tree). */
  get hasChildList(): boolean {
    return this.childList !== undefined;
  }
  /** Child nodes and tokens (trivia included) in text order; made on first access, then kept. */
  get children(): readonly SyntaxElement[] {
    if (this.childList !== undefined) return this.childList;
    const g = this.green;
    const out: SyntaxElement[] = [];
    const nodes = this.nodes;
    let t = g.nodeTokenStart[this.index];
    const end = g.nodeTokenEnd[this.index];
    let c = 0;
    for (;;) {
      // A child node goes before token t when it starts there (empty nodes included).
      while (c < nodes.length && g.nodeTokenStart[nodes[c].index] <= t) {
        const n = nodes[c++];
        out.push(n);
        t = Math.max(t, g.nodeTokenEnd[n.index]);
      }
      if (t >= end) break;
      const early = this.early && earlyToken(this.early.made, g.tokenStarts[t], g.tokenStarts[t + 1], g.tokenKinds[t]);
      out.push(early || new SyntaxToken(g.tokenKinds[t], g.tokenStarts[t], g.tokenStarts[t + 1], g.text, this));
      t++;
    }
    this.childList = out;
    return out;
  }
  /** The source text covered by this node (trivia inside it included). */
  get text(): string {
    return this.green.text.slice(this.start, this.end);
  }
  isNode(): this is SyntaxNode {
    return true;
  }
  /** First child node of the given kind (or of any of the kinds), or undefined. */
  child(...kinds: NodeKind[]): SyntaxNode | undefined {
    for (const c of this.nodes) if (kinds.length === 0 || kinds.includes(c.kind)) return c;
    return undefined;
  }
  /** Child nodes, all or of the given kinds, in order. */
  childNodes(...kinds: NodeKind[]): SyntaxNode[] {
    if (kinds.length === 0) return this.nodes.slice();
    const out: SyntaxNode[] = [];
    for (const c of this.nodes) if (kinds.includes(c.kind)) out.push(c);
    return out;
  }
  /** First child token of the given kind (or of any of the kinds), or undefined. Trivia never match unless asked for. */
  token(...kinds: TokenKind[]): SyntaxToken | undefined {
    for (const c of this.children) if (c instanceof SyntaxToken && kinds.includes(c.kind)) return c;
    return undefined;
  }
  /** Child tokens that are not trivia. */
  childTokens(): SyntaxToken[] {
    const out: SyntaxToken[] = [];
    for (const c of this.children) if (c instanceof SyntaxToken && !isTrivia(c.kind)) out.push(c);
    return out;
  }
  /** First non-trivia token anywhere below this node. */
  firstToken(): SyntaxToken | undefined {
    for (const t of this.tokens()) if (!isTrivia(t.kind)) return t;
    return undefined;
  }
  /** All tokens below this node in text order, trivia included (iterative: safe on deep trees). */
  *tokens(): Generator<SyntaxToken> {
    const stack: { node: SyntaxNode; i: number }[] = [{ node: this, i: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i >= top.node.children.length) {
        stack.pop();
        continue;
      }
      const c = top.node.children[top.i++];
      if (c instanceof SyntaxToken) yield c;
      else stack.push({ node: c, i: 0 });
    }
  }
  /** This node and all nodes below it in preorder, optionally only those of the given kinds. */
  *descendants(...kinds: NodeKind[]): Generator<SyntaxNode> {
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (kinds.length === 0 || kinds.includes(n.kind)) yield n;
      const nodes = n.nodes;
      for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
    }
  }
  /** Nearest ancestor (not this node) of one of the kinds. */
  ancestor(...kinds: NodeKind[]): SyntaxNode | undefined {
    for (let n = this.parent; n !== undefined; n = n.parent) if (kinds.includes(n.kind)) return n;
    return undefined;
  }
}

/**
 * The token containing `offset` (start <= offset < end); at the end of the text, the last token.
 * With `preferLeft`, an offset exactly between two tokens picks the left one when it is not trivia
 * (useful for a cursor placed right after an identifier).
 *
 * A node whose child list was not made yet is searched in the compact tree, and only the child on
 * the path is made: a fresh version's tree does not get the thousands of statement and whitespace
 * objects of its statement lists made to find one name.
 */
export function tokenAt(root: SyntaxNode, offset: number, preferLeft = false): SyntaxToken | undefined {
  let node = root;
  for (;;) {
    const g = node.green;
    // Small child lists are made (cheap, and searched again without rebuilding); large ones, such
    // as statement lists, are searched in compact form.
    if (node.hasChildList || g.nodeTokenEnd[node.index] - g.nodeTokenStart[node.index] <= SMALL_NODE_TOKENS) {
      const step = tokenAtStep(node, offset, preferLeft);
      if (step === undefined || step instanceof SyntaxToken) return step;
      node = step;
      continue;
    }
    const seq = node.compactChildren();
    const n = seq.length;
    let lo = 0, hi = n - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = seq[mid];
      const start = elementStart(g, e), end = elementEnd(g, e);
      if (offset < start) hi = mid - 1;
      else if (offset >= end && !(end === start && offset === start)) lo = mid + 1;
      else { found = mid; break; }
    }
    if (found < 0) {
      found = Math.min(lo, n - 1);
      while (found > 0 && elementStart(g, seq[found]) > offset) found--;
      if (found < 0) return undefined;
    }
    if (preferLeft && found > 0 && elementStart(g, seq[found]) === offset) {
      const left = seq[found - 1];
      if (elementEnd(g, left) === offset && !(left < 0 && isTrivia(g.tokenKinds[~left]))) found--;
    }
    const e = seq[found];
    if (e < 0) {
      const c = node.childTokenNumbered(~e);
      if (preferLeft && c.start === offset && c.end > offset) {
        const prev = previousToken(c);
        if (prev !== undefined && prev.end === offset && !isTrivia(prev.kind) && isTrivia(c.kind)) return prev;
      }
      return c;
    }
    const c = node.childNodeNumbered(e);
    if (g.nodeFirstDescendant[e] === e && g.nodeTokenStart[e] === g.nodeTokenEnd[e]) return previousToken(c) ?? undefined;
    node = c;
  }
}

/** One level of `tokenAt` over a node's made child list: the token found, the child node to descend into, or undefined. */
function tokenAtStep(node: SyntaxNode, offset: number, preferLeft: boolean): SyntaxElement | undefined {
  const ch = node.children;
  let lo = 0, hi = ch.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = ch[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end && !(c.end === c.start && offset === c.start)) lo = mid + 1;
    else { found = mid; break; }
  }
  if (found < 0) {
    // At end of text, or inside an empty node: take the last element that ends at or before offset.
    found = Math.min(lo, ch.length - 1);
    while (found > 0 && ch[found].start > offset) found--;
    if (found < 0) return undefined;
  }
  if (preferLeft && found > 0 && ch[found].start === offset) {
    const left = ch[found - 1];
    if (left.end === offset && !(left instanceof SyntaxToken && isTrivia(left.kind))) found--;
  }
  const c = ch[found];
  if (c instanceof SyntaxToken) {
    if (preferLeft && c.start === offset && c.end > offset) {
      // The left neighbour might sit in another subtree.
      const prev = previousToken(c);
      if (prev !== undefined && prev.end === offset && !isTrivia(prev.kind) && isTrivia(c.kind)) return prev;
    }
    return c;
  }
  // Whether c has no children, asked of the compact tree so that c's child list is not made here.
  const g = c.green;
  if (g.nodeFirstDescendant[c.index] === c.index && g.nodeTokenStart[c.index] === g.nodeTokenEnd[c.index]) return previousToken(c) ?? undefined;
  return c;
}

/** Nodes spanning at most this many tokens have their child list made when tokenAt passes through. */
const SMALL_NODE_TOKENS = 64;

/** Children made one at a time, and the compact list of all of them, of a node whose child list was not made. */
class EarlyChildren {
  made: SyntaxElement[] = [];
  compact: Int32Array | undefined = undefined;
}

/**
 * The children of `node` in the order `children` lists them, as numbers: a child node as its node
 * number, a direct token t as ~t (negative). Four bytes a child instead of an object.
 */
function compactChildren(node: SyntaxNode): Int32Array {
  const g = node.green, j = node.index;
  const lo = g.nodeFirstDescendant[j];
  let count = 0;
  for (let c = j - 1; c >= lo; c = g.nodeFirstDescendant[c] - 1) count++;
  const nodes = new Int32Array(count);
  for (let c = j - 1, k = count; c >= lo; c = g.nodeFirstDescendant[c] - 1) nodes[--k] = c;
  // Two passes, the first only counting, so that the list is allocated at its exact size: sized by
  // the tokens the node spans, the root's list alone took 400 KB for a 10,000-line file, on every version.
  const seq = new Int32Array(mergeChildren(g, j, nodes, undefined));
  mergeChildren(g, j, nodes, seq);
  return seq;
}

/** Merges child nodes and direct tokens in text order into `out` (when given); returns their number. */
function mergeChildren(g: GreenTree, j: number, nodes: Int32Array, out: Int32Array | undefined): number {
  const count = nodes.length;
  let t = g.nodeTokenStart[j];
  const end = g.nodeTokenEnd[j];
  let m = 0;
  for (let k = 0; ; ) {
    while (k < count && g.nodeTokenStart[nodes[k]] <= t) {
      const c = nodes[k++];
      if (out) out[m] = c;
      m++;
      t = Math.max(t, g.nodeTokenEnd[c]);
    }
    if (t >= end) break;
    if (out) out[m] = ~t;
    m++;
    t++;
  }
  return m;
}

function elementStart(g: GreenTree, e: number): number {
  return e >= 0 ? g.tokenStarts[g.nodeTokenStart[e]] : g.tokenStarts[~e];
}

function elementEnd(g: GreenTree, e: number): number {
  return e >= 0 ? g.tokenStarts[g.nodeTokenEnd[e]] : g.tokenStarts[~e + 1];
}

/** Finds the node numbered `c` among children made early. */
function earlyNode(early: SyntaxElement[], c: number): SyntaxNode | undefined {
  for (const e of early) if (e instanceof SyntaxNode && e.index === c) return e;
  return undefined;
}

/** Finds the token of `kind` spanning [start, end) among children made early. */
function earlyToken(early: SyntaxElement[], start: number, end: number, kind: TokenKind): SyntaxToken | undefined {
  for (const e of early) if (e instanceof SyntaxToken && e.start === start && e.end === end && e.kind === kind) return e;
  return undefined;
}

/** The innermost node whose range contains [start, end]. */
export function nodeAt(root: SyntaxNode, start: number, end = start): SyntaxNode {
  let node = root;
  for (;;) {
    let next: SyntaxNode | undefined;
    for (const c of node.childNodes()) {
      if (c.start <= start && end <= c.end && c.end > c.start) {
        if (c.start === start && c.end === start && end === start) continue;
        next = c;
        break;
      }
    }
    if (next === undefined) return node;
    node = next;
  }
}

/** The token before `el` in text order (trivia included), or undefined at the start. */
export function previousToken(el: SyntaxElement): SyntaxToken | undefined {
  let cur: SyntaxElement = el;
  while (cur.parent !== undefined) {
    const siblings = cur.parent.children;
    for (let i = siblings.indexOf(cur) - 1; i >= 0; i--) {
      const s = siblings[i];
      if (s instanceof SyntaxToken) return s;
      let last: SyntaxToken | undefined;
      for (const t of s.tokens()) last = t;
      if (last !== undefined) return last;
    }
    cur = cur.parent;
  }
  return undefined;
}

/**
 * Normalized identifier text: basic identifiers lower-cased (VHDL is case-insensitive), extended
 * identifiers (`\Foo Bar\`) kept verbatim with their backslashes, character literals verbatim,
 * operator symbols ("AND") lower-cased with their quotes.
 */
export function identifierText(token: SyntaxToken): string {
  const t = token.text;
  if (token.kind === TokenKind.ExtendedIdentifier || token.kind === TokenKind.CharacterLiteral) return t;
  return t.toLowerCase();
}

/**
 * The normalized name of a DefiningName, SimpleName, Label, EndClause or of any declaration that
 * has a DefiningName child; undefined if there is none.
 */
export function nameOf(node: SyntaxNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const tok = nameToken(node);
  return tok === undefined ? undefined : identifierText(tok);
}

/** The token that spells the name of `node` (see nameOf). */
export function nameToken(node: SyntaxNode): SyntaxToken | undefined {
  switch (node.kind) {
    case NodeKind.DefiningName:
    case NodeKind.SimpleName:
    case NodeKind.Label:
      return node.token(TokenKind.Identifier, TokenKind.ExtendedIdentifier, TokenKind.StringLiteral, TokenKind.CharacterLiteral);
    case NodeKind.EndClause: {
      const n = node.child(NodeKind.SimpleName);
      return n === undefined ? undefined : nameToken(n);
    }
    default: {
      const d = node.child(NodeKind.DefiningName) ?? node.child(NodeKind.IdentifierList)?.child(NodeKind.DefiningName);
      return d === undefined ? undefined : nameToken(d);
    }
  }
}

/** The Label node of a statement, if it has one. */
export function labelOf(statement: SyntaxNode): SyntaxNode | undefined {
  return statement.child(NodeKind.Label);
}

/**
 * An indented dump of the tree for snapshots: one line per node `Kind start..end` and per token
 * `Kind start..end "text"`. Whitespace tokens are left out unless `whitespace` is set (comments stay).
 */
export function printTree(node: SyntaxNode, options: { whitespace?: boolean } = {}): string {
  const lines: string[] = [];
  const stack: { el: SyntaxElement; depth: number }[] = [{ el: node, depth: 0 }];
  while (stack.length > 0) {
    const { el, depth } = stack.pop()!;
    const indent = '  '.repeat(depth);
    if (el instanceof SyntaxToken) {
      if (el.kind === TokenKind.Whitespace && !options.whitespace) continue;
      lines.push(`${indent}${TokenKind[el.kind]} ${el.start}..${el.end} ${JSON.stringify(el.text)}`);
    } else {
      lines.push(`${indent}${NodeKind[el.kind]} ${el.start}..${el.end}`);
      for (let i = el.children.length - 1; i >= 0; i--) stack.push({ el: el.children[i], depth: depth + 1 });
    }
  }
  return lines.join('\n');
}

/** Concatenates the text of every token below `node` (equals the parsed text for the root). */
export function treeText(node: SyntaxNode): string {
  const parts: string[] = [];
  for (const t of node.tokens()) parts.push(t.text);
  return parts.join('');
}

/** A node of `kind` with no children over empty text (a placeholder where a tree is required). */
export function emptyNode(kind: NodeKind): SyntaxNode {
  const green = new GreenTree('', new Uint8Array([TokenKind.Eof]), new Int32Array([0, 0]), 1,
    new Uint8Array([kind]), new Int32Array([0]), new Int32Array([0]), new Int32Array([0]), 1);
  return new SyntaxNode(green, 0, undefined);
}
