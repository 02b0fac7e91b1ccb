// Renders a parse as the `== source ==` / `== tree ==` / `== diagnostics ==` snapshot the fixtures compare against.
import { LineIndex, parse, printTree, treeText, type SyntaxDiagnostic } from '../../server/src/syntax/index';

/** One line per diagnostic: 1-based `line:col..line:col code: message`, then the text it covers. */
export function renderDiagnostics(text: string, diagnostics: SyntaxDiagnostic[]): string {
  const index = new LineIndex(text);
  return diagnostics
    .map((d) => {
      const a = index.positionAt(d.start), b = index.positionAt(d.end);
      const covered = text.slice(d.start, Math.min(d.end, d.start + 40));
      return `${a.line + 1}:${a.character + 1}..${b.line + 1}:${b.character + 1} ${d.code}: ${d.message}${d.end > d.start ? ` ${JSON.stringify(covered)}` : ''}`;
    })
    .join('\n');
}

export function renderSnapshot(text: string): { snapshot: string; roundTrip: string } {
  const { root, diagnostics } = parse(text);
  const snapshot = `== source ==\n${text}${text.endsWith('\n') ? '' : '\n'}== tree ==\n${printTree(root)}\n== diagnostics ==\n${renderDiagnostics(text, diagnostics)}\n`;
  // treeText concatenates the tokens of the materialized tree (root.text would just slice the source).
  return { snapshot, roundTrip: treeText(root) };
}
