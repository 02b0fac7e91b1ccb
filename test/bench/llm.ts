// Benchmark of the local engine: fp32 vs int4 side by side (load, prefill, decode, TTFT, peak RSS, bandwidth bound).
//
// Run alone: node --import tsx test/bench/llm.ts        (or as part of `npm run bench`)
// Models: the checked-in tiny test model (operator-overhead bound) and a ~100M-parameter random-weight
// model made at bench time by models/testgen/make_test_models.py --size 100m into a cache folder
// (VX_BENCH_DIR, default $TMPDIR/vhdl-explain-bench); skipped with a message without Debian's torch.
// Each model variant runs in its own child process so that its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const PY = '/usr/bin/python3';
const PROMPT_TOKENS = 512;
const DECODE_TOKENS = 64;

interface VariantFigures {
  file: string;
  fileBytes: number;
  weightBytesPerToken: number;
  loadMs: number;
  prefillMs: number;
  prefillTokensPerSecond: number;
  ttftMs: number;
  decodeTokensPerSecond: number;
  peakRssMiB: number;
}

/** Child process: load one variant, measure, print one JSON line. */
async function worker(dir: string, file: string, threads: number | undefined): Promise<void> {
  const { loadModel } = await import('../../server/src/llm/model');
  const { argmax } = await import('../../server/src/llm/sampler');
  const t0 = performance.now();
  const m = await loadModel(dir, { file, threads, contextLength: 4096 });
  const loadMs = performance.now() - t0;
  const dec = m.decoder;
  // a 512-token prompt from real text, repeated
  const text = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  let ids = m.tokenizer.encode(text);
  while (ids.length < PROMPT_TOKENS) ids = ids.concat(ids);
  ids = ids.slice(0, PROMPT_TOKENS);
  const prefill = async (n: number) => {
    const p = ids.slice(0, n);
    return dec.forward([p], [p.map(() => 1)], [p.map((_, i) => i)], dec.emptyCache(1), true);
  };
  await prefill(32); // warm-up: first-run allocations and kernel selection
  const runs: number[] = [];
  const ttfts: number[] = [];
  let fwd!: Awaited<ReturnType<typeof prefill>>;
  for (let r = 0; r < 3; r++) {
    const s = performance.now();
    fwd = await prefill(PROMPT_TOKENS);
    runs.push(performance.now() - s);
    argmax(fwd.logits, fwd.logits.length - fwd.vocab); // the first token: what a user waits for
    ttfts.push(performance.now() - s);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const prefillMs = median(runs);
  // decode: greedy steps with the KV cache after the 512-token prompt
  let next = argmax(fwd.logits, fwd.logits.length - fwd.vocab);
  const s = performance.now();
  for (let i = 0; i < DECODE_TOKENS; i++) {
    const S = fwd.cache.length + 1;
    fwd = await dec.forward([[next]], [new Array<number>(S).fill(1)], [[S - 1]], fwd.cache, true);
    next = argmax(fwd.logits, fwd.logits.length - fwd.vocab);
  }
  const decodeMs = performance.now() - s;
  const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const fileBytes = statSync(m.folder.onnxPath).size;
  // every weight is read once per token except the embedding table (one row is gathered)
  const embedBytes = cfg.vocab_size * cfg.hidden_size * 4;
  const out: VariantFigures = {
    file,
    fileBytes,
    weightBytesPerToken: fileBytes - embedBytes,
    loadMs,
    prefillMs,
    prefillTokensPerSecond: (PROMPT_TOKENS * 1000) / prefillMs,
    ttftMs: median(ttfts),
    decodeTokensPerSecond: (DECODE_TOKENS * 1000) / decodeMs,
    peakRssMiB: peakRssKiB() / 1024,
  };
  await dec.release();
  process.stdout.write(JSON.stringify(out) + '\n');
}

/**
 * This process's peak RSS in KiB. /proc's VmHWM starts afresh at exec; getrusage's maxRSS does not
 * (a child forked from a big parent would report the parent's peak).
 */
function peakRssKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

/** Read bandwidth in GB/s: memcmp of two equal 256 MiB buffers reads 512 MiB (best of 5). */
export function measureBandwidth(): { readGBs: number; copyGBs: number } {
  const n = 256 << 20;
  const a = Buffer.alloc(n, 1);
  const b = Buffer.alloc(n, 1);
  let read = 0;
  let copy = 0;
  for (let i = 0; i < 5; i++) {
    let s = performance.now();
    Buffer.compare(a, b);
    read = Math.max(read, (2 * n) / ((performance.now() - s) / 1000) / 1e9);
    s = performance.now();
    a.copy(b);
    copy = Math.max(copy, (2 * n) / ((performance.now() - s) / 1000) / 1e9); // read + write
  }
  return { readGBs: read, copyGBs: copy };
}

function runVariant(dir: string, file: string): VariantFigures | string {
  const threads = process.env.VX_BENCH_THREADS;
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', dir, file, threads ?? ''], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20,
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as VariantFigures;
  } catch {
    return `failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`;
  }
}

/** Makes (once) the ~100M-parameter random-weight model in the bench cache folder; undefined + reason if it cannot. */
function ensureBigModel(): { dir?: string; why?: string } {
  const dir = join(process.env.VX_BENCH_DIR ?? join(tmpdir(), 'vhdl-explain-bench'), 'test-100m');
  if (['model.onnx', 'model_q4.onnx', 'model_q4_acc4.onnx'].every((f) => existsSync(join(dir, 'onnx', f)))) return { dir };
  const probe = spawnSync(PY, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { why: `${PY} with torch, onnx and numpy is not available (apt-get install python3-torch python3-onnx python3-numpy)` };
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`  making the ~100M-parameter model in ${dir} (once, about a minute) ...\n`);
  const r = spawnSync(PY, [join(ROOT, 'models', 'testgen', 'make_test_models.py'), '--size', '100m', '--out', dir, '--no-fp16', '--acc4'], { encoding: 'utf8' });
  if (r.status !== 0) return { why: `the model generator failed: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}` };
  return { dir };
}

const f1 = (x: number) => x.toFixed(1);
const f0 = (x: number) => x.toFixed(0);

function table(name: string, dir: string, bw: { readGBs: number }): void {
  const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const v32 = runVariant(dir, 'model.onnx');
  const v4 = runVariant(dir, 'model_q4.onnx');
  // the same int4 weights with MatMulNBits accuracy_level=4 (activations quantized to int8 in the kernel)
  const acc4 = existsSync(join(dir, 'onnx', 'model_q4_acc4.onnx')) ? runVariant(dir, 'model_q4_acc4.onnx') : undefined;
  process.stdout.write(`\n${name}: ${cfg.num_hidden_layers} layers, hidden ${cfg.hidden_size}, heads ${cfg.num_attention_heads}/${cfg.num_key_value_heads} kv, vocab ${cfg.vocab_size}\n`);
  if (typeof v32 === 'string' || typeof v4 === 'string') {
    process.stdout.write(`  fp32: ${typeof v32 === 'string' ? v32 : 'ok'}\n  int4: ${typeof v4 === 'string' ? v4 : 'ok'}\n`);
    return;
  }
  const a4 = typeof acc4 === 'object' ? acc4 : undefined;
  process.stdout.write(`  ${'figure'.padEnd(30)}${'fp32'.padStart(10)}${'int4'.padStart(10)}${'int4/fp32'.padStart(11)}` +
    (a4 ? `${'int4 acc4'.padStart(11)}${'acc4/fp32'.padStart(11)}` : '') + '\n');
  for (const [label, val, ratio] of figureRows(bw)) {
    process.stdout.write(`  ${label.padEnd(30)}${val(v32).padStart(10)}${val(v4).padStart(10)}${ratio(v32, v4).padStart(11)}` +
      (a4 ? `${val(a4).padStart(11)}${ratio(v32, a4).padStart(11)}` : '') + '\n');
  }
  if (typeof acc4 === 'string') process.stdout.write(`  int4 acc4: ${acc4}\n`);
}

/** The figures of one variant, each with its ratio between two variants: the bench tables' rows. */
function figureRows(bw: { readGBs: number }): [string, (v: VariantFigures) => string, (a: VariantFigures, b: VariantFigures) => string][] {
  const bound = (v: VariantFigures) => (bw.readGBs * 1e9) / v.weightBytesPerToken;
  return [
    ['file MiB', (v) => f1(v.fileBytes / 2 ** 20), (a, b) => (b.fileBytes / a.fileBytes).toFixed(2)],
    ['load ms', (v) => f0(v.loadMs), (a, b) => (b.loadMs / a.loadMs).toFixed(2)],
    [`prefill ${PROMPT_TOKENS} tok ms`, (v) => f0(v.prefillMs), (a, b) => (b.prefillMs / a.prefillMs).toFixed(2)],
    ['prefill tok/s', (v) => f0(v.prefillTokensPerSecond), (a, b) => (b.prefillTokensPerSecond / a.prefillTokensPerSecond).toFixed(2)],
    [`TTFT ms (${PROMPT_TOKENS}-tok prompt)`, (v) => f0(v.ttftMs), (a, b) => (b.ttftMs / a.ttftMs).toFixed(2)],
    [`decode tok/s (after ${PROMPT_TOKENS})`, (v) => f1(v.decodeTokensPerSecond), (a, b) => (b.decodeTokensPerSecond / a.decodeTokensPerSecond).toFixed(2)],
    ['weight MiB read / token', (v) => f1(v.weightBytesPerToken / 2 ** 20), (a, b) => (b.weightBytesPerToken / a.weightBytesPerToken).toFixed(2)],
    ['bandwidth bound tok/s', (v) => f0(bound(v)), (a, b) => (bound(b) / bound(a)).toFixed(2)],
    ['decode / bound', (v) => `${f0((100 * v.decodeTokensPerSecond) / bound(v))}%`, () => ''],
    ['peak RSS MiB', (v) => f0(v.peakRssMiB), (a, b) => (b.peakRssMiB / a.peakRssMiB).toFixed(2)],
  ];
}

/** The shipped default model (int4 only; the fp32 model is not shipped): what an explanation costs a user. */
function shipped(dir: string, bw: { readGBs: number }): void {
  if (!existsSync(join(dir, 'onnx', 'model_q4.onnx'))) {
    process.stdout.write('\nshipped default model skipped: models/default/onnx/model_q4.onnx missing\n');
    return;
  }
  const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const v = runVariant(dir, 'model_q4.onnx');
  process.stdout.write(`\nshipped default model (models/default): ${cfg.num_hidden_layers} layers, hidden ${cfg.hidden_size}, ` +
    `heads ${cfg.num_attention_heads}/${cfg.num_key_value_heads} kv, vocab ${cfg.vocab_size}, int4\n`);
  if (typeof v === 'string') {
    process.stdout.write(`  ${v}\n`);
    return;
  }
  for (const [label, val] of figureRows(bw)) process.stdout.write(`  ${label.padEnd(30)}${val(v).padStart(10)}\n`);
}

/** Prints the engine's figures; called by test/bench/run.ts and when this file runs alone. */
export async function benchLlm(): Promise<void> {
  process.stdout.write('== llm: local ONNX engine, fp32 vs int4 (MatMulNBits, block 32) ==\n');
  const bw = measureBandwidth();
  process.stdout.write(`memory bandwidth (one Node thread): read ${f1(bw.readGBs)} GB/s (memcmp), copy ${f1(bw.copyGBs)} GB/s (read+write)\n`);
  process.stdout.write(`threads: ${process.env.VX_BENCH_THREADS || 'default (cores - 1)'}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} ` +
    `(timings vary 2-3x between runs on shared machines)\n`);
  table('tiny test model (models/test-tiny)', join(ROOT, 'models', 'test-tiny'), bw);
  shipped(join(ROOT, 'models', 'default'), bw);
  const big = ensureBigModel();
  if (big.dir) table('~100M-parameter random-weight model', big.dir, bw);
  else process.stdout.write(`\n~100M-parameter model skipped: ${big.why}\n`);
}

const argv = process.argv.slice(2);
const fail = (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
};
if (argv[0] === '--worker') {
  worker(argv[1], argv[2], argv[3] ? Number(argv[3]) : undefined).catch(fail);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchLlm().catch(fail);
}
