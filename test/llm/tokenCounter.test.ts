// Token counters: tokenizer.json counts against the Python reference, the chat template's tokens,
// the local backend's counter without an ONNX session, failures, and the remote backend's estimate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLlmError, LocalBackend, markContext, RemoteBackend, tokenCounterFromFile } from '../../server/src/llm/index';
import { reference, TINY } from './helpers';

test('tokenizer.json counts equal the Python tokenizer\'s ids, and chats count as the reference prompts', () => {
  const c = tokenCounterFromFile(join(TINY, 'tokenizer.json'));
  const ref = reference();
  ref.tokenizer.texts.forEach((t, i) => assert.equal(c.count(t), ref.tokenizer.ids[i].length, JSON.stringify(t)));
  assert.equal(c.count(''), 0);
  // The chat template (BOS, turn markers, the assistant opener) is counted as the reference rendered it.
  for (const g of ref.fp32.greedy) assert.equal(c.countChat(g.messages), g.prompt_ids.length, g.messages[0].content);
  // Context markers are removed before counting, as the engine removes them.
  const m = ref.fp32.greedy[0].messages[0].content;
  assert.equal(c.countChat([{ role: 'user', content: markContext(m) }]), ref.fp32.greedy[0].prompt_ids.length);
  assert.match(c.source, /test-tiny/);
});

test('missing and corrupt tokenizer files are LlmErrors with a code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vhdl-tok-'));
  try {
    assert.throws(() => tokenCounterFromFile(join(dir, 'tokenizer.json')), (e) => isLlmError(e, 'MODEL_FILE_MISSING'));
    writeFileSync(join(dir, 'tokenizer.json'), '{ not json');
    assert.throws(() => tokenCounterFromFile(join(dir, 'tokenizer.json')), (e) => isLlmError(e, 'MODEL_CORRUPT'));
    writeFileSync(join(dir, 'tokenizer.json'), '[1, 2]');
    assert.throws(() => tokenCounterFromFile(join(dir, 'tokenizer.json')), (e) => isLlmError(e, 'MODEL_CORRUPT'));
    // Without tokenizer_config.json beside it: no chat template, so chats render as `role: content` lines.
    copyFileSync(join(TINY, 'tokenizer.json'), join(dir, 'tokenizer.json'));
    const c = tokenCounterFromFile(join(dir, 'tokenizer.json'));
    assert.equal(c.countChat([{ role: 'user', content: 'Hi' }]), c.count('user: Hi\nassistant: '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the local backend counts with its tokenizer without loading the ONNX session; a fixed folder is read again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vhdl-tok-'));
  const b = new LocalBackend({ modelDir: dir, threads: 1 });
  try {
    // No files yet: no counter (callers estimate), and no exception.
    assert.equal(b.tokenCounter(), undefined);
    writeFileSync(join(dir, 'tokenizer.json'), '{ broken');
    assert.equal(b.tokenCounter(), undefined);
    // The folder has tokenizer files but no .onnx: counting works, generating reports the folder.
    copyFileSync(join(TINY, 'tokenizer.json'), join(dir, 'tokenizer.json'));
    copyFileSync(join(TINY, 'tokenizer_config.json'), join(dir, 'tokenizer_config.json'));
    const c = b.tokenCounter();
    assert.ok(c, 'counter after the tokenizer was fixed');
    const ref = reference();
    assert.equal(c.countChat(ref.fp32.greedy[1].messages), ref.fp32.greedy[1].prompt_ids.length);
    assert.equal(b.tokenCounter(), c, 'the same files give the same counter');
    await assert.rejects(b.generate({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 }), (e) => isLlmError(e) && /MODEL_/.test(e.code));
  } finally {
    await b.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('prompt tokens counted by the counter are the tokens generate() feeds the model', async () => {
  const b = new LocalBackend({ modelDir: TINY, threads: 1 });
  try {
    const c = b.tokenCounter()!;
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: markContext('entity e is\n  port (clk : in bit);\nend entity e;') + '\nExplain. café →' }];
    const r = await b.generate({ messages, maxTokens: 2, cache: false });
    assert.equal(r.trimmedLines, 0);
    assert.equal(r.promptTokens, c.countChat(messages));
  } finally {
    await b.dispose();
  }
});

test('the remote backend has no counter: its prompts keep the estimate', () => {
  const r = new RemoteBackend({ url: 'http://127.0.0.1:9/v1' });
  assert.equal(r.tokenCounter(), undefined);
});
