// The shipped default model (models/default): the engine, loaded as the server loads it, reproduces
// the greedy answer that export.py recorded in torch when the model was made, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../server/src/llm/generate';
import { loadModel, type LoadedModel } from '../../server/src/llm/model';

const DEFAULT = join(import.meta.dirname, '..', '..', 'models', 'default');

interface ExportReference {
  prompt_messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  prompt_ids: number[];
  max_new_tokens: number;
  ids: number[];
  text: string;
}

let model: LoadedModel;
let ref: ExportReference;
before(async () => {
  assert.ok(existsSync(join(DEFAULT, 'onnx', 'model_q4.onnx')), 'models/default must hold the shipped int4 model');
  ref = JSON.parse(readFileSync(join(DEFAULT, 'reference.json'), 'utf8')) as ExportReference;
  model = await loadModel(DEFAULT, { threads: 1 });
});
after(async () => {
  await model?.decoder.release();
});

test('the shipped folder is the int4 model, with its card, under the 40 MB budget', () => {
  const files = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'MODEL_CARD.md', 'onnx/model_q4.onnx'];
  let bytes = 0;
  for (const f of files) bytes += statSync(join(DEFAULT, f)).size;
  assert.ok(bytes < 40e6, `${(bytes / 1e6).toFixed(1)} MB`);
  const onnx = readFileSync(join(DEFAULT, 'onnx', 'model_q4.onnx'));
  assert.ok(onnx.includes(Buffer.from('MatMulNBits')), 'projections are MatMulNBits');
});

test('the reference prompt is what the extension sends: the chat template gives the recorded ids', () => {
  assert.match(ref.prompt_messages.at(-1)!.content, /Facts from the analysis:/, 'a prompt from the server\'s prompt builder');
  assert.deepEqual(model.tokenizer.encodeChat(ref.prompt_messages), ref.prompt_ids);
});

test('greedy generation through the engine equals the text recorded at export, byte for byte', async () => {
  const deltas: string[] = [];
  const r = await generate(model, { messages: ref.prompt_messages, maxTokens: ref.max_new_tokens }, (d) => deltas.push(d));
  assert.equal(Buffer.from(r.text).toString('hex'), Buffer.from(ref.text).toString('hex'), `got ${JSON.stringify(r.text)}\nwant ${JSON.stringify(ref.text)}`);
  assert.equal(r.completionTokens, ref.ids.length);
  assert.equal(deltas.join(''), r.text);
});
