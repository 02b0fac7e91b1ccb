// Incremental reparsing: after a text edit, reparse only the smallest enclosing statement,
// declaration or design unit and splice its new subtree into a copy of the green arrays.
import { Parser } from './parser';
import { GreenTree } from './green';
import { NodeKind as N } from './nodeKind';
import { TokenKind as T } from './tokenKind';
import { SyntaxNode } from './tree';
import { lex } from './lexer';
import type { SyntaxDiagnostic } from './diagnostics';
import { concurrentStatement } from './grammar/concurrentStatements';
import { sequentialStatement } from './grammar/sequentialStatements';
import { declaration } from './grammar/declarations';
import { designUnit } from './grammar/designUnits';

/** Replaces the old text's [start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The same shape as `parse`'s result (kept structural so index.ts and this file do not import each other). */
export interface ReparseInput {
  root: SyntaxNode;
  diagnostics: SyntaxDiagnostic[];
  /** Set on an incremental result: which green nodes were replaced (see TreeChange). */
  change?: TreeChange;
}

/**
 * How an incremental reparse changed the green tree: old nodes [first, last] (one subtree) were
 * replaced by the `added` new nodes [first, first + added); every other old node j is new node j
 * (j < first) or j + added - (last - first + 1) (j > last), with the same kind and the same subtree
 * (its tokens' offsets shifted; the ancestors of the replaced subtree contain the new one instead).
 * A trivia edit replaces no node: first = 0, last = -1, added = 0.
 */
export interface TreeChange {
  first: number;
  last: number;
  added: number;
}

/**
 * The one edit that turns `oldText` into `newText`: the common prefix and suffix are kept, the rest
 * replaced. Several editor changes in a row collapse into one such edit.
 */
export function diffEdit(oldText: string, newText: string): TextEdit {
  const max = Math.min(oldText.length, newText.length);
  // Whole blocks compared as strings first (a native comparison), then the last block char by char.
  let pre = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (pre + step <= max && oldText.slice(pre, pre + step) === newText.slice(pre, pre + step)) pre += step;
  }
  let suf = 0;
  const ol = oldText.length, nl = newText.length;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (suf + step <= max - pre && oldText.slice(ol - suf - step, ol - suf) === newText.slice(nl - suf - step, nl - suf)) suf += step;
  }
  return { start: pre, end: oldText.length - suf, text: newText.slice(pre, newText.length - suf) };
}

/** Applies `edit` to `text`. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/**
 * The grammar function that parses one element of a list, by the list's node kind: what the list
 * production calls in a loop, so that reparsing one element in isolation repeats exactly that call.
 */
const ENTRY = new Map<N, (p: Parser) => void>([
  [N.DesignFile, designUnit],
  [N.ConcurrentStatements, concurrentStatement],
  [N.SequentialStatements, sequentialStatement],
  [N.DeclarativePart, declaration],
]);

/** How many enclosing candidates to try before a full reparse. */
const MAX_TRIES = 3;
/** Characters lexed past a reparsed slice to check that its last token ends where it did. */
const LEX_WINDOW = 256;

/**
 * Reparses `previous` (the parse of `oldText`) after `edit`, incrementally when it can prove the
 * result equal to a full parse of the new text, else returns undefined (the caller parses in full).
 *
 * Invariant: the result equals `parse(applyEdit(oldText, edit))`: same tree (printTree) and same
 * diagnostics. Two paths: an edit within trivia (reparseTrivia), else an element of a statement
 * list, declarative part or the design file that strictly contains the edit, reparsed alone with
 * the list's element function and kept only if: the lexer provably splits the new text there as a
 * full lex would (the token before it is trivia or `;`, its first character is no `'`, its last token
 * keeps its kind and length, a token boundary follows it); it parses to one node of the same kind
 * covering exactly its text, its diagnostics strictly inside it; no parser answer depended on the
 * missing context (Parser.contextQueried: an `isOpen` that said no, a `close` with nothing open);
 * the old element, reparsed alone, gives back its old diagnostics and leaves the same constructs
 * open; its first four significant token kinds are unchanged (the list's own loop looks that far
 * ahead before calling the element function); and no diagnostic sits at its edges.
 */
export function tryReparse(previous: ReparseInput, newText: string, edit: TextEdit): ReparseInput | undefined {
  const old = previous.root.green;
  if (previous.root.index !== old.nodeCount - 1 || previous.root.parent !== undefined) return undefined;
  const delta = newText.length - old.text.length;
  if (edit.start < 0 || edit.end < edit.start || edit.end > old.text.length || edit.text.length - (edit.end - edit.start) !== delta) return undefined;

  const trivia = reparseTrivia(previous, newText, edit, delta);
  if (trivia !== undefined) return trivia;

  // The path from the root to the deepest node strictly containing the edit.
  const path: number[] = [old.nodeCount - 1];
  const starts = old.tokenStarts;
  for (;;) {
    const j = path[path.length - 1];
    const lo = old.nodeFirstDescendant[j];
    let next = -1;
    for (let c = j - 1; c >= lo; c = old.nodeFirstDescendant[c] - 1) {
      const cs = starts[old.nodeTokenStart[c]];
      if (cs >= edit.end) continue;
      const ce = starts[old.nodeTokenEnd[c]];
      if (cs < edit.start && edit.end < ce) next = c;
      break;
    }
    if (next < 0) break;
    path.push(next);
  }

  let tries = 0;
  for (let i = path.length - 1; i >= 1 && tries < MAX_TRIES; i--) {
    const parent = path[i - 1];
    const entry = ENTRY.get(old.nodeKinds[parent]);
    if (entry === undefined) continue;
    if (old.nodeKinds[parent] === N.DeclarativePart && i >= 2 && old.nodeKinds[path[i - 2]] === N.ConfigurationDeclaration) continue;
    tries++;
    const result = reparseNode(previous, newText, edit, delta, path[i], i, entry);
    if (result !== undefined) return result;
  }
  return undefined;
}

function reparseNode(previous: ReparseInput, newText: string, edit: TextEdit, delta: number, c: number, depth: number, entry: (p: Parser) => void): ReparseInput | undefined {
  const old = previous.root.green;
  const a = old.nodeTokenStart[c], b = old.nodeTokenEnd[c];
  const cs = old.tokenStarts[a], ce = old.tokenStarts[b];
  const newEnd = ce + delta;
  // The lexer reaches cs in the same state as a full lex: after trivia or `;` (no lookahead into
  // the node), and not at a `'` (whose meaning depends on the token before).
  const before = a === 0 ? T.Whitespace : old.tokenKinds[a - 1];
  if (!(before <= T.BlockComment || before === T.Semicolon)) return undefined;
  if (newText.charCodeAt(cs) === 39) return undefined;
  // Diagnostics near the node must be its own (strictly inside it): none at its edges, none between
  // it and the significant token before it (an `expected ';', found 'x'` there quotes its first token).
  let ps = a - 1;
  while (ps >= 0 && old.tokenKinds[ps] <= T.Unknown) ps--;
  const guard = ps < 0 ? 0 : old.tokenStarts[ps + 1];
  const oldInside: SyntaxDiagnostic[] = [];
  for (const d of previous.diagnostics) {
    if (d.end < guard || d.start > ce) continue;
    if (!(d.start > cs && d.start < ce)) return undefined;
    oldInside.push(d);
  }

  const kind = old.nodeKinds[c];
  const fresh = parseElement(newText, cs, newEnd - cs, depth, entry, kind);
  if (fresh === undefined) return undefined;
  const g = fresh.green, top = fresh.top, n = fresh.n;
  // The old node, reparsed the same way, must give back its diagnostics (so its context did not
  // matter either) and leave the same constructs open (so the parser continues after both alike).
  const again = parseElement(old.text, cs, ce - cs, depth, entry, kind);
  if (again === undefined || again.n !== b - a || again.top !== c - old.nodeFirstDescendant[c]) return undefined;
  if (!sameDiagnostics(again.diagnostics, oldInside)) return undefined;
  for (let k = 0; k < 256; k++) if (again.counts[k] !== fresh.counts[k]) return undefined;

  // The list's loop decides on up to four significant tokens before calling the element function.
  let oi = a, ni = 0;
  for (let k = 0; k < 4; k++) {
    while (oi < b && old.tokenKinds[oi] <= T.Unknown) oi++;
    while (ni < n && g.tokenKinds[ni] <= T.Unknown) ni++;
    if ((oi < b) !== (ni < n)) return undefined;
    if (oi >= b) break;
    if (old.tokenKinds[oi] !== g.tokenKinds[ni]) return undefined;
    oi++;
    ni++;
  }
  // The last token keeps its kind and length and is untouched by the edit, so the lexer leaves the
  // node in the same state (parseElement checked that a token boundary follows it).
  const oldLast = b - 1, newLast = n - 1;
  const oldLastLen = old.tokenStarts[b] - old.tokenStarts[oldLast];
  if (old.tokenKinds[oldLast] !== g.tokenKinds[newLast] || g.tokenStarts[n] - g.tokenStarts[newLast] !== oldLastLen) return undefined;
  if (edit.end > ce - oldLastLen) return undefined;

  const green = splice(old, newText, c, g, top, n, cs, delta);
  const diagnostics: SyntaxDiagnostic[] = [];
  for (const d of previous.diagnostics) if (d.end < guard) diagnostics.push(d);
  for (const d of fresh.diagnostics) diagnostics.push(d);
  for (const d of previous.diagnostics) if (d.start > ce) diagnostics.push({ ...d, start: d.start + delta, end: d.end + delta });
  const change: TreeChange = { first: old.nodeFirstDescendant[c], last: c, added: top + 1 };
  return { root: new SyntaxNode(green, green.nodeCount - 1, undefined), diagnostics, change };
}

function sameDiagnostics(x: SyntaxDiagnostic[], y: SyntaxDiagnostic[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const d = x[i], e = y[i];
    if (d.code !== e.code || d.message !== e.message || d.start !== e.start || d.end !== e.end) return false;
  }
  return true;
}

interface Element {
  green: GreenTree;
  /** The element's node in `green`, and how many tokens it covers (from token 0). */
  top: number;
  n: number;
  /** Its diagnostics in file offsets, sorted as `parse` sorts them. */
  diagnostics: SyntaxDiagnostic[];
  /** The parser's open-construct counts afterwards (it starts with none open). */
  counts: Uint16Array;
}

/**
 * Parses the element text[cs, cs + len) with `entry`, the text after it in view (a window of
 * LEX_WINDOW characters) so that lookahead sees the real next tokens. Undefined unless it gives one
 * node of `kind` covering exactly that range, the lexer splits a token boundary at its end, every
 * diagnostic lies strictly inside it, and no answer depended on the missing context.
 */
function parseElement(text: string, cs: number, len: number, depth: number, entry: (p: Parser) => void, kind: N): Element | undefined {
  const p = new Parser(text.slice(cs, Math.min(text.length, cs + len + LEX_WINDOW)));
  // Enclosing constructs that counted against MAX_DEPTH each made an ancestor node: an upper bound.
  p.depth = depth;
  entry(p);
  if (p.contextQueried) return undefined;
  const frag = p.fragment();
  const g = frag.green;
  if (frag.elements.length !== 1 || frag.elements[0] >= 0) return undefined;
  const top = ~frag.elements[0];
  if (top !== g.nodeCount - 1 || g.nodeFirstDescendant[top] !== 0 || g.nodeKinds[top] !== kind || g.nodeTokenStart[top] !== 0) return undefined;
  const n = g.nodeTokenEnd[top];
  if (n === 0 || g.tokenStarts[n] !== len) return undefined;
  const kept: SyntaxDiagnostic[] = [];
  for (let i = 0; i < p.diagnostics.length; i++) {
    const d = p.diagnostics[i];
    if (i < p.lexDiagnosticCount && d.start >= len) continue; // the window's tail: not this element's
    // At the edges a diagnostic may quote or be merged with its neighbours'; too-deep is reported
    // once per file; a malformed literal is the one lexer code a parser diagnostic can merge with.
    if (d.start <= 0 || d.start >= len || d.code === 'syntax/too-deep' || d.code === 'syntax/malformed-literal') return undefined;
    kept.push({ ...d, start: d.start + cs, end: d.end + cs });
  }
  kept.sort((x, y) => x.start - y.start || x.end - y.end);
  return { green: g, top, n, diagnostics: kept, counts: p.openCounts };
}

/**
 * A new green tree: the old one with node `c`'s subtree (and its tokens) replaced by the fragment's
 * node `top`, whose tokens start at offset `cs`. Unchanged ranges are copied with shifted indices.
 */
function splice(old: GreenTree, text: string, c: number, frag: GreenTree, top: number, n: number, cs: number, delta: number): GreenTree {
  const a = old.nodeTokenStart[c], b = old.nodeTokenEnd[c];
  const dTok = n - (b - a);
  const tokenCount = old.tokenCount + dTok;
  const tokenKinds = new Uint8Array(tokenCount);
  tokenKinds.set(old.tokenKinds.subarray(0, a), 0);
  tokenKinds.set(frag.tokenKinds.subarray(0, n), a);
  tokenKinds.set(old.tokenKinds.subarray(b, old.tokenCount), a + n);
  const tokenStarts = new Int32Array(tokenCount + 1);
  tokenStarts.set(old.tokenStarts.subarray(0, a), 0);
  for (let t = 0; t < n; t++) tokenStarts[a + t] = frag.tokenStarts[t] + cs;
  for (let t = b; t < old.tokenCount; t++) tokenStarts[t + dTok] = old.tokenStarts[t] + delta;
  tokenStarts[tokenCount] = text.length;

  const first = old.nodeFirstDescendant[c];
  const added = top + 1;
  const dNode = added - (c - first + 1);
  const nodeCount = old.nodeCount + dNode;
  const nodeKinds = new Uint8Array(nodeCount);
  const nodeTokenStart = new Int32Array(nodeCount);
  const nodeTokenEnd = new Int32Array(nodeCount);
  const nodeFirstDescendant = new Int32Array(nodeCount);
  // Nodes completed before the old subtree: unchanged.
  nodeKinds.set(old.nodeKinds.subarray(0, first), 0);
  nodeTokenStart.set(old.nodeTokenStart.subarray(0, first), 0);
  nodeTokenEnd.set(old.nodeTokenEnd.subarray(0, first), 0);
  nodeFirstDescendant.set(old.nodeFirstDescendant.subarray(0, first), 0);
  // The new subtree, shifted to its place.
  nodeKinds.set(frag.nodeKinds.subarray(0, added), first);
  for (let k = 0; k < added; k++) {
    nodeTokenStart[first + k] = frag.nodeTokenStart[k] + a;
    nodeTokenEnd[first + k] = frag.nodeTokenEnd[k] + a;
    nodeFirstDescendant[first + k] = frag.nodeFirstDescendant[k] + first;
  }
  // Nodes completed after it (later nodes and the ancestors): token and node indices shifted.
  nodeKinds.set(old.nodeKinds.subarray(c + 1, old.nodeCount), c + 1 + dNode);
  for (let j = c + 1; j < old.nodeCount; j++) {
    const ts = old.nodeTokenStart[j], te = old.nodeTokenEnd[j], fd = old.nodeFirstDescendant[j];
    nodeTokenStart[j + dNode] = ts >= b ? ts + dTok : ts;
    nodeTokenEnd[j + dNode] = te >= b ? te + dTok : te;
    nodeFirstDescendant[j + dNode] = fd > c ? fd + dNode : fd;
  }
  return new GreenTree(text, tokenKinds, tokenStarts, tokenCount, nodeKinds, nodeTokenStart, nodeTokenEnd, nodeFirstDescendant, nodeCount);
}

/** Index of the first token starting at or after `offset` (binary search on the token starts). */
function tokenAtOrAfter(g: GreenTree, offset: number): number {
  let lo = 0, hi = g.tokenCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g.tokenStarts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * An edit within the trivia between two significant tokens s1 and s2 (a comment or blank space
 * changed, a comment line added) changes no node: the parser sees the same significant tokens and
 * consults trivia only for "is there a line break here". The new trivia are lexed, and the token
 * arrays rebuilt around them; every node keeps its place (trivia between two significant tokens all
 * belong to one node, and node boundaries fall on significant tokens, so none lies inside the run).
 */
function reparseTrivia(previous: ReparseInput, newText: string, edit: TextEdit, delta: number): ReparseInput | undefined {
  const old = previous.root.green;
  // s2: the first significant token at or after the edit's end; s1: the last one before it.
  let s2 = tokenAtOrAfter(old, edit.end);
  if (s2 < old.tokenCount && old.tokenStarts[s2] > edit.end) s2--; // the token containing edit.end
  if (s2 < 0) s2 = 0;
  while (s2 < old.tokenCount - 1 && old.tokenKinds[s2] <= T.Unknown) s2++;
  let s1 = s2 - 1;
  while (s1 >= 0 && old.tokenKinds[s1] <= T.Unknown) s1--;
  const runStart = s1 < 0 ? 0 : old.tokenStarts[s1 + 1];
  const runEnd = old.tokenStarts[s2];
  if (!(runStart <= edit.start && edit.end <= runEnd && runStart < runEnd)) return undefined;
  // The lexer reaches s1 (or the file start) in the same state as before: tokens before it look at
  // most two characters past their end, or scan on through hex digits (based literals), so they
  // see at most the run's first character, which the edit keeps or which stays blank space.
  const from = s1 < 0 ? 0 : old.tokenStarts[s1];
  if (s1 >= 0) {
    if (edit.start === runStart && !(isBlank(old.text.charCodeAt(runStart)) && isBlank(newText.charCodeAt(runStart)))) return undefined;
    if (newText.charCodeAt(from) === 39) return undefined;
  }
  const newRunEnd = runEnd + delta;
  if (hasNewline(old.text, runStart, runEnd) !== hasNewline(newText, runStart, newRunEnd)) return undefined;
  for (const d of previous.diagnostics) {
    if ((d.start > runStart && d.start < runEnd) || (d.end > runStart && d.end < runEnd) || (d.start < runEnd && d.end > runStart)) return undefined;
  }
  for (let k = s1 + 1; k < s2; k++) if (old.tokenKinds[k] === T.Unknown) return undefined;
  const window = lex(newText.slice(from, Math.min(newText.length, newRunEnd + LEX_WINDOW)));
  for (const d of window.diagnostics) if (d.start < newRunEnd - from) return undefined;
  let t = 0;
  if (s1 >= 0) {
    if (window.kinds[0] !== old.tokenKinds[s1] || window.starts[1] !== runStart - from) return undefined;
    t = 1;
  }
  const firstTrivia = t;
  while (t < window.count && window.starts[t] < newRunEnd - from) {
    if (window.kinds[t] > T.Unknown) return undefined;
    t++;
  }
  if (t >= window.count || window.starts[t] !== newRunEnd - from) return undefined;
  // At Eof the window's last token is its own Eof: the old Eof follows the new run just the same.
  const n = t - firstTrivia;

  const a = s1 + 1, b = s2;
  const dTok = n - (b - a);
  const tokenCount = old.tokenCount + dTok;
  const tokenKinds = new Uint8Array(tokenCount);
  tokenKinds.set(old.tokenKinds.subarray(0, a), 0);
  tokenKinds.set(window.kinds.subarray(firstTrivia, t), a);
  tokenKinds.set(old.tokenKinds.subarray(b, old.tokenCount), a + n);
  const tokenStarts = new Int32Array(tokenCount + 1);
  tokenStarts.set(old.tokenStarts.subarray(0, a), 0);
  for (let k = 0; k < n; k++) tokenStarts[a + k] = window.starts[firstTrivia + k] + from;
  for (let k = b; k < old.tokenCount; k++) tokenStarts[k + dTok] = old.tokenStarts[k] + delta;
  tokenStarts[tokenCount] = newText.length;
  // Green arrays are never written after construction: with as many tokens as before, the node
  // arrays are shared with the previous tree instead of copied.
  let nodeTokenStart = old.nodeTokenStart;
  let nodeTokenEnd = old.nodeTokenEnd;
  if (dTok !== 0) {
    nodeTokenStart = new Int32Array(old.nodeCount);
    nodeTokenEnd = new Int32Array(old.nodeCount);
    for (let j = 0; j < old.nodeCount; j++) {
      const ts = old.nodeTokenStart[j], te = old.nodeTokenEnd[j];
      nodeTokenStart[j] = ts >= b ? ts + dTok : ts;
      nodeTokenEnd[j] = te >= b ? te + dTok : te;
    }
  }
  const green = new GreenTree(newText, tokenKinds, tokenStarts, tokenCount, old.nodeKinds, nodeTokenStart, nodeTokenEnd, old.nodeFirstDescendant, old.nodeCount);
  const diagnostics: SyntaxDiagnostic[] = [];
  for (const d of previous.diagnostics) {
    const start = d.start >= runEnd ? d.start + delta : d.start, end = d.end >= runEnd ? d.end + delta : d.end;
    diagnostics.push(start === d.start && end === d.end ? d : { ...d, start, end });
  }
  return { root: new SyntaxNode(green, green.nodeCount - 1, undefined), diagnostics, change: { first: 0, last: -1, added: 0 } };
}
