// The sampler on hand-made logits: greedy, top-k, top-p, temperature, repetition penalty, seeded PRNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleToken, seededRandom } from '../../server/src/llm/sampler';

const greedy = { temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1 };
const logits = () => Float32Array.from([1, 3, 2.9, -1, 0.5]);

function histogram(p: typeof greedy, n = 4000, seed = 1): number[] {
  const rnd = seededRandom(seed);
  const h = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) h[sampleToken(logits(), p, rnd, [])]++;
  return h;
}

test('greedy takes the largest logit; the penalty can move it', () => {
  assert.equal(sampleToken(logits(), greedy, Math.random, []), 1);
  // 3 / 1.2 = 2.5 < 2.9: token 1 seen before loses to token 2
  assert.equal(sampleToken(logits(), { ...greedy, repetitionPenalty: 1.2 }, Math.random, [1, 1]), 2);
  // a negative logit is multiplied, so it gets less likely, not more
  const l = Float32Array.from([-1, -2]);
  sampleToken(l, { ...greedy, repetitionPenalty: 2 }, Math.random, [0]);
  assert.equal(l[0], -2);
});

test('top-k and top-p restrict the candidates; temperature flattens', () => {
  const k2 = histogram({ temperature: 1, topK: 2, topP: 1, repetitionPenalty: 1 });
  assert.deepEqual([k2[0], k2[3], k2[4]], [0, 0, 0]);
  assert.ok(k2[1] > k2[2] && k2[2] > 1000, String(k2));
  const p = histogram({ temperature: 1, topK: 0, topP: 0.3, repetitionPenalty: 1 });
  assert.deepEqual(p, [0, 4000, 0, 0, 0], 'token 1 alone holds more than 30% of the mass');
  const hot = histogram({ temperature: 100, topK: 0, topP: 1, repetitionPenalty: 1 });
  assert.ok(hot.every((c) => c > 600), `near uniform: ${hot}`);
});

test('the PRNG is deterministic per seed', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 5 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(histogram({ ...greedy, temperature: 1 }, 50, 1), histogram({ ...greedy, temperature: 1 }, 50, 2));
});
