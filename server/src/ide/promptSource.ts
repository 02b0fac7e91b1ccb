// The source excerpt of a prompt: whole lines of the file chosen by priority, kept within a token budget.
import type { SourceFile } from '../analysis/sourceFile';
import { NodeKind as N } from '../syntax/nodeKind';
import { SyntaxNode } from '../syntax/tree';

/** A span of whole lines (0-based, inclusive) and whether it may be cut to its first lines when it does not fit. */
export interface LineSpan {
  first: number;
  last: number;
  /** May be shortened to its leading lines (the target's own statement), instead of left out. */
  cuttable?: boolean;
}

export interface Excerpt {
  /** The excerpt as text: chosen lines in file order, with `-- ...` markers where lines were left out. */
  text: string;
  /** 1-based numbers of the lines included. */
  lines: number[];
  tokens: number;
  /** True when some requested span did not fit (wholly or partly). */
  trimmed: boolean;
}

/**
 * A deterministic token estimate: one token per 3.5 characters, at least one per non-empty line.
 * Used when the caller has no tokenizer (no model, a remote one), and to rank candidate lines when
 * it has one; the engine's context guard makes the final fit, so it only needs to be stable and on
 * the generous side.
 */
export function estimateTokens(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) n += line.length === 0 ? 1 : Math.ceil(line.length / 3.5) + 1;
  return n;
}

/** The 0-based first and last line of a node (trailing trivia excluded). */
export function nodeLines(file: SourceFile, node: SyntaxNode): LineSpan {
  const first = file.lines.positionAt(node.start).line;
  const endOffset = Math.max(node.start, lastTokenEnd(node));
  const last = file.lines.positionAt(Math.max(node.start, endOffset - 1)).line;
  return { first, last: Math.max(first, last) };
}

function lastTokenEnd(node: SyntaxNode): number {
  // `end` of a node is the end of its last token, so no trivia is included; guard against empty nodes.
  return node.end > node.start ? node.end : node.start + 1;
}

function lineText(file: SourceFile, line: number): string {
  const starts = file.lines.lineStarts;
  const s = starts[line];
  const e = line + 1 < starts.length ? starts[line + 1] : file.text.length;
  return file.text.slice(s, e).replace(/\r?\n$/, '').replace(/\s+$/, '');
}

/**
 * Exact counts for an excerpt: `count` is the model's tokenizer (llm's `TokenCounter.count`);
 * `ratio` (counted tokens per estimated token) is learnt from each count and kept for the next
 * excerpt of the same prompt, so it starts close to its budget.
 */
export interface TokenMeter {
  count: (text: string) => number;
  ratio?: number;
}

/**
 * Chooses spans in priority order while they fit `budget` tokens: a span is taken whole or not
 * at all, except a `cuttable` span, which may keep its leading lines. The result prints the chosen
 * lines in file order; a gap between chosen lines becomes one `-- ... (lines a-b left out)` line.
 * Without `meter` the tokens are the estimate; with it they are counted and the text never
 * exceeds `budget` (see countedExcerpt).
 */
export function excerpt(file: SourceFile, spans: LineSpan[], budget: number, meter?: TokenMeter): Excerpt {
  const costs = new Map<number, number>();
  const cost = (l: number) => {
    let c = costs.get(l);
    if (c === undefined) costs.set(l, (c = estimateTokens(lineText(file, l))));
    return c;
  };
  if (meter) return countedExcerpt(file, spans, budget, meter, cost);
  // Gap markers are paid for after the choice; shrink the choice until the whole text fits.
  let r = chooseLines(file, spans, budget, cost);
  for (let b = budget, i = 0; r.tokens > budget && i < 8; i++) {
    b -= r.tokens - budget + 8;
    r = chooseLines(file, spans, Math.max(0, b), cost);
    r.trimmed = true;
  }
  return r;
}

/**
 * The excerpt within `budget` tokens as the meter counts them. Counting every candidate line with
 * a real tokenizer costs about a microsecond per character (150 ms for a 5,000-line file), so lines
 * are chosen by the estimate, calibrated by the ratio of counted to estimated tokens of the
 * previous choice, and each choice (a budget-sized text) is counted once: a few counts in all. The
 * largest choice that fits is kept; when none does, the excerpt is empty.
 */
function countedExcerpt(file: SourceFile, spans: LineSpan[], budget: number, meter: TokenMeter, cost: (l: number) => number): Excerpt {
  let best: Excerpt | undefined;
  const tried = new Set<number>();
  // `b` is the estimate budget of the chosen lines; the text's estimate adds the gap markers.
  let b = Math.max(0, Math.floor(budget / (meter.ratio ?? 1)));
  for (let i = 0; i < 6 && !tried.has(b); i++) {
    tried.add(b);
    const r = chooseLines(file, spans, b, cost);
    const exact = meter.count(r.text);
    if (exact > 0 && r.tokens > 0) meter.ratio = exact / r.tokens;
    const fits = exact <= budget;
    if (fits && (!best || exact > best.tokens)) best = { ...r, tokens: exact };
    // Done when everything asked for is in, or the budget is all but used.
    if (fits && (!r.trimmed || exact >= budget * 0.97)) break;
    // Move the estimate by what separates this text from the one that would count `budget`.
    const aim = exact > 0 ? Math.floor((r.tokens * budget) / exact) : 2 * r.tokens + 16;
    const next = Math.min(b, r.tokens) + aim - r.tokens;
    b = fits ? Math.max(next, b + 1) : Math.max(0, Math.min(next, b - 1));
  }
  return best ?? { text: '', lines: [], tokens: 0, trimmed: true };
}

function chooseLines(file: SourceFile, spans: LineSpan[], budget: number, cost: (l: number) => number): Excerpt {
  const chosen = new Set<number>();
  let tokens = 0;
  let trimmed = false;
  const lineCount = file.lines.lineStarts.length;
  for (const span of spans) {
    const first = Math.max(0, span.first);
    const last = Math.min(lineCount - 1, span.last);
    if (last < first) continue;
    let need = 0;
    for (let l = first; l <= last; l++) if (!chosen.has(l)) need += cost(l);
    // Each gap marker costs about ten tokens; reserve for it.
    if (tokens + need + 10 <= budget) {
      for (let l = first; l <= last; l++) chosen.add(l);
      tokens += need;
      continue;
    }
    trimmed = true;
    if (!span.cuttable) continue;
    for (let l = first; l <= last; l++) {
      if (chosen.has(l)) continue;
      const c = cost(l);
      if (tokens + c + 10 > budget) break;
      chosen.add(l);
      tokens += c;
    }
  }
  const lines = [...chosen].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = -1;
  for (const l of lines) {
    if (prev >= 0 && l > prev + 1) {
      let blank = true;
      for (let k = prev + 1; k < l && blank; k++) blank = lineText(file, k).trim() === '';
      // A gap of blank lines only is shown as one blank line; real gaps say which lines are missing.
      out.push(blank ? '' : l === prev + 2 ? `-- ... (line ${l} left out)` : `-- ... (lines ${prev + 2}-${l} left out)`);
    }
    out.push(lineText(file, l));
    prev = l;
  }
  const text = out.join('\n');
  return { text, lines: lines.map((l) => l + 1), tokens: estimateTokens(text), trimmed };
}

/** Concurrent statements of a region, generate and block bodies included, outermost first. */
export function concurrentStatements(node: SyntaxNode | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const list = node?.child(N.ConcurrentStatements);
  if (!list) return out;
  for (const s of list.children) if (s instanceof SyntaxNode) out.push(s);
  return out;
}

/** Every concurrent statement under `node`, descending into generates and blocks. */
export function allConcurrentStatements(node: SyntaxNode | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    for (const list of n.descendants(N.ConcurrentStatements)) {
      for (const s of list.children) if (s instanceof SyntaxNode) out.push(s);
    }
  };
  if (node) visit(node);
  // descendants() already walks nested lists; keep each statement once, in text order.
  return [...new Set(out)].sort((a, b) => a.start - b.start);
}

/** The declarations of a region's declarative part, one node per declaration. */
export function declarationItems(node: SyntaxNode | undefined): SyntaxNode[] {
  const part = node?.child(N.DeclarativePart);
  return part ? part.children.filter((c): c is SyntaxNode => c instanceof SyntaxNode) : [];
}
