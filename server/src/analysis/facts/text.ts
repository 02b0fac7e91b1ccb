// Small helpers over the tree shared by the facts modules: source text, lines, name bases.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, SyntaxNode, SyntaxToken } from '../../syntax/tree';
import type { SourceFile } from '../sourceFile';

/** Source text of a node with comments dropped and whitespace collapsed to single spaces. */
export function compact(node: SyntaxNode): string {
  const parts: string[] = [];
  let space = false;
  for (const t of node.tokens()) {
    if (t.kind === T.Whitespace || t.kind === T.LineComment || t.kind === T.BlockComment) {
      space = parts.length > 0;
      continue;
    }
    if (space) parts.push(' ');
    space = false;
    parts.push(t.text);
  }
  return parts.join('');
}

/** 1-based line of an offset. */
export function lineOf(file: SourceFile, offset: number): number {
  return file.lines.positionAt(offset).line + 1;
}

/** Strips redundant parentheses around an expression. */
export function stripParens(n: SyntaxNode | undefined): SyntaxNode | undefined {
  while (n && n.kind === N.ParenthesizedExpression) n = n.childNodes()[0];
  return n;
}

/**
 * The simple name at the root of a name (`r.f(3)` -> `r`), and the suffix text after it (`.f(3)`),
 * or undefined when the name does not start with a simple name (a literal, an aggregate).
 */
export function nameBase(n: SyntaxNode): { base: SyntaxNode; element: string | undefined } | undefined {
  let cur = n;
  while (cur.kind === N.CallOrIndexName || cur.kind === N.SelectedName || cur.kind === N.AttributeName) {
    const first = cur.childNodes()[0];
    if (!first) return undefined;
    cur = first;
  }
  if (cur.kind !== N.SimpleName) return undefined;
  if (cur === n) return { base: cur, element: undefined };
  const suffix = compact(n).slice(compact(cur).length);
  return { base: cur, element: suffix || undefined };
}

/** The expression child of an IfBranch or other holder: the first node that is not a statement list. */
export function conditionOf(branch: SyntaxNode): SyntaxNode | undefined {
  return branch.childNodes().find((c) => c.kind !== N.SequentialStatements && c.kind !== N.Label);
}

/** The statements of a branch / alternative / body. */
export function statementsOf(n: SyntaxNode | undefined): SyntaxNode[] {
  return n?.child(N.SequentialStatements)?.childNodes() ?? [];
}

/** Normalized name of a SimpleName, or of a selected name's last part (`ieee.std_logic_1164.rising_edge`). */
export function simpleOrSuffixName(n: SyntaxNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.kind === N.SimpleName) return nameOf(n);
  if (n.kind === N.SelectedName) {
    const last = n.children[n.children.length - 1];
    if (last instanceof SyntaxNode && last.kind === N.SimpleName) return nameOf(last);
  }
  return undefined;
}

/** The single character literal (`'1'`) or boolean literal of an expression, lower-cased, quotes dropped. */
export function literalLevel(n: SyntaxNode | undefined): string | undefined {
  n = stripParens(n);
  if (!n) return undefined;
  if (n.kind === N.Literal) {
    const t = n.childTokens()[0];
    if (t?.kind === T.CharacterLiteral) return t.text.slice(1, -1);
    return undefined;
  }
  if (n.kind === N.SimpleName) {
    const v = nameOf(n);
    if (v === 'true' || v === 'false') return v;
  }
  return undefined;
}

export const ASSIGNMENT_KINDS = new Set([
  N.SimpleSignalAssignment,
  N.ConditionalSignalAssignment,
  N.SelectedSignalAssignment,
  N.SimpleForceAssignment,
  N.SimpleReleaseAssignment,
  N.VariableAssignment,
  N.ConditionalVariableAssignment,
  N.SelectedVariableAssignment,
]);

export const CONCURRENT_ASSIGNMENT_KINDS = new Set([
  N.ConcurrentSimpleSignalAssignment,
  N.ConcurrentConditionalSignalAssignment,
  N.ConcurrentSelectedSignalAssignment,
]);

/** The target names of an assignment: one, or several for an aggregate target `(a, b) <= ...`. */
export function targetNames(stmt: SyntaxNode): SyntaxNode[] {
  const target = stmt.child(N.Target);
  const t = target?.childNodes()[0];
  if (!t) return [];
  if (t.kind === N.Aggregate) {
    const out: SyntaxNode[] = [];
    for (const ea of t.childNodes(N.ElementAssociation)) {
      const e = ea.childNodes().filter((c) => c.kind !== N.Choices).pop();
      if (e) out.push(e);
    }
    return out;
  }
  return [t];
}

/** The value expression of a simple assignment (first waveform element or the expression after `:=`). */
export function simpleValue(stmt: SyntaxNode): SyntaxNode | undefined {
  if (stmt.kind === N.VariableAssignment) return stmt.childNodes().find((c) => c.kind !== N.Target && c.kind !== N.Label);
  if (stmt.kind === N.SimpleSignalAssignment || stmt.kind === N.ConcurrentSimpleSignalAssignment) {
    const wf = stmt.child(N.Waveform);
    const els = wf?.childNodes(N.WaveformElement) ?? [];
    if (els.length !== 1) return undefined;
    const e = els[0].childNodes();
    return e.length === 1 ? e[0] : undefined; // `x after 1 ns` has two parts: not a plain value
  }
  return undefined;
}

export function tokenIs(el: SyntaxNode | SyntaxToken | undefined, kind: T): boolean {
  return el instanceof SyntaxToken && el.kind === kind;
}
