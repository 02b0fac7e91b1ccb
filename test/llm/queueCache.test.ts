// The superseding generation queue and the persisted LRU result cache, on their own and in LocalBackend.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, appendFileSync, rmSync, cpSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerationQueue } from '../../server/src/llm/queue';
import { ResultCache, cacheKey } from '../../server/src/llm/resultCache';
import { LocalBackend } from '../../server/src/llm/localBackend';
import { CancellationSource, type CancellationToken } from '../../server/src/llm/cancellation';
import { isLlmError } from '../../server/src/llm/errors';
import { reference, TINY } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'llm-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A job that runs until released or cancelled, reporting both. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const isStarted = new Promise<void>((r) => (started = r));
  const job = (name: string, log: string[]) => async (tok: CancellationToken) => {
    started();
    log.push(`start ${name}`);
    await Promise.race([done, new Promise<void>((r) => tok.onCancellationRequested?.(r))]);
    log.push(`${tok.isCancellationRequested ? 'cancelled' : 'end'} ${name}`);
    return name;
  };
  return { job, release, isStarted };
}

test('queue: one at a time, by priority then arrival; same key supersedes queued and cancels running', async () => {
  const q = new GenerationQueue(4);
  const log: string[] = [];
  const g = gate();
  const a = q.run(g.job('a', log), { key: 'hover' });
  await g.isStarted;
  const instant = (n: string) => async () => (log.push(`run ${n}`), n);
  const low = q.run(instant('low'), { priority: 0 });
  const high = q.run(instant('high'), { priority: 5 });
  const b1 = q.run(instant('b1'), { key: 'doc' });
  const b2 = q.run(instant('b2'), { key: 'doc' }); // supersedes b1 while queued
  await assert.rejects(b1, (e) => isLlmError(e, 'SUPERSEDED'));
  const a2 = q.run(instant('a2'), { key: 'hover' }); // cancels the running a
  assert.equal(await a, 'a');
  assert.deepEqual(await Promise.all([high, low, b2, a2]), ['high', 'low', 'b2', 'a2']);
  assert.deepEqual(log, ['start a', 'cancelled a', 'run high', 'run low', 'run b2', 'run a2']);
});

test('queue: a full queue drops the oldest lowest-priority request; a cancelled queued request leaves', async () => {
  const q = new GenerationQueue(2);
  const log: string[] = [];
  const g = gate();
  const running = q.run(g.job('r', log));
  await g.isStarted;
  const instant = (n: string) => async () => n;
  const p1 = q.run(instant('p1'));
  const src = new CancellationSource();
  const p2 = q.run(instant('p2'), { token: src.token });
  src.cancel();
  await assert.rejects(p2, (e) => isLlmError(e, 'CANCELLED'));
  const p3 = q.run(instant('p3'), { priority: 1 });
  const p4 = q.run(instant('p4'), { priority: 1 });
  await assert.rejects(p1, (e) => isLlmError(e, 'SUPERSEDED'));
  g.release();
  assert.deepEqual(await Promise.all([running, p3, p4]), ['r', 'p3', 'p4']);
});

test('LocalBackend: a newer hover with the same key cancels the running generation', async () => {
  const be = new LocalBackend({ modelDir: TINY, file: 'model.onnx', threads: 1 });
  try {
    const g = reference().fp32.greedy;
    let newer: Promise<unknown> | undefined;
    const old = be.generate({ messages: g[1].messages, maxTokens: 48, queueKey: 'hover', cache: false }, () => {
      newer ??= be.generate({ messages: g[0].messages, maxTokens: 48, queueKey: 'hover', cache: false });
    });
    const r = await old;
    assert.equal(r.finishReason, 'cancelled');
    assert.ok(g[1].text.startsWith(r.text) && r.text.length < g[1].text.length);
    const n = (await newer) as { text: string; finishReason: string };
    assert.deepEqual([n.text, n.finishReason], [g[0].text, 'stop']);
  } finally {
    await be.dispose();
  }
});

test('ResultCache: LRU eviction, persistence, compaction, torn lines', () => {
  const dir = join(tmp, 'unit');
  const v = (text: string) => ({ text, finishReason: 'stop' as const, promptTokens: 1, completionTokens: 1, trimmedLines: 0 });
  const c = new ResultCache({ dir, maxEntries: 2 });
  c.set('a', v('A'));
  c.set('b', v('B'));
  assert.equal(c.use('a')?.text, 'A'); // a is now the most recent, also on disk
  c.set('c', v('C')); // evicts b
  assert.equal(c.get('b'), undefined);
  appendFileSync(join(dir, 'llm-results.jsonl'), '{"k": "torn", "v": {"te');
  const c2 = new ResultCache({ dir, maxEntries: 2 });
  assert.deepEqual([c2.get('a')?.text, c2.get('b')?.text, c2.get('c')?.text, c2.size], ['A', undefined, 'C', 2]);
  for (let i = 0; i < 6; i++) c2.set(`k${i}`, v(`${i}`));
  const lines = readFileSync(join(dir, 'llm-results.jsonl'), 'utf8').trim().split('\n');
  assert.ok(lines.length <= 4, `compacted to ${lines.length} lines`);
  assert.equal(new ResultCache({ dir, maxEntries: 2 }).get('k5')?.text, '5');
  assert.equal(cacheKey({ a: 1, b: [2, { c: 3, d: 4 }] }), cacheKey({ b: [2, { d: 4, c: 3 }], a: 1 }));
});

test('LocalBackend: results are cached by prompt and settings, across instances', async () => {
  const dir = join(tmp, 'backend');
  const g = reference().q4.greedy[2];
  const be1 = new LocalBackend({ modelDir: TINY, file: 'model_q4.onnx', threads: 1, cacheDir: dir });
  const r1 = await be1.generate({ messages: g.messages, maxTokens: 48 });
  assert.equal(r1.cached, false);
  const streamed: string[] = [];
  const r2 = await be1.generate({ messages: g.messages, maxTokens: 48 }, (d) => streamed.push(d));
  assert.deepEqual([r2.cached, r2.text, streamed.join('')], [true, g.text, g.text]);
  assert.equal((await be1.generate({ messages: g.messages, maxTokens: 47 })).cached, false, 'other settings, other entry');
  assert.equal((await be1.generate({ messages: g.messages, maxTokens: 48, cache: false })).cached, false);
  assert.equal((await be1.generate({ messages: g.messages, maxTokens: 48, temperature: 1 })).cached, false, 'unseeded sampling is not cached');
  await be1.dispose();
  const be2 = new LocalBackend({ modelDir: TINY, file: 'model_q4.onnx', threads: 1, cacheDir: dir });
  const r3 = await be2.generate({ messages: g.messages, maxTokens: 48 });
  assert.deepEqual([r3.cached, r3.text, r3.finishReason], [true, g.text, 'stop']);
  const other = new LocalBackend({ modelDir: TINY, file: 'model.onnx', threads: 1, cacheDir: dir });
  assert.equal((await other.generate({ messages: g.messages, maxTokens: 48 })).cached, false, 'another model file, another entry');
  await be2.dispose();
  await other.dispose();
  // the same folder with a re-exported model file: old entries must not answer
  const copy = join(tmp, 'model-copy');
  cpSync(TINY, copy, { recursive: true });
  const c1 = new LocalBackend({ modelDir: copy, file: 'model_q4.onnx', threads: 1, cacheDir: dir });
  assert.equal((await c1.generate({ messages: g.messages, maxTokens: 48 })).cached, false);
  assert.equal((await c1.generate({ messages: g.messages, maxTokens: 48 })).cached, true);
  await c1.dispose();
  const f = join(copy, 'onnx', 'model_q4.onnx');
  utimesSync(f, new Date(), new Date(Date.now() + 5000));
  const c2 = new LocalBackend({ modelDir: copy, file: 'model_q4.onnx', threads: 1, cacheDir: dir });
  assert.equal((await c2.generate({ messages: g.messages, maxTokens: 48 })).cached, false, 'model file changed');
  await c2.dispose();
});
