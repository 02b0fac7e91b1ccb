// `vhdl-explain hover FILE:LINE:COL [--json] [--model DIR] [--no-model]`: the editor's hover, model part included.
import { basicHover } from '../ide/basicHover';
import { appendFactsSection } from '../ide/factsHover';
import { HoverExplainer } from '../ide/modelHover';
import { hoverMarkdown } from '../ide/types';
import type { Command } from './main';
import { cliBackend } from './explain';
import { contextFolders, loadPaths, parseArgs, uriOf } from './load';

export const hoverCommand: Command = {
  usage: 'hover FILE:LINE:COL [--json] [--no-model] [--model DIR]   the hover text: declaration, facts and explanation',
  async run(args) {
    const { positional, flags, values } = parseArgs(args, ['workspace', 'model', 'url', 'threads']);
    const m = positional.length === 1 ? /^(.*):(\d+):(\d+)$/.exec(positional[0]) : null;
    if (!m) {
      process.stderr.write('usage: vhdl-explain hover FILE:LINE:COL [--json] [--no-model] [--model DIR]\n');
      return 2;
    }
    const [, file, line, col] = m;
    const { ws, files } = loadPaths([file], contextFolders(file, values.get('workspace') ?? []));
    if (files.length !== 1) {
      process.stderr.write(`vhdl-explain: ${file}: not a file\n`);
      return 2;
    }
    const uri = uriOf(files[0]);
    const pos = { line: Number(line) - 1, character: Number(col) - 1 };
    const h = basicHover(ws, uri, pos);
    appendFactsSection(ws, uri, pos, h);
    const { backend, reason } = cliBackend(flags, values);
    try {
      // The CLI waits for the model (the editor shows the same text from its cache once it is done).
      const a = backend && h ? await new HoverExplainer(() => backend).answer(ws, uri, pos, Infinity) : undefined;
      if (a?.section) h!.sections.push(a.section);
      if (flags.has('json')) {
        process.stdout.write(JSON.stringify({
          markdown: h ? hoverMarkdown(h) : null,
          sections: h?.sections ?? [],
          explanation: a?.explanation ?? null,
          grounding: a?.explanation?.verdict ?? null,
          modelError: a?.error ?? null,
          noModelReason: backend ? null : reason ?? null,
        }, null, 2) + '\n');
      } else process.stdout.write(h ? `${hoverMarkdown(h)}\n` : '');
      return h ? 0 : 1;
    } finally {
      await backend?.dispose();
    }
  },
};
