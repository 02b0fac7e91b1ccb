// `vhdl-explain serve --model DIR --port N`: the local engine under the OpenAI chat completions API.
import { parseArgs } from 'node:util';
import { describe, isLlmError } from '../llm/errors';
import { LocalBackend } from '../llm/localBackend';
import { startOpenAiServer } from '../llm/openaiServer';
import type { Command } from './main';

const USAGE = `usage: vhdl-explain serve --model DIR [--port N] [--host H] [--file NAME] [--threads N] [--context N] [--cache-dir DIR]
  Serves POST /v1/chat/completions (streaming with "stream": true) and GET /v1/models.
  --host defaults to 127.0.0.1 (this machine only); use 0.0.0.0 to serve a team network.
  --port defaults to 8000; 0 picks a free port. The listening URL is printed on stdout.
`;

export const serveCommand: Command = {
  usage: 'serve --model DIR [--port N]          serve the local model as an OpenAI-compatible API on 127.0.0.1',
  async run(args) {
    let v;
    try {
      v = parseArgs({
        args,
        strict: true,
        options: {
          model: { type: 'string' }, file: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
          threads: { type: 'string' }, context: { type: 'string' }, 'cache-dir': { type: 'string' }, help: { type: 'boolean' },
        },
      }).values;
    } catch (e) {
      process.stderr.write(`vhdl-explain serve: ${describe(e)}\n${USAGE}`);
      return 2;
    }
    if (v.help || !v.model) {
      process.stdout.write(USAGE);
      return v.help ? 0 : 2;
    }
    const log = (line: string) => process.stderr.write(`vhdl-explain serve: ${line}\n`);
    const backend = new LocalBackend({
      modelDir: v.model,
      file: v.file,
      threads: v.threads ? Number(v.threads) : undefined,
      contextLength: v.context ? Number(v.context) : undefined,
      cacheDir: v['cache-dir'],
      log,
    });
    try {
      const m = await backend.load(); // fail now, not at the first request
      log(`loaded ${m.id} in ${m.loadMs.toFixed(0)} ms (${m.decoder.provider}, context ${m.contextLength})`);
    } catch (e) {
      log(isLlmError(e) ? `${e.code}: ${e.message}` : describe(e));
      return 1;
    }
    const srv = await startOpenAiServer({ backend, host: v.host ?? '127.0.0.1', port: v.port ? Number(v.port) : 8000, log, modelName: 'vhdl-explain-local' });
    process.stdout.write(`listening on ${srv.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await srv.close();
    await backend.dispose();
    return 0;
  },
};
