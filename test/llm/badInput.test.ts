// Broken model folders and bad requests: each one clear LlmError naming the cause and the fix, never a crash.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../server/src/llm/model';
import { LocalBackend } from '../../server/src/llm/localBackend';
import { createBackend } from '../../server/src/llm/index';
import { isLlmError, type LlmErrorCode } from '../../server/src/llm/errors';
import { TINY } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'llm-bad-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the tiny model folder (fp32 only), changed by `edit`. */
function brokenCopy(name: string, edit: (dir: string) => void): string {
  const dir = join(tmp, name);
  cpSync(TINY, dir, { recursive: true, filter: (src) => !/model_(q4|fp16)\.onnx$|reference\.json$/.test(src) });
  edit(dir);
  return dir;
}

async function expectError(p: Promise<unknown>, code: LlmErrorCode, ...patterns: RegExp[]) {
  await assert.rejects(p, (e) => {
    assert.ok(isLlmError(e), `expected LlmError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const re of patterns) assert.match(e.message, re);
    return true;
  });
}

test('missing folder', async () => {
  await expectError(loadModel(join(tmp, 'nope')), 'MODEL_NOT_FOUND', /Model folder not found: .*nope/, /vhdlExplain\.model\.folder/);
});

test('missing .onnx file, missing config, named file absent', async () => {
  const noOnnx = brokenCopy('no-onnx', (d) => unlinkSync(join(d, 'onnx', 'model.onnx')));
  await expectError(loadModel(noOnnx), 'MODEL_FILE_MISSING', /no onnx\/\*\.onnx file/);
  await expectError(loadModel(TINY, { file: 'model_int8.onnx' }), 'MODEL_FILE_MISSING', /model_int8\.onnx/, /Available: .*model_q4\.onnx/);
  const noConfig = brokenCopy('no-config', (d) => unlinkSync(join(d, 'config.json')));
  await expectError(loadModel(noConfig), 'MODEL_FILE_MISSING', /config\.json/);
});

test('corrupt .onnx, empty .onnx, corrupt JSON', async () => {
  const garbage = brokenCopy('garbage', (d) => writeFileSync(join(d, 'onnx', 'model.onnx'), Buffer.from('this is not protobuf at all '.repeat(40))));
  await expectError(loadModel(garbage), 'MODEL_CORRUPT', /ONNX Runtime cannot load .*model\.onnx/, /copy it again/);
  const truncated = brokenCopy('truncated', (d) => {
    const f = join(d, 'onnx', 'model.onnx');
    writeFileSync(f, readFileSync(f).subarray(0, 5000));
  });
  await expectError(loadModel(truncated), 'MODEL_CORRUPT', /cannot load/);
  const empty = brokenCopy('empty', (d) => writeFileSync(join(d, 'onnx', 'model.onnx'), ''));
  await expectError(loadModel(empty), 'MODEL_CORRUPT', /is empty/);
  const badJson = brokenCopy('bad-json', (d) => writeFileSync(join(d, 'tokenizer.json'), '{"model": '));
  await expectError(loadModel(badJson), 'MODEL_CORRUPT', /tokenizer\.json is not valid JSON/);
});

test('a tokenizer that does not match the model (vocabulary larger than the logits)', async () => {
  const dir = brokenCopy('big-vocab', (d) => {
    const tj = JSON.parse(readFileSync(join(d, 'tokenizer.json'), 'utf8'));
    const vocab = tj.model.vocab as Record<string, number>;
    for (let i = 0; i < 100; i++) vocab[`extra${i}`] = 555 + i;
    writeFileSync(join(d, 'tokenizer.json'), JSON.stringify(tj));
  });
  await expectError(loadModel(dir), 'TOKENIZER_MISMATCH', /ids up to 654 but the model has only 555 logits/, /exported with this \.onnx file/);
});

test('a model with unexpected inputs and no KV cache', async () => {
  const dir = brokenCopy('odd-inputs', (d) => copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'llm', 'unexpected-inputs.onnx'), join(d, 'onnx', 'model.onnx')));
  await expectError(loadModel(dir), 'MODEL_UNSUPPORTED', /unexpected inputs pixel_values/, /past_key_values/);
});

test('config.json that disagrees with the graph', async () => {
  const dir = brokenCopy('layers', (d) => {
    const c = JSON.parse(readFileSync(join(d, 'config.json'), 'utf8'));
    c.num_hidden_layers = 4;
    writeFileSync(join(d, 'config.json'), JSON.stringify(c));
  });
  await expectError(loadModel(dir), 'MODEL_UNSUPPORTED', /config\.json says 4 layers but .* has 2/);
});

test('the backend survives a failed load and works once the folder is fixed', async () => {
  const dir = brokenCopy('fixable', (d) => unlinkSync(join(d, 'onnx', 'model.onnx')));
  const be = new LocalBackend({ modelDir: dir, threads: 1 });
  const req = { messages: [{ role: 'user' as const, content: 'Say hello.' }], maxTokens: 48 };
  await expectError(be.generate(req), 'MODEL_FILE_MISSING');
  copyFileSync(join(TINY, 'onnx', 'model.onnx'), join(dir, 'onnx', 'model.onnx'));
  const first = await be.generate({ ...req, cache: false });
  assert.equal(first.finishReason, 'stop');
  assert.ok(first.timings.loadMs > 0);
  const second = await be.generate({ ...req, cache: false });
  assert.equal(second.timings.loadMs, 0, 'the session stays loaded');
  await be.dispose();
});

test('bad requests are INVALID_REQUEST', async () => {
  const be = new LocalBackend({ modelDir: TINY, file: 'model_q4.onnx', threads: 1 });
  await expectError(be.generate({ messages: [] }), 'INVALID_REQUEST', /non-empty/);
  await expectError(be.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: -3 }), 'INVALID_REQUEST', /maxTokens/);
  await expectError(be.generate({ messages: [{ role: 'robot' as 'user', content: 'x' }] }), 'INVALID_REQUEST', /role/);
  await be.dispose();
  assert.throws(() => createBackend({}), (e) => isLlmError(e, 'MODEL_NOT_FOUND') && /vhdlExplain\.model\.folder/.test(e.message));
  assert.throws(() => createBackend({ backend: 'remote', modelDir: TINY }), (e) => isLlmError(e, 'INVALID_REQUEST') && /remoteUrl/.test(e.message));
  assert.match(createBackend({ modelDir: TINY, remoteUrl: 'http://127.0.0.1:9/v1' }).id, /^remote:/);
  assert.match(createBackend({ backend: 'local', modelDir: TINY, remoteUrl: 'http://127.0.0.1:9/v1' }).id, /^local:/);
});

test('a GPU execution provider that is missing falls back to CPU with a message', async () => {
  const lines: string[] = [];
  const m = await loadModel(TINY, { file: 'model_q4.onnx', threads: 1, executionProviders: ['cuda'], log: (l) => lines.push(l) });
  assert.equal(m.decoder.provider, 'cpu');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /Execution provider cuda is not available here .*running on cpu/);
  await m.decoder.release();
});

test('a chat template that refuses system messages gets them folded into the user turn; other refusals are clear errors', async () => {
  const dir = brokenCopy('no-system', (d) => {
    const tc = JSON.parse(readFileSync(join(d, 'tokenizer_config.json'), 'utf8'));
    tc.chat_template = "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" +
      "{% for m in messages %}{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Roles must alternate user/assistant') }}{% endif %}{% endfor %}" +
      tc.chat_template;
    writeFileSync(join(d, 'tokenizer_config.json'), JSON.stringify(tc));
  });
  const m = await loadModel(dir, { threads: 1 });
  try {
    const text = m.tokenizer.renderChat([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello.' }]);
    assert.equal(text, '<|bos|><|im_start|>user\nBe brief.\n\nSay hello.<|im_end|>\n<|im_start|>assistant\n');
    assert.throws(() => m.tokenizer.renderChat([{ role: 'assistant', content: 'x' }]), (e) => isLlmError(e, 'INVALID_REQUEST') && /Roles must alternate/.test(e.message));
  } finally {
    await m.decoder.release();
  }
});
