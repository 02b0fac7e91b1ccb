// `vhdl-explain explain FILE[:ENTITY] [--json] [--no-model] [--model DIR]`: the "Explain this entity" answer.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { explain } from '../ide/explain';
import type { ExplainTarget } from '../ide/prompt';
import { CancellationSource, createBackend, type Backend } from '../llm/index';
import { defaultModelFolder } from '../lsp/model';
import type { Command } from './main';
import { contextFolders, loadPaths, parseArgs, uriOf } from './load';

/** The backend the CLI options ask for: `--no-model`, `--model DIR`, `--url URL`, else the default model if installed. */
export function cliBackend(flags: Set<string>, values: Map<string, string[]>): { backend?: Backend; reason?: string } {
  if (flags.has('no-model')) return { reason: '--no-model was given' };
  const url = values.get('url')?.[0];
  const dir = values.get('model')?.[0];
  const threads = values.get('threads')?.[0];
  if (url) return { backend: createBackend({ remoteUrl: url }) };
  const folder = dir ?? defaultModelFolder();
  if (!dir && !existsSync(`${folder}/config.json`)) return { reason: `no default model is installed yet (${folder}); pass --model DIR` };
  try {
    return { backend: createBackend({ modelDir: folder, threads: threads ? Number(threads) : undefined }) };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}

export const explainCommand: Command = {
  usage: 'explain FILE[:ENTITY] [--json] [--no-model] [--model DIR] [--max-tokens N]   explain an entity (facts + model prose)',
  async run(args) {
    const { positional, flags, values } = parseArgs(args, ['workspace', 'model', 'url', 'max-tokens', 'threads']);
    if (positional.length !== 1) {
      process.stderr.write('usage: vhdl-explain explain FILE[:ENTITY] [--json] [--no-model] [--model DIR] [--workspace DIR]\n');
      return 2;
    }
    const m = /^(.*?)(?::([A-Za-z][A-Za-z0-9_]*))?$/.exec(positional[0])!;
    const [file, entity] = existsSync(positional[0]) ? [positional[0], undefined] : [m[1], m[2]];
    const { ws, files } = loadPaths([file], contextFolders(file, values.get('workspace') ?? []));
    if (files.length !== 1) {
      process.stderr.write(`vhdl-explain: ${file}: not a file\n`);
      return 2;
    }
    const f = ws.getFile(uriOf(files[0]))!;
    const unit = entity
      ? f.units.find((u) => u.kind === 'entity' && u.name === entity.toLowerCase()) ?? f.units.find((u) => u.name === entity.toLowerCase())
      : f.units.find((u) => u.kind === 'entity') ?? f.units[0];
    if (!unit) {
      process.stderr.write(`vhdl-explain: ${basename(file)}: ${entity ? `no unit named ${entity}` : 'no design unit'}\n`);
      return 1;
    }
    const target: ExplainTarget = { kind: 'unit', unit };
    const { backend, reason } = cliBackend(flags, values);
    const json = flags.has('json');
    const cancel = new CancellationSource();
    const onSigint = () => cancel.cancel();
    process.once('SIGINT', onSigint);
    try {
      const a = await explain(ws, target, {
        backend,
        noModelReason: reason,
        maxTokens: values.has('max-tokens') ? Number(values.get('max-tokens')![0]) : undefined,
        token: cancel.token,
        onDelta: json ? undefined : (d) => process.stdout.write(d),
      });
      if (json) {
        const out = {
          title: a.title,
          markdown: a.markdown,
          modelUsed: a.modelUsed,
          grounding: a.grounding ?? null,
          model: a.model ?? null,
          noModelReason: backend ? null : reason ?? null,
          prompt: a.prompt ? { messages: a.prompt.messages, estimatedTokens: a.prompt.estimatedTokens, trimmed: a.prompt.trimmed, sourceLines: a.prompt.sourceLines.length } : null,
          cancelled: a.cancelled,
        };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else process.stdout.write('\n');
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      await backend?.dispose();
    }
  },
};
