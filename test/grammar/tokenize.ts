// Tokenizes VHDL with syntaxes/vhdl.tmLanguage.json through the engine VS Code itself uses
// (vscode-textmate on the Oniguruma WebAssembly build), for the grammar tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
export const grammarPath = new URL('../../syntaxes/vhdl.tmLanguage.json', import.meta.url).pathname;

export interface Token {
  line: number; // 0-based
  start: number;
  text: string;
  scopes: string[]; // outermost first, without the root scope
}

let onigReady: Promise<void> | undefined;

/** Loads the Oniguruma WebAssembly engine once per process. */
export function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigReady;
}

export async function loadGrammar(): Promise<textmate.IGrammar> {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.vhdl' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.vhdl');
  if (!grammar) throw new Error('source.vhdl did not load');
  return grammar;
}

/** Tokenizes `text` line by line, carrying the rule stack across lines as the editor does. */
export function tokenize(grammar: textmate.IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((line, lineNo) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const tokText = line.slice(t.startIndex, Math.min(t.endIndex, line.length));
      if (tokText.length === 0) continue;
      out.push({ line: lineNo, start: t.startIndex, text: tokText, scopes: t.scopes.slice(1) });
    }
    state = r.ruleStack;
  });
  return out;
}

/** One line per non-blank token: `line:col 'text' scope.a scope.b`, for snapshots. */
export function renderTokens(tokens: Token[]): string {
  return tokens
    .filter((t) => t.text.trim() !== '')
    .map((t) => `${t.line + 1}:${t.start + 1} ${JSON.stringify(t.text)} ${t.scopes.join(' ') || '-'}`)
    .join('\n') + '\n';
}
