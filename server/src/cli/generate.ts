// `vhdl-explain generate --model DIR --prompt TEXT`: streams a local (or remote) model's answer to stdout.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { CancellationSource } from '../llm/cancellation';
import { isLlmError } from '../llm/errors';
import { createBackend, type ChatMessage, type GenerateRequest } from '../llm/index';
import type { Command } from './main';

const USAGE = `usage: vhdl-explain generate --model DIR --prompt TEXT [options]
  --model DIR            model folder (config.json, tokenizer.json, onnx/model*.onnx)
  --file NAME            .onnx file in onnx/ (default model_q4.onnx, else model.onnx)
  --url URL              use an OpenAI-compatible server instead of a local model
  --prompt TEXT          the user message (or --prompt-file PATH)
  --system TEXT          a system message
  --max-tokens N         new tokens at most (default 256)
  --temperature T --top-k K --top-p P --seed S --repetition-penalty R
  --stop TEXT            stop before this text (repeatable)
  --threads N            ONNX Runtime threads (default: cores - 1)
  --context N            context length (default: config.json)
  --json                 JSON lines on stdout: {"delta"} per piece, then {"done", text, timings}
`;

export const generateCommand: Command = {
  usage: 'generate --model DIR --prompt TEXT  stream a model\'s answer [--max-tokens N] [--json]',
  async run(args) {
    let v: ReturnType<typeof parse>['values'];
    try {
      v = parse(args).values;
    } catch (e) {
      process.stderr.write(`vhdl-explain generate: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    if (v.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const prompt = v.prompt ?? (v['prompt-file'] ? readFileSync(v['prompt-file'], 'utf8') : undefined);
    if ((!v.model && !v.url) || prompt === undefined) {
      process.stderr.write(USAGE);
      return 2;
    }
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    const messages: ChatMessage[] = [...(v.system ? [{ role: 'system' as const, content: v.system }] : []), { role: 'user', content: prompt }];
    const req: GenerateRequest = {
      messages,
      maxTokens: num(v['max-tokens']),
      temperature: num(v.temperature),
      topK: num(v['top-k']),
      topP: num(v['top-p']),
      seed: num(v.seed),
      repetitionPenalty: num(v['repetition-penalty']),
      stop: v.stop,
      cache: false,
    };
    const json = v.json === true;
    const cancel = new CancellationSource();
    const onSigint = () => cancel.cancel();
    process.once('SIGINT', onSigint);
    let backend;
    try {
      backend = createBackend({
        modelDir: v.model,
        modelFile: v.file,
        remoteUrl: v.url,
        threads: num(v.threads),
        contextLength: num(v.context),
        log: (line) => process.stderr.write(`vhdl-explain: ${line}\n`),
      });
      const r = await backend.generate(req, (d) => process.stdout.write(json ? JSON.stringify({ delta: d }) + '\n' : d), cancel.token);
      if (json) process.stdout.write(JSON.stringify({ done: true, ...r }) + '\n');
      else process.stdout.write('\n');
      return 0;
    } catch (e) {
      const msg = isLlmError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
      if (json) process.stdout.write(JSON.stringify({ error: { code: isLlmError(e) ? e.code : 'INTERNAL', message: msg } }) + '\n');
      process.stderr.write(`vhdl-explain generate: ${msg}\n`);
      return 1;
    } finally {
      process.off('SIGINT', onSigint);
      await backend?.dispose();
    }
  },
};

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      file: { type: 'string' },
      url: { type: 'string' },
      prompt: { type: 'string' },
      'prompt-file': { type: 'string' },
      system: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      'top-k': { type: 'string' },
      'top-p': { type: 'string' },
      seed: { type: 'string' },
      'repetition-penalty': { type: 'string' },
      stop: { type: 'string', multiple: true },
      threads: { type: 'string' },
      context: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
