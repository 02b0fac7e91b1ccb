// `vhdl-explain docs PATH... -o OUT [--format md|html] [--no-model] [--model DIR]`: design docs for every entity.
import { writeDesignDocs } from '../lsp/docsWriter';
import { docsExplainer } from '../lsp/designDocs';
import type { Command } from './main';
import { cliBackend } from './explain';
import { loadPaths, parseArgs } from './load';

export const docsCommand: Command = {
  usage: 'docs PATH... -o OUT [--format md|html] [--no-model] [--model DIR]   write design docs (one page per entity, index)',
  async run(args) {
    const norm = args.map((a) => (a === '-o' ? '--out' : a));
    const { positional, flags, values } = parseArgs(norm, ['out', 'format', 'model', 'url', 'max-tokens', 'threads']);
    const out = values.get('out')?.[0];
    const format = values.get('format')?.[0] ?? 'html';
    if (!positional.length || !out || (format !== 'html' && format !== 'md')) {
      process.stderr.write('usage: vhdl-explain docs PATH... -o OUT [--format md|html] [--no-model] [--model DIR]\n');
      return 2;
    }
    const { ws, missing } = loadPaths(positional);
    if (missing.length) {
      process.stderr.write(`vhdl-explain: not found: ${missing.join(', ')}\n`);
      return 2;
    }
    const { backend, reason } = cliBackend(flags, values);
    if (!backend) process.stderr.write(`vhdl-explain docs: facts only (${reason})\n`);
    const tty = process.stderr.isTTY;
    const started = Date.now();
    try {
      const r = await writeDesignDocs(ws, out, {
        format,
        explain: docsExplainer(ws, backend, values.has('max-tokens') ? Number(values.get('max-tokens')![0]) : undefined),
        onProgress: (done, total, name) => {
          const line = `docs: ${done}/${total}${name ? ` ${name}` : ''}`;
          if (tty) process.stderr.write(`\r${line.padEnd(60)}`);
          else if (!name || done % 25 === 0) process.stderr.write(`${line}\n`);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(`${r.written} page${r.written === 1 ? '' : 's'} written, ${r.unchanged.length} unchanged, index ${r.indexFile} (${Date.now() - started} ms)\n`);
      return 0;
    } finally {
      await backend?.dispose();
    }
  },
};
