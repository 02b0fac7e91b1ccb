// The context guard trims the middle of the marked context section instead of failing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fitToContext, markContext, CONTEXT_BEGIN } from '../../server/src/llm/contextGuard';
import { generate } from '../../server/src/llm/generate';
import { loadModel, type LoadedModel } from '../../server/src/llm/model';
import { isLlmError } from '../../server/src/llm/errors';
import { TINY } from './helpers';

let m: LoadedModel;
before(async () => (m = await loadModel(TINY, { file: 'model_q4.onnx', threads: 1, contextLength: 128 })));
after(async () => m.decoder.release());

const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}: signal s${i} <= a and b;`);
const messages = () => [
  { role: 'system' as const, content: 'Explain briefly.' },
  { role: 'user' as const, content: `Code:\n${markContext(lines.join('\n'))}\nWhat does it do?` },
];
const count = (msgs: Parameters<typeof m.tokenizer.encodeChat>[0]) => m.tokenizer.encodeChat(msgs).length;

test('a prompt that fits is passed through with the markers removed', () => {
  const r = fitToContext(messages(), 10_000, count);
  assert.equal(r.trimmedLines, 0);
  assert.equal(r.messages[1].content, `Code:\n${lines.join('\n')}\nWhat does it do?`);
});

test('a long context loses lines from its middle, head and tail kept, and then fits', () => {
  const full = fitToContext(messages(), 10_000, count).tokens;
  const budget = Math.floor(full / 2);
  const r = fitToContext(messages(), budget, count);
  assert.ok(r.trimmedLines > 10 && r.trimmedLines < 35, `trimmed ${r.trimmedLines}`);
  assert.ok(r.tokens <= budget);
  const c = r.messages[1].content;
  assert.ok(c.startsWith('Code:\nline 1:') && c.endsWith(`${lines[39]}\nWhat does it do?`), c);
  assert.ok(c.includes(`[... ${r.trimmedLines} lines omitted ...]`));
  assert.ok(!c.includes(CONTEXT_BEGIN));
  // the smallest trim: keeping one more line would not fit
  const tighter = fitToContext(messages(), r.tokens - 1, count);
  assert.ok(tighter.trimmedLines > r.trimmedLines);
});

test('generate trims to the model context instead of failing', async () => {
  const r = await generate(m, { messages: messages(), maxTokens: 16 });
  assert.ok(r.trimmedLines > 0);
  assert.ok(r.promptTokens + 16 <= 128, `prompt ${r.promptTokens}`);
  assert.ok(r.completionTokens > 0);
});

test('a prompt that cannot fit is a PROMPT_TOO_LONG error naming the sizes', async () => {
  const long = [{ role: 'user' as const, content: 'word '.repeat(300) }];
  await assert.rejects(generate(m, { messages: long, maxTokens: 16 }), (e) => {
    assert.ok(isLlmError(e, 'PROMPT_TOO_LONG'));
    assert.match(e.message, /needs \d+ tokens but only 112 fit/);
    assert.match(e.message, /markContext/);
    return true;
  });
  const marked = [{ role: 'user' as const, content: 'word '.repeat(300) + markContext('a\nb') }];
  await assert.rejects(generate(m, { messages: marked, maxTokens: 16 }), (e) => isLlmError(e, 'PROMPT_TOO_LONG'));
});
