// The model recipe (models/recipe/, Python): its pytest suite, and what only Node can check: the exported
// ONNX graphs in onnxruntime-node against torch, the tokenizer in @huggingface/tokenizers, the chat template
// in @huggingface/jinja. Skipped with a message when Debian's python3-torch/python3-onnx are missing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';
import { Template } from '@huggingface/jinja';
import { pairsFor } from '../../models/recipe/make_pairs';

const PY = '/usr/bin/python3';
const probe = spawnSync(PY, ['-c', 'import torch, onnx, numpy, pytest'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : `Debian's python3-torch/python3-onnx/python3-numpy/python3-pytest are not installed (${PY}): recipe tests skipped`;
if (skip) console.log(`# ${skip}`);

interface Arr { shape: number[]; data: number[] }
interface Case { input_ids: Arr; attention_mask: Arr; position_ids: Arr; past: null | 'previous'; logits: Arr; present_0_key: Arr }
interface Reference { prompt_ids: number[]; max_new_tokens: number; ids: number[]; text: string }

const VARIANTS = [
  { name: 'fp32', file: 'model.onnx', tol: 1e-4 },
  { name: 'rtn', file: 'model_q4.onnx', tol: 1e-3 },
  { name: 'lrqat', file: 'model_q4.onnx', tol: 1e-3 },
];

function i64(a: Arr): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(a.data.map((x) => BigInt(x))), a.shape);
}

function maxAbsDiff(got: Float32Array, want: number[]): number {
  assert.equal(got.length, want.length);
  let m = 0;
  for (let i = 0; i < got.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
  return m;
}

test('make_pairs: explanation pairs come from the server prompt builder, markers stripped', () => {
  const vhdl = 'library ieee;\nuse ieee.std_logic_1164.all;\n\nentity blink is\n  port (clk : in std_logic; led : out std_logic);\nend entity;\n\n' +
    "architecture rtl of blink is\n  signal q : std_logic := '0';\nbegin\n  process (clk)\n  begin\n    if rising_edge(clk) then\n      q <= not q;\n    end if;\n  end process;\n  led <= q;\nend architecture;\n";
  const { pairs, errors } = pairsFor([{ id: 'x1', source: 'synth', vhdl, explanation: '**Purpose.** Blinks.', meta: { entity: 'blink' } }]);
  assert.deepEqual(errors, []);
  const p = pairs[0];
  assert.deepEqual(p.prompt_messages.map((m) => m.role), ['system', 'user']);
  assert.match(p.prompt_messages[1].content, /`blink`/);
  assert.match(p.prompt_messages[1].content, /rising_edge\(clk\)/);
  assert.ok(!p.prompt_messages.some((m) => m.content.includes('<<<context>>>')));
  assert.equal(p.target, '**Purpose.** Blinks.');
});

describe('model recipe', { skip }, () => {
  let dir = '';
  before(() => {
    mkdirSync('test/.tmp', { recursive: true });
    dir = mkdtempSync(join('test/.tmp', 'recipe-'));
    const r = spawnSync(PY, ['models/recipe/tests/make_fixture.py', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('gold designs: the names the experts\' sentences describe are found by the server, as hover and doc-comment pairs', () => {
    const r = spawnSync(PY, ['-c', 'import json, sys; sys.path.insert(0, "models/recipe"); import prepare; print(json.dumps(prepare.gold_designs("train")))'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    const designs = JSON.parse(r.stdout);
    assert.ok(designs.filter((d: { meta: { docs?: unknown[] } }) => d.meta.docs?.length).length >= 80, 'most gold training designs have described names');
    const { pairs, errors } = pairsFor(designs);
    assert.deepEqual(errors, []);
    const hovers = pairs.filter((p) => p.task === 'hover');
    assert.equal(hovers.length, designs.filter((d: { meta: { docs?: unknown[] } }) => d.meta.docs?.length).length);
    for (const h of hovers) assert.match(h.target, /^[A-Z'"`(0-9].*[.!?)`]$/s, h.target);
  });

  test('pytest models/recipe/tests', () => {
    const r = spawnSync(PY, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'models/recipe/tests'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  for (const v of VARIANTS) {
    test(`${v.name}: onnxruntime-node matches torch, with and without a KV cache`, async () => {
      const cfg = JSON.parse(readFileSync(join(dir, v.name, 'config.json'), 'utf8'));
      const cases: Case[] = JSON.parse(readFileSync(join(dir, v.name, 'cases.json'), 'utf8'));
      const session = await ort.InferenceSession.create(join(dir, v.name, 'onnx', v.file));
      let past: Record<string, ort.Tensor> = {};
      for (let i = 0; i < cfg.num_hidden_layers; i++)
        for (const kv of ['key', 'value'])
          past[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [2, cfg.num_key_value_heads, 0, cfg.head_dim]);
      for (const c of cases) {
        const out = await session.run({ input_ids: i64(c.input_ids), attention_mask: i64(c.attention_mask), position_ids: i64(c.position_ids), ...past });
        assert.deepEqual(out.logits.dims, c.logits.shape);
        const d = maxAbsDiff(out.logits.data as Float32Array, c.logits.data);
        assert.ok(d <= v.tol, `logits differ from torch by ${d}`);
        assert.ok(maxAbsDiff(out['present.0.key'].data as Float32Array, c.present_0_key.data) <= v.tol);
        past = {};
        for (let i = 0; i < cfg.num_hidden_layers; i++)
          for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kv}`] = out[`present.${i}.${kv}`];
      }
    });

    test(`${v.name}: greedy continuation equals the one recorded at export`, async () => {
      const cfg = JSON.parse(readFileSync(join(dir, v.name, 'config.json'), 'utf8'));
      const ref: Reference = JSON.parse(readFileSync(join(dir, v.name, 'reference.json'), 'utf8'));
      const session = await ort.InferenceSession.create(join(dir, v.name, 'onnx', v.file));
      const L = cfg.num_hidden_layers;
      let past: Record<string, ort.Tensor> = {};
      for (let i = 0; i < L; i++)
        for (const kv of ['key', 'value'])
          past[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, cfg.num_key_value_heads, 0, cfg.head_dim]);
      const got: number[] = [];
      let feed = ref.prompt_ids;
      let pos = 0;
      while (got.length < ref.max_new_tokens) {
        const T = feed.length;
        const arr = (xs: number[]): Arr => ({ shape: [1, xs.length], data: xs });
        const out = await session.run({
          input_ids: i64(arr(feed)),
          attention_mask: i64(arr(new Array(pos + T).fill(1))),
          position_ids: i64(arr(Array.from({ length: T }, (_, i) => pos + i))),
          ...past,
        });
        const V = cfg.vocab_size;
        const lg = out.logits.data as Float32Array;
        let best = 0;
        for (let t = 1; t < V; t++) if (lg[(T - 1) * V + t] > lg[(T - 1) * V + best]) best = t;
        if (best === cfg.eos_token_id) break;
        got.push(best);
        for (let i = 0; i < L; i++) for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kv}`] = out[`present.${i}.${kv}`];
        pos += T;
        feed = [best];
      }
      assert.deepEqual(got, ref.ids);
      const tok = new Tokenizer(JSON.parse(readFileSync(join(dir, v.name, 'tokenizer.json'), 'utf8')),
        JSON.parse(readFileSync(join(dir, v.name, 'tokenizer_config.json'), 'utf8')));
      assert.equal(tok.decode(got, { skip_special_tokens: false }), ref.text);
    });
  }

  test('tokenizer: @huggingface/tokenizers gives the Python ids and round-trips the text', () => {
    const tok = new Tokenizer(JSON.parse(readFileSync(join(dir, 'tok', 'tokenizer.json'), 'utf8')),
      JSON.parse(readFileSync(join(dir, 'tok', 'tokenizer_config.json'), 'utf8')));
    const cases = JSON.parse(readFileSync(join(dir, 'tokenizer_cases.json'), 'utf8'));
    for (const c of cases.texts as { text: string; ids: number[] }[]) {
      const ids = tok.encode(c.text, { add_special_tokens: false }).ids;
      assert.deepEqual(ids, c.ids, JSON.stringify(c.text.slice(0, 60)));
      assert.equal(tok.decode(ids, { skip_special_tokens: false }), c.text);
    }
  });

  test('chat template: Jinja in tokenizer_config.json renders what the Python trainer renders', () => {
    const cfg = JSON.parse(readFileSync(join(dir, 'tok', 'tokenizer_config.json'), 'utf8'));
    const cases = JSON.parse(readFileSync(join(dir, 'tokenizer_cases.json'), 'utf8'));
    const text = new Template(cfg.chat_template).render({ messages: cases.chat.messages, add_generation_prompt: true });
    assert.equal(text, cases.chat.rendered);
  });
});
