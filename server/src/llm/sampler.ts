// Next-token choice: repetition penalty, then greedy or temperature / top-k / top-p with a seeded PRNG.

export interface SamplingParams {
  temperature: number;
  topK: number; // 0 = off
  topP: number; // 1 = off
  repetitionPenalty: number; // 1 = off
}

/** mulberry32: a small fast PRNG, so a seed gives the same text on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks the next token from `logits` (one row, modified in place by the penalty).
 * @param seen ids of the prompt and the answer so far, for the repetition penalty
 * @param allow when given, only tokens it accepts are chosen (the best of them when greedy, or when
 *   none is among the sampling candidates); if it accepts no token at all, it is ignored
 */
export function sampleToken(logits: Float32Array, p: SamplingParams, random: () => number, seen: Iterable<number>, allow?: (id: number) => boolean): number {
  if (p.repetitionPenalty !== 1) {
    for (const id of new Set(seen)) {
      if (id < 0 || id >= logits.length) continue;
      const v = logits[id];
      logits[id] = v > 0 ? v / p.repetitionPenalty : v * p.repetitionPenalty;
    }
  }
  if (p.temperature <= 0 || p.topK === 1) {
    const best = argmax(logits);
    if (!allow || allow(best)) return best;
    // The near candidates first (a large vocabulary is not sorted whole for every refused choice).
    return byLogit(logits, logits[best] - 16).find(allow) ?? byLogit(logits).find(allow) ?? best;
  }

  // Candidates sorted by logit, cut to top-k. Tokens more than 40 temperature-units below the best
  // (probability ratio < e^-40) cannot matter, and skipping them keeps a 150k vocabulary cheap to sort.
  let best = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > best) best = logits[i];
  const floor = best - 40 * p.temperature;
  let order: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i] >= floor) order.push(i);
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  if (allow) {
    const allowed = order.filter(allow);
    if (!allowed.length) return byLogit(logits).find(allow) ?? order[0];
    order = allowed;
  }
  if (p.topK > 0 && p.topK < order.length) order = order.slice(0, p.topK);
  const max = logits[order[0]];
  const probs = order.map((id) => Math.exp((logits[id] - max) / p.temperature));
  const total = probs.reduce((s, x) => s + x, 0);
  // top-p: the smallest prefix whose mass reaches topP
  let keep = probs.length;
  if (p.topP < 1) {
    let mass = 0;
    for (let i = 0; i < probs.length; i++) {
      mass += probs[i] / total;
      if (mass >= p.topP) {
        keep = i + 1;
        break;
      }
    }
  }
  const kept = probs.slice(0, keep);
  const keptTotal = kept.reduce((s, x) => s + x, 0);
  let r = random() * keptTotal;
  for (let i = 0; i < keep; i++) {
    r -= kept[i];
    if (r <= 0) return order[i];
  }
  return order[keep - 1];
}

/** Token ids from the highest logit down (ties: lower id first), those at `floor` or above. */
function byLogit(logits: Float32Array, floor = -Infinity): number[] {
  const ids: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i] >= floor) ids.push(i);
  return ids.sort((a, b) => logits[b] - logits[a] || a - b);
}

export function argmax(a: Float32Array, from = 0, to = a.length): number {
  let best = from;
  for (let i = from + 1; i < to; i++) if (a[i] > a[best]) best = i;
  return best - from;
}
