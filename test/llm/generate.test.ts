// Generation against the Python reference: tokenizer ids, greedy text byte for byte, streaming, stops, cancel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationSource } from '../../server/src/llm/cancellation';
import { generate } from '../../server/src/llm/generate';
import { loadModel, type LoadedModel } from '../../server/src/llm/model';
import { reference, TINY } from './helpers';

const models: Record<string, LoadedModel> = {};
before(async () => {
  models.fp32 = await loadModel(TINY, { file: 'model.onnx', threads: 1 });
  models.q4 = await loadModel(TINY, { file: 'model_q4.onnx', threads: 1 });
});
after(async () => {
  for (const m of Object.values(models)) await m.decoder.release();
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('the tokenizer gives the reference ids', () => {
  const ref = reference().tokenizer;
  ref.texts.forEach((t, i) => assert.deepEqual(models.fp32.tokenizer.encode(t), ref.ids[i], JSON.stringify(t)));
});

for (const variant of ['fp32', 'q4'] as const) {
  test(`${variant}: chat prompt ids and greedy text match the reference byte for byte`, async () => {
    for (const g of reference()[variant].greedy) {
      const m = models[variant];
      assert.deepEqual(m.tokenizer.encodeChat(g.messages), g.prompt_ids, 'chat template + tokenizer');
      const deltas: string[] = [];
      const r = await generate(m, { messages: g.messages, maxTokens: 48 }, (d) => deltas.push(d));
      assert.equal(r.text, g.text);
      assert.equal(Buffer.from(r.text).toString('hex'), Buffer.from(g.text).toString('hex'));
      assert.equal(r.finishReason, g.finish_reason);
      assert.equal(r.completionTokens, g.output_ids.length);
      assert.equal(r.promptTokens, g.prompt_ids.length);
      assert.equal(deltas.join(''), r.text, 'the stream adds up to the text');
    }
  });
}

test('fp16: the same greedy answers as the fp32 reference', async () => {
  const m = await loadModel(TINY, { file: 'model_fp16.onnx', threads: 1 });
  try {
    assert.equal(m.decoder.kvType, 'float16');
    for (const g of reference().fp32.greedy.slice(0, 3)) {
      assert.equal((await generate(m, { messages: g.messages, maxTokens: 48 })).text, g.text);
    }
  } finally {
    await m.decoder.release();
  }
});

test('a prompt prefilled in chunks of 7 tokens gives the same greedy text', async () => {
  const m = await loadModel(TINY, { file: 'model.onnx', threads: 1, prefillChunk: 7 });
  try {
    for (const g of reference().fp32.greedy) {
      assert.ok(g.prompt_ids.length > 14);
      assert.equal((await generate(m, { messages: g.messages, maxTokens: 48 })).text, g.text);
    }
  } finally {
    await m.decoder.release();
  }
});

test('streaming never splits a multi-byte character', async () => {
  const g = reference().fp32.greedy[0]; // "... café → naïve, 計数器 ✓ 🎉. Done."
  assert.match(g.text, /🎉/);
  const deltas: string[] = [];
  const r = await generate(models.fp32, { messages: g.messages, maxTokens: 48 }, (d) => deltas.push(d));
  assert.ok(deltas.length > 5, `streamed in ${deltas.length} pieces`);
  for (const d of deltas) {
    assert.ok(!d.includes('\uFFFD'), `no replacement character in ${JSON.stringify(d)}`);
    assert.ok(!LONE_SURROGATE.test(d), `no half surrogate pair in ${JSON.stringify(d)}`);
    assert.ok(d.length > 0);
  }
  assert.equal(deltas.join(''), r.text);
});

test('the stream decoder holds bytes back until a character is complete', () => {
  // ids 0..255 are the single-byte tokens of the test tokenizer
  const dec = models.fp32.tokenizer.streamDecoder();
  const out = [...Buffer.from('a日🎉')].map((b) => dec.push(b));
  assert.deepEqual(out, ['a', '', '', '日', '', '', '', '🎉']);
  const dec2 = models.fp32.tokenizer.streamDecoder();
  assert.deepEqual([0xe6, 0x97].map((b) => dec2.push(b)), ['', '']);
  assert.equal(dec2.flush(), '\uFFFD', 'an unfinished character at the end becomes one U+FFFD');
});

test('stop strings end the text before the match, and the stream never shows the stop string', async () => {
  const g = reference().fp32.greedy[2]; // "Hello, world! Grüße aus Zürich 😀 and 日本語 too."
  const cut = g.text.indexOf('Zürich');
  assert.ok(cut > 0);
  const deltas: string[] = [];
  const r = await generate(models.fp32, { messages: g.messages, maxTokens: 48, stop: ['never appears', 'Zürich'] }, (d) => deltas.push(d));
  assert.equal(r.text, g.text.slice(0, cut));
  assert.equal(r.finishReason, 'stop');
  assert.equal(deltas.join(''), r.text);
  const r2 = await generate(models.fp32, { messages: g.messages, maxTokens: 48, stop: ['never appears'] });
  assert.equal(r2.text, g.text);
});

test('max tokens ends with finishReason length and a prefix of the greedy text', async () => {
  const g = reference().fp32.greedy[1];
  const r = await generate(models.fp32, { messages: g.messages, maxTokens: 5 });
  assert.equal(r.finishReason, 'length');
  assert.equal(r.completionTokens, 5);
  assert.ok(g.text.startsWith(r.text) && r.text.length < g.text.length, JSON.stringify(r.text));
});

test('cancellation mid-generation returns the partial text', async () => {
  const g = reference().fp32.greedy[1];
  const src = new CancellationSource();
  const deltas: string[] = [];
  const r = await generate(models.fp32, { messages: g.messages, maxTokens: 48 }, (d) => {
    deltas.push(d);
    if (deltas.length === 3) src.cancel();
  }, src.token);
  assert.equal(r.finishReason, 'cancelled');
  assert.equal(r.text, deltas.join(''));
  assert.ok(r.text.length > 0 && g.text.startsWith(r.text) && r.text.length < g.text.length, JSON.stringify(r.text));
  const pre = new CancellationSource();
  pre.cancel();
  const r0 = await generate(models.fp32, { messages: g.messages }, undefined, pre.token);
  assert.deepEqual([r0.text, r0.finishReason, r0.completionTokens], ['', 'cancelled', 0]);
});

test('sampling is deterministic for a seed; top-k 1 is greedy', async () => {
  const g = reference().fp32.greedy[0];
  const req = { messages: g.messages, maxTokens: 20, temperature: 3, topK: 50, topP: 0.95, seed: 7 };
  const a = await generate(models.fp32, req);
  const b = await generate(models.fp32, req);
  assert.equal(a.text, b.text);
  const texts = new Set<string>();
  for (let seed = 0; seed < 6; seed++) texts.add((await generate(models.fp32, { ...req, seed })).text);
  assert.ok(texts.size > 1, 'different seeds give different samples at temperature 3');
  const k1 = await generate(models.fp32, { messages: g.messages, maxTokens: 48, temperature: 1, topK: 1, seed: 3 });
  assert.equal(k1.text, g.text);
});

test('timings are filled in', async () => {
  const g = reference().fp32.greedy[0];
  const r = await generate(models.fp32, { messages: g.messages, maxTokens: 48 });
  const t = r.timings;
  assert.equal(t.prefillTokens, g.prompt_ids.length);
  assert.equal(t.decodeTokens, g.output_ids.length - 1); // the last token (EOS) needs no forward pass
  assert.ok(t.prefillMs > 0 && t.decodeMs > 0 && t.decodeTokensPerSecond > 0 && t.firstTokenMs > 0 && t.totalMs >= t.firstTokenMs);
});
