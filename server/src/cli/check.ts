// `vhdl-explain check PATH...`: diagnostics as `file:line:col: severity: message`; exit 1 on syntax errors.
import { fileDiagnostics } from '../ide/diagnostics';
import type { Command } from './main';
import { displayPath, libraryOptions, loadPaths, parseArgs, uriOf } from './load';

export const checkCommand: Command = {
  usage: 'check PATH... [--library NAME=GLOB]   print diagnostics; exit status 1 when a file has syntax errors',
  run(args) {
    const { positional, values } = parseArgs(args, ['workspace', 'library']);
    const mapping = libraryOptions(values.get('library') ?? []);
    if (positional.length === 0 || !mapping) {
      process.stderr.write('usage: vhdl-explain check PATH... [--workspace DIR] [--library NAME=GLOB]...\n');
      return 2;
    }
    const { ws, files, missing } = loadPaths(positional, values.get('workspace') ?? [], mapping);
    for (const m of missing) process.stderr.write(`vhdl-explain: ${m}: no such file or folder\n`);
    let syntaxErrors = 0;
    const out: string[] = [];
    for (const f of files) {
      const uri = uriOf(f);
      for (const d of fileDiagnostics(ws, uri)) {
        if (d.severity === 'error' && d.code?.startsWith('syntax/')) syntaxErrors++;
        out.push(`${displayPath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}`);
      }
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    process.stderr.write(`${files.length} file(s) checked, ${syntaxErrors} syntax error(s)\n`);
    return missing.length ? 2 : syntaxErrors > 0 ? 1 : 0;
  },
};
