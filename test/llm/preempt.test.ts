// Interactive requests before background work: a running job that yields between steps is paused
// while a higher-priority job runs, then resumes with the same result; ONNX Runtime in a worker
// thread gives the same tokens as on the calling thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GenerationQueue, type Yield } from '../../server/src/llm/queue';
import { LocalBackend } from '../../server/src/llm/localBackend';
import { loadModel } from '../../server/src/llm/model';
import { generate } from '../../server/src/llm/generate';
import type { CancellationToken } from '../../server/src/llm/cancellation';
import type { GenerateResult } from '../../server/src/llm/types';
import { reference, TINY } from './helpers';

/** A job of `steps` steps that yields between them; each step waits for `tick()` to be called. */
function stepper(name: string, steps: number, log: string[]) {
  const waiting: (() => void)[] = [];
  let started!: () => void;
  const isStarted = new Promise<void>((r) => (started = r));
  const job = async (tok: CancellationToken, yieldTo: Yield) => {
    started();
    for (let i = 0; i < steps; i++) {
      if (i > 0) await yieldTo();
      if (tok.isCancellationRequested) {
        log.push(`${name} cancelled at ${i}`);
        return `${name}:cancelled`;
      }
      await new Promise<void>((r) => waiting.push(r));
      log.push(`${name} ${i}`);
    }
    return `${name}:done`;
  };
  const tick = () => waiting.shift()?.();
  return { job, isStarted, tick, get blocked() { return waiting.length; } };
}

/** Resolves once `s` waits for a tick. */
async function untilBlocked(s: { blocked: number }): Promise<void> {
  while (s.blocked === 0) await new Promise((r) => setImmediate(r));
}

test('queue: a higher-priority job runs at the next yield of a lower one, which then resumes; equal priority waits', async () => {
  const q = new GenerationQueue(4);
  const log: string[] = [];
  const low = stepper('low', 3, log);
  const lowDone = q.run(low.job, { priority: -5, key: 'prepare' });
  await untilBlocked(low);
  const same = q.run(async () => (log.push('same'), 'same'), { priority: -5 });
  const high = stepper('high', 2, log);
  const highDone = q.run(high.job, { priority: 5, key: 'hover' });
  assert.equal(q.length, 3);
  low.tick(); // low finishes step 0, yields: high starts
  await untilBlocked(high);
  high.tick();
  await untilBlocked(high);
  high.tick();
  assert.equal(await highDone, 'high:done');
  await untilBlocked(low);
  low.tick();
  await untilBlocked(low);
  low.tick();
  assert.equal(await lowDone, 'low:done');
  assert.equal(await same, 'same');
  assert.deepEqual(log, ['low 0', 'high 0', 'high 1', 'low 1', 'low 2', 'same']);
  await new Promise((r) => setImmediate(r)); // the queue's bookkeeping after the last job settles
  assert.equal(q.length, 0);
});

test('queue: a paused job is cancelled by a newer request with its key and ends when it resumes', async () => {
  const q = new GenerationQueue(4);
  const log: string[] = [];
  const low = stepper('low', 3, log);
  const lowDone = q.run(low.job, { priority: -5, key: 'prepare' });
  await untilBlocked(low);
  const high = stepper('high', 1, log);
  const highDone = q.run(high.job, { priority: 5 });
  low.tick();
  await untilBlocked(high);
  // `low` is paused under `high`: a newer request with its key cancels it.
  const newer = q.run(async () => (log.push('newer'), 'newer'), { priority: -5, key: 'prepare' });
  high.tick();
  assert.equal(await highDone, 'high:done');
  assert.equal(await lowDone, 'low:cancelled');
  assert.equal(await newer, 'newer');
  assert.deepEqual(log, ['low 0', 'high 0', 'low cancelled at 1', 'newer']);
});

test('LocalBackend: an interactive request finishes inside a running background generation, which resumes with the same text', async () => {
  const be = new LocalBackend({ modelDir: TINY, file: 'model.onnx', threads: 1 });
  try {
    const g = reference().fp32.greedy;
    const alone = await be.generate({ messages: g[1].messages, maxTokens: 48, cache: false });
    const order: string[] = [];
    let high: Promise<GenerateResult> | undefined;
    const low = be.generate({ messages: g[1].messages, maxTokens: 48, cache: false, priority: -5, queueKey: 'prepare' }, () => {
      high ??= be.generate({ messages: g[0].messages, maxTokens: 8, cache: false, priority: 5, queueKey: 'hover' }).then((r) => (order.push('high'), r));
    }).then((r) => (order.push('low'), r));
    const [l, h] = [await low, await high!];
    assert.deepEqual(order, ['high', 'low'], 'the interactive request did not wait for the background one');
    assert.equal(l.text, alone.text);
    assert.equal(l.finishReason, alone.finishReason);
    assert.ok(h.completionTokens > 0);
  } finally {
    await be.dispose();
  }
});

test('ONNX Runtime in a worker thread and on the calling thread give the same greedy tokens', async () => {
  const g = reference().fp32.greedy[0];
  const worker = await loadModel(TINY, { file: 'model.onnx', threads: 1 });
  const inThread = await loadModel(TINY, { file: 'model.onnx', threads: 1, inThread: true });
  try {
    const a = await generate(worker, { messages: g.messages, maxTokens: 24 });
    const b = await generate(inThread, { messages: g.messages, maxTokens: 24 });
    assert.ok(a.completionTokens > 0);
    assert.equal(a.text, b.text);
    assert.equal(a.completionTokens, b.completionTokens);
  } finally {
    await worker.decoder.release();
    await inThread.decoder.release();
  }
});
