// Recognises clock-edge and reset conditions in expressions: rising_edge(clk), clk'event and clk = '1',
// not clk'stable and clk = '0', wait until clk = '1'; rst = '0', rst, not rst_n.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import type { Edge } from './types';
import { compact, literalLevel, simpleOrSuffixName, stripParens } from './text';

export interface EdgeMatch {
  /** The SimpleName of the clock. */
  clock: SyntaxNode;
  signal: string;
  edge: Edge;
}

export interface ResetMatch {
  name: SyntaxNode;
  signal: string;
  /** `0`/`1`, or `true`/`false`. */
  level: string;
}

function binary(n: SyntaxNode): { left: SyntaxNode; op: T; right: SyntaxNode } | undefined {
  if (n.kind !== N.BinaryExpression) return undefined;
  const [left, right] = n.childNodes();
  const op = n.childTokens()[0];
  if (!left || !right || !op) return undefined;
  return { left, op: op.kind, right };
}

/** `clk'event` or `not clk'stable`: the clock name. */
function eventOf(n: SyntaxNode): SyntaxNode | undefined {
  n = stripParens(n)!;
  if (n.kind === N.AttributeName) {
    const [prefix, attr] = n.childNodes();
    if (prefix?.kind === N.SimpleName && nameOf(attr) === 'event') return prefix;
    return undefined;
  }
  if (n.kind === N.UnaryExpression && n.token(T.NotKw)) {
    const inner = stripParens(n.childNodes()[0]);
    if (inner?.kind === N.AttributeName) {
      const [prefix, attr] = inner.childNodes();
      if (prefix?.kind === N.SimpleName && nameOf(attr) === 'stable' && !inner.child(N.AssociationList)) return prefix;
    }
  }
  return undefined;
}

/** `x = '1'` or `'1' = x`: the name and the level. */
function comparison(n: SyntaxNode): { name: SyntaxNode; level: string } | undefined {
  const b = binary(stripParens(n)!);
  if (!b || (b.op !== T.Eq && b.op !== T.SlashEq)) return undefined;
  let name = stripParens(b.left)!;
  let level = literalLevel(b.right);
  if (name.kind !== N.SimpleName || level === undefined) {
    name = stripParens(b.right)!;
    level = literalLevel(b.left);
  }
  if (name.kind !== N.SimpleName || level === undefined) return undefined;
  if (b.op === T.SlashEq) level = invert(level);
  return level === undefined ? undefined : { name, level };
}

function invert(level: string): string | undefined {
  return ({ '0': '1', '1': '0', true: 'false', false: 'true' } as Record<string, string>)[level];
}

function edgeFromLevel(level: string): Edge | undefined {
  return level === '1' || level === 'true' ? 'rising' : level === '0' || level === 'false' ? 'falling' : undefined;
}

/**
 * The clock edge an expression tests, if it is one of the recognised forms. In a `wait until`
 * condition (`inWait`) a bare level test `clk = '1'` is an edge too: the wait resumes on an event.
 */
export function edgeOf(expr: SyntaxNode | undefined, inWait = false): EdgeMatch | undefined {
  const n = stripParens(expr);
  if (!n) return undefined;
  if (n.kind === N.CallOrIndexName) {
    const fn = simpleOrSuffixName(n.childNodes()[0]);
    if (fn !== 'rising_edge' && fn !== 'falling_edge') return undefined;
    const args = n.child(N.AssociationList)?.childNodes(N.AssociationElement) ?? [];
    const arg = args.length === 1 ? stripParens(args[0].childNodes().filter((c) => c.kind !== N.FormalPart).pop()) : undefined;
    const edge = fn === 'rising_edge' ? 'rising' : 'falling';
    if (arg?.kind === N.SimpleName) return { clock: arg, signal: nameOf(arg) ?? '', edge };
    // An element of a clock vector: `rising_edge(clks(0))`; the signal is named with its index.
    const base = arg?.kind === N.CallOrIndexName ? arg.childNodes()[0] : undefined;
    if (arg && base?.kind === N.SimpleName) return { clock: base, signal: compact(arg).toLowerCase(), edge };
    return undefined;
  }
  const b = binary(n);
  if (b && b.op === T.AndKw) {
    for (const [x, y] of [[b.left, b.right], [b.right, b.left]]) {
      const ev = eventOf(x);
      const cmp = comparison(y);
      if (ev && cmp && nameOf(ev) === nameOf(cmp.name)) {
        const edge = edgeFromLevel(cmp.level);
        if (edge) return { clock: cmp.name, signal: nameOf(cmp.name) ?? '', edge };
      }
    }
    return undefined;
  }
  if (inWait) {
    const cmp = comparison(n);
    const edge = cmp ? edgeFromLevel(cmp.level) : undefined;
    if (cmp && edge) return { clock: cmp.name, signal: nameOf(cmp.name) ?? '', edge };
  }
  return undefined;
}

/** A test of one signal against a level: `rst = '1'`, `rst_n = '0'`, `rst /= '0'`, `rst` (boolean), `not rst_n`. */
export function resetCondition(expr: SyntaxNode | undefined, isBoolean: (name: SyntaxNode) => boolean): ResetMatch | undefined {
  const n = stripParens(expr);
  if (!n) return undefined;
  const cmp = comparison(n);
  if (cmp) return { name: cmp.name, signal: nameOf(cmp.name) ?? '', level: cmp.level };
  if (n.kind === N.SimpleName) return { name: n, signal: nameOf(n) ?? '', level: isBoolean(n) ? 'true' : '1' };
  if (n.kind === N.UnaryExpression && n.token(T.NotKw)) {
    const inner = stripParens(n.childNodes()[0]);
    if (inner?.kind === N.SimpleName) return { name: inner, signal: nameOf(inner) ?? '', level: isBoolean(inner) ? 'false' : '0' };
  }
  return undefined;
}

/** One `_`-separated part of a name that says "reset": rst, reset, rstn, arst, sreset, nrst, clr, clear, init. */
const RESET_PART = /^(a|s|n|sys|por|g)?(rst|reset|clr|clear|init)(n|b|l|ni)?$/i;

/** Whether a signal is named like a reset (`rst`, `i_rst_n`, `arst_n`, `aresetn`, `sys_rst`), not merely containing the letters (`first`). */
export function isResetName(name: string): boolean {
  return name.split('_').some((p) => RESET_PART.test(p));
}
