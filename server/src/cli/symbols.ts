// `vhdl-explain symbols FILE [--json]`: the outline of a file.
import { documentSymbols } from '../ide/symbols';
import type { DocumentSymbol, Range } from '../ide/types';
import type { Command } from './main';
import { loadPaths, parseArgs, uriOf } from './load';

/** 1-based lines and columns, as the CLI prints them. */
export function oneBased(r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

interface JsonSymbol {
  name: string;
  kind: string;
  detail?: string;
  range: ReturnType<typeof oneBased>;
  selectionRange: ReturnType<typeof oneBased>;
  children: JsonSymbol[];
}

function toJson(s: DocumentSymbol): JsonSymbol {
  return { name: s.name, kind: s.kind, detail: s.detail, range: oneBased(s.range), selectionRange: oneBased(s.selectionRange), children: s.children.map(toJson) };
}

function toText(s: DocumentSymbol, depth: number, out: string[]): void {
  out.push(`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` : ${s.detail}` : ''} (${s.selectionRange.start.line + 1}:${s.selectionRange.start.character + 1})`);
  for (const c of s.children) toText(c, depth + 1, out);
}

export const symbolsCommand: Command = {
  usage: 'symbols FILE [--json]            print the outline of a file',
  run(args) {
    const { positional, flags } = parseArgs(args);
    if (positional.length !== 1) {
      process.stderr.write('usage: vhdl-explain symbols FILE [--json]\n');
      return 2;
    }
    const { ws, files, missing } = loadPaths(positional);
    if (missing.length || files.length !== 1) {
      process.stderr.write(`vhdl-explain: ${positional[0]}: not a file\n`);
      return 2;
    }
    const symbols = documentSymbols(ws, uriOf(files[0]));
    if (flags.has('json')) process.stdout.write(JSON.stringify(symbols.map(toJson), null, 2) + '\n');
    else {
      const out: string[] = [];
      for (const s of symbols) toText(s, 0, out);
      process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
    }
    return 0;
  },
};
