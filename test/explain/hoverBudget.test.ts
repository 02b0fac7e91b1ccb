// The hover budget: counted from the hover request (the facts and the prompt are inside it), the
// "being prepared" note while a blocked model writes and its answer from the cache afterwards, and
// background preparation of the open file not delaying a hover someone waits for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { HoverExplainer, PREPARING } from '../../server/src/ide/modelHover';
import { createBackend, type Backend, type GenerateRequest, type GenerateResult, type OnText } from '../../server/src/llm/index';
import { positionOf } from '../analysis/helpers';
import { fixtureWorkspace, TEST_MODEL, textOf, uriOf } from './helpers';

/** A backend whose generations wait until `release()`; each answers with the prompt's first mentioned name. */
function gatedBackend() {
  const gates: (() => void)[] = [];
  const requests: GenerateRequest[] = [];
  const backend: Backend = {
    id: 'gated',
    async generate(req: GenerateRequest, onText?: OnText): Promise<GenerateResult> {
      requests.push(req);
      await new Promise<void>((r) => gates.push(r));
      const text = 'It is registered on `clk`.';
      onText?.(text);
      return { text, finishReason: 'stop', promptTokens: 1, completionTokens: 7, trimmedLines: 0, cached: false, timings: { loadMs: 0, queueMs: 0, prefillMs: 0, prefillTokens: 0, decodeMs: 0, decodeTokens: 0, decodeTokensPerSecond: 0, firstTokenMs: 0, totalMs: 0 } };
    },
    async dispose() {},
  };
  return { backend, requests, release: () => gates.splice(0).forEach((g) => g()) };
}

test('the budget counts from the hover request: a spent budget answers the note at once; the answer is cached after', async () => {
  const ws = fixtureWorkspace();
  const uri = uriOf('debouncer.vhd');
  const pos = positionOf(textOf('debouncer.vhd'), 'stable_cnt <= stable_cnt + 1', 1, 2);
  const g = gatedBackend();
  const hover = new HoverExplainer(() => g.backend, 16);
  // A minute's budget, all of it spent before the model part began: the note comes without waiting.
  const a = await hover.answer(ws, uri, pos, 60_000, undefined, performance.now() - 60_000);
  assert.equal(a.pending, true);
  assert.equal(a.section?.markdown, PREPARING);
  assert.equal(g.requests.length, 1);
  assert.equal(g.requests[0].priority, 5);
  // The generation goes on; once released, the same hover joins it and later ones hit the cache.
  const joined = hover.answer(ws, uri, pos, Infinity);
  g.release();
  const b = await joined;
  assert.equal(b.pending, false);
  assert.equal(g.requests.length, 1, 'the second hover joined the running generation');
  const c = await hover.answer(ws, uri, pos, 0);
  assert.equal(c.pending, false);
  assert.equal(c.explanation?.cached, true);
  assert.match(c.section!.markdown, /Explanation \(model\)/);
});

test('background preparation does not delay a hover: it runs inside the running preparation step', async () => {
  const ws = fixtureWorkspace();
  const uri = uriOf('debouncer.vhd');
  const text = textOf('debouncer.vhd');
  const local = createBackend({ modelDir: TEST_MODEL, threads: 1 });
  const events: string[] = [];
  let streaming!: () => void;
  const prepStreaming = new Promise<void>((r) => (streaming = r));
  // The real local backend, watched: which generation streams and finishes when.
  const watched: Backend = {
    id: local.id,
    tokenCounter: () => local.tokenCounter?.(),
    async generate(req, onText, token) {
      const what = (req.priority ?? 0) < 0 ? 'prepare' : 'hover';
      let first = true;
      const r = await local.generate(req, (d) => {
        if (first && what === 'prepare') streaming();
        first = false;
        onText?.(d);
      }, token);
      events.push(`${what} done`);
      return r;
    },
    dispose: () => local.dispose(),
  };
  const hover = new HoverExplainer(() => watched, 64);
  try {
    const prep = hover.prepare(ws, uri, 1);
    await prepStreaming;
    const a = await hover.answer(ws, uri, positionOf(text, 'btn_state  :'), Infinity);
    events.push('hover answered');
    assert.equal(a.pending, false);
    assert.equal(await prep, 1);
    assert.deepEqual(events, ['hover done', 'hover answered', 'prepare done']);
  } finally {
    await local.dispose();
  }
});
