// The engine's ONNX forward pass against the Python reference: left-padded batch, then cached decode steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../server/src/llm/model';
import { maxAbsDiff, reference, TINY, type VariantRef } from './helpers';

const TOL = 1e-4; // the reference is stored with 6 significant digits; logits are O(10)

async function checkVariant(file: string, ref: VariantRef, tol: number) {
  const m = await loadModel(TINY, { file, threads: 1 });
  try {
    const b = ref.batch;
    let fwd = await m.decoder.forward(b.input_ids, b.attention_mask, b.position_ids, m.decoder.emptyCache(2));
    const V = fwd.vocab;
    const T = b.input_ids[0].length;
    let worst = 0;
    for (let row = 0; row < 2; row++) {
      for (let t = 0; t < T; t++) {
        if (b.attention_mask[row][t] === 0) continue; // a padded position's logits mean nothing
        const got = fwd.logits.subarray((row * T + t) * V, (row * T + t + 1) * V);
        worst = Math.max(worst, maxAbsDiff(got, b.logits[row][t]));
      }
    }
    assert.ok(worst < tol, `${file} prefill: max |diff| ${worst}`);
    for (const [i, step] of ref.decode.entries()) {
      fwd = await m.decoder.forward(step.input_ids, step.attention_mask, step.position_ids, fwd.cache);
      for (let row = 0; row < 2; row++) {
        const d = maxAbsDiff(fwd.logits.subarray(row * V, (row + 1) * V), step.logits[row]);
        assert.ok(d < tol, `${file} decode step ${i} row ${row}: max |diff| ${d}`);
      }
    }
    assert.equal(fwd.cache.length, ref.decode.at(-1)!.attention_mask[0].length);
  } finally {
    await m.decoder.release();
  }
}

test('fp32 logits match the reference on a left-padded batch and after 4 cached decode steps', async () => {
  await checkVariant('model.onnx', reference().fp32, TOL);
});

test('int4 (MatMulNBits) logits match the dequantized reference', async () => {
  await checkVariant('model_q4.onnx', reference().q4, TOL);
});

test('fp16 logits stay close to the fp32 reference', async () => {
  // fp16 weights and activations: ~3 decimal digits, so a looser bound against the fp32 reference
  await checkVariant('model_fp16.onnx', reference().fp32, 0.05);
});
