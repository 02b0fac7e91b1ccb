// `vhdl-explain definition FILE:LINE:COL [--json] [--workspace DIR]`: where the name at a position is declared.
import { definition } from '../ide/definition';
import type { Command } from './main';
import { contextFolders, displayPath, loadPaths, parseArgs, uriOf } from './load';
import { oneBased } from './symbols';

export const definitionCommand: Command = {
  usage: 'definition FILE:LINE:COL [--json] [--workspace DIR]   print where the name at a position is declared',
  run(args) {
    const { positional, flags, values } = parseArgs(args, ['workspace']);
    const m = positional.length === 1 ? /^(.*):(\d+):(\d+)$/.exec(positional[0]) : null;
    if (!m) {
      process.stderr.write('usage: vhdl-explain definition FILE:LINE:COL [--json] [--workspace DIR]\n');
      return 2;
    }
    const [, file, line, col] = m;
    const { ws, files, missing } = loadPaths([file], contextFolders(file, values.get('workspace') ?? []));
    if (missing.length || files.length !== 1) {
      process.stderr.write(`vhdl-explain: ${file}: not a file\n`);
      return 2;
    }
    const locations = definition(ws, uriOf(files[0]), { line: Number(line) - 1, character: Number(col) - 1 });
    if (flags.has('json')) {
      process.stdout.write(JSON.stringify(locations.map((l) => ({ file: displayPath(l.uri), ...oneBased(l.range) })), null, 2) + '\n');
    } else {
      for (const l of locations) process.stdout.write(`${displayPath(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}\n`);
    }
    return locations.length ? 0 : 1;
  },
};
