// One ONNX Runtime session for a decoder LM in the HF convention: names and KV shapes read from the session.
import { cpus } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { LlmError, describe } from './errors';
import type { ModelConfig } from './modelFolder';

export interface SessionOptions {
  /** Intra-op threads (default: all cores but one, at least 1). */
  threads?: number;
  /** Tried in order, CPU always last: e.g. ['cuda', 'cpu']. */
  executionProviders?: string[];
  /** Receives one line per notable event (provider fallback, ...). */
  log?: (line: string) => void;
  /**
   * Run the session on the calling thread (default: in a worker thread, so a forward pass never
   * holds the event loop: timers, JSON-RPC and a higher-priority request are served meanwhile).
   */
  inThread?: boolean;
}

/** The part of an ONNX Runtime session the decoder uses: `ort.InferenceSession` or a worker's. */
interface SessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  /** Runs the session; outputs named in `keep` may stay where the session is (as handles). */
  run(feeds: Record<string, KvTensor>, keep?: readonly string[]): Promise<Record<string, KvTensor>>;
  /** Lets go of kept outputs that are no longer needed. */
  free(tensors: Iterable<KvTensor>): void;
  release(): Promise<void>;
}

/** A tensor kept in the worker thread (the KV cache between steps), named by a number. */
export class WorkerTensor {
  constructor(readonly ref: number, readonly type: ort.Tensor.Type, readonly dims: readonly number[]) {}
}

/** A KV cache tensor: in this thread, or kept in the session's worker. */
export type KvTensor = ort.Tensor | WorkerTensor;

/** The calling thread's session (ort.InferenceSession), behind SessionLike. */
class ThreadSession implements SessionLike {
  constructor(private readonly s: ort.InferenceSession) {}
  get inputNames() { return this.s.inputNames; }
  get outputNames() { return this.s.outputNames; }
  get inputMetadata() { return this.s.inputMetadata; }
  get outputMetadata() { return this.s.outputMetadata; }
  async run(feeds: Record<string, KvTensor>): Promise<Record<string, KvTensor>> {
    return (await this.s.run(feeds as Record<string, ort.Tensor>)) as Record<string, ort.Tensor>;
  }
  free(): void {}
  release(): Promise<void> {
    return this.s.release();
  }
}

// The worker's side: one session, created, run and released on request. Plain CommonJS evaluated
// by worker_threads (no separate bundle entry), requiring onnxruntime-node from where this module does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ort);
let session;
const kept = new Map();
let nextRef = 1;
const reply = (id, ok, transfer) => {
  try { parentPort.postMessage({ id, ok }, transfer); } catch { parentPort.postMessage({ id, ok }); }
};
parentPort.on('message', async (m) => {
  try {
    if (m.op === 'create') {
      session = await ort.InferenceSession.create(m.path, m.options);
      const meta = (l) => l.map((x) => ({ name: x.name, isTensor: x.isTensor, type: x.type, shape: x.shape ? [...x.shape] : undefined }));
      reply(m.id, { inputNames: [...session.inputNames], outputNames: [...session.outputNames], inputMetadata: meta(session.inputMetadata), outputMetadata: meta(session.outputMetadata) });
    } else if (m.op === 'run') {
      for (const r of m.free) kept.delete(r);
      const feeds = {};
      for (const k of Object.keys(m.feeds)) {
        const v = m.feeds[k];
        if (v.ref !== undefined) {
          const t = kept.get(v.ref);
          if (!t) throw new Error('internal: tensor ' + v.ref + ' was already freed');
          feeds[k] = t;
        } else feeds[k] = new ort.Tensor(v.type, v.data, v.dims);
      }
      const out = await session.run(feeds);
      const res = {};
      const transfer = [];
      for (const k of Object.keys(out)) {
        const t = out[k];
        if (m.keep.includes(k)) {
          const ref = nextRef++;
          kept.set(ref, t);
          res[k] = { ref, type: t.type, dims: [...t.dims] };
          continue;
        }
        res[k] = { type: t.type, data: t.data, dims: [...t.dims] };
        if (t.data && t.data.buffer && !transfer.includes(t.data.buffer)) transfer.push(t.data.buffer);
      }
      reply(m.id, res, transfer);
    } else if (m.op === 'free') {
      for (const r of m.free) kept.delete(r);
    } else if (m.op === 'release') {
      if (session) await session.release();
      session = undefined;
      kept.clear();
      reply(m.id, true);
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface PlainTensor {
  type: ort.Tensor.Type;
  data?: ort.Tensor.DataType;
  dims: number[];
  ref?: number;
}

/** A session living in a worker thread: each call is a message; the worker is referenced only while one is pending. */
class WorkerSession implements SessionLike {
  inputNames: readonly string[] = [];
  outputNames: readonly string[] = [];
  inputMetadata: readonly ort.InferenceSession.ValueMetadata[] = [];
  outputMetadata: readonly ort.InferenceSession.ValueMetadata[] = [];
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private dead: Error | undefined;
  /** Kept tensors let go of since the last run (sent with the next one). */
  private toFree: number[] = [];
  /** Kept tensors nobody released explicitly are freed once their handle is collected. */
  private readonly finalizer = new FinalizationRegistry<number>((ref) => this.toFree.push(ref));

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (m: { id: number; ok?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.ok);
    });
    const fail = (e: Error) => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => fail(new Error(`the ONNX Runtime worker thread exited (code ${code})`)));
  }

  static async create(path: string, options: ort.InferenceSession.SessionOptions): Promise<WorkerSession> {
    const s = new WorkerSession(new Worker(WORKER_SOURCE, { eval: true, workerData: { ort: require.resolve('onnxruntime-node') } }));
    try {
      const meta = await s.call<Pick<SessionLike, 'inputNames' | 'outputNames' | 'inputMetadata' | 'outputMetadata'>>({ op: 'create', path, options });
      Object.assign(s, meta);
      return s;
    } catch (e) {
      await s.worker.terminate().catch(() => undefined);
      throw e;
    }
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...msg, id });
    });
  }

  async run(feeds: Record<string, KvTensor>, keep: readonly string[] = []): Promise<Record<string, KvTensor>> {
    const plain: Record<string, PlainTensor> = {};
    for (const [k, t] of Object.entries(feeds)) {
      plain[k] = t instanceof WorkerTensor ? { ref: t.ref, type: t.type, dims: [...t.dims] } : { type: t.type, data: t.data, dims: [...t.dims] };
    }
    const free = this.toFree;
    this.toFree = [];
    const out = await this.call<Record<string, PlainTensor>>({ op: 'run', feeds: plain, keep, free });
    const res: Record<string, KvTensor> = {};
    for (const [k, v] of Object.entries(out)) {
      if (v.ref !== undefined) {
        const h = new WorkerTensor(v.ref, v.type, v.dims);
        this.finalizer.register(h, v.ref, h);
        res[k] = h;
      } else res[k] = new ort.Tensor(v.type, v.data as any, v.dims);
    }
    return res;
  }

  free(tensors: Iterable<KvTensor>): void {
    for (const t of tensors) {
      if (!(t instanceof WorkerTensor) || !this.finalizer.unregister(t)) continue;
      this.toFree.push(t.ref);
    }
    // Sent with the next run; when the model is idle for a while, on their own.
    if (this.toFree.length > 256 && !this.dead) {
      this.worker.postMessage({ op: 'free', id: -1, free: this.toFree });
      this.toFree = [];
    }
  }

  async release(): Promise<void> {
    if (!this.dead) await this.call({ op: 'release' }).catch(() => undefined);
    await this.worker.terminate().catch(() => undefined);
  }
}

/** The past/present key-value tensors of every layer, fed back each step. */
export interface KvCache {
  /** past_key_values.{i}.key / .value -> tensor [batch, kv_heads, length, head_dim] */
  tensors: Record<string, KvTensor>;
  length: number;
}

export interface ForwardResult {
  /** Row-major [batch, seq, vocab] in float32 (fp16 logits are widened). */
  logits: Float32Array;
  vocab: number;
  cache: KvCache;
}

const KNOWN_INPUTS = /^(input_ids|attention_mask|position_ids|past_key_values\.\d+\.(key|value)|num_logits_to_keep|logits_to_keep)$/;

export function defaultThreads(): number {
  return Math.max(1, cpus().length - 1);
}

export class OnnxDecoder {
  readonly numLayers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly kvType: 'float32' | 'float16';
  readonly vocab: number | undefined;
  readonly hasPositionIds: boolean;
  readonly provider: string;
  private readonly keepInput: string | undefined;
  /** present.{i}.key/value: kept where the session runs between steps. */
  private readonly presentNames: string[];

  private constructor(private readonly session: SessionLike, config: ModelConfig, provider: string, path: string) {
    this.provider = provider;
    const inputs = session.inputNames;
    const unknown = inputs.filter((n) => !KNOWN_INPUTS.test(n));
    const missing = ['input_ids', 'attention_mask'].filter((n) => !inputs.includes(n));
    if (!session.outputNames.includes('logits')) missing.push('logits (output)');
    if (unknown.length || missing.length) {
      throw new LlmError('MODEL_UNSUPPORTED',
        `${path} is not a decoder in the Hugging Face ONNX convention: ` +
          [unknown.length ? `unexpected inputs ${unknown.join(', ')}` : '', missing.length ? `missing ${missing.join(', ')}` : '']
            .filter(Boolean).join('; ') + '.',
        'Export the model with a KV cache ("text-generation-with-past"): inputs input_ids, attention_mask, position_ids, past_key_values.{i}.key/value; outputs logits, present.{i}.key/value.');
    }
    this.hasPositionIds = inputs.includes('position_ids');
    this.presentNames = session.outputNames.filter((n) => n.startsWith('present.'));
    this.keepInput = inputs.find((n) => n === 'num_logits_to_keep' || n === 'logits_to_keep');
    const layers = new Set(inputs.map((n) => /^past_key_values\.(\d+)\.key$/.exec(n)?.[1]).filter((x) => x !== undefined));
    this.numLayers = layers.size;
    for (let i = 0; i < this.numLayers; i++) {
      for (const kind of ['key', 'value']) {
        if (!inputs.includes(`past_key_values.${i}.${kind}`) || !session.outputNames.includes(`present.${i}.${kind}`)) {
          throw new LlmError('MODEL_UNSUPPORTED', `${path} has past_key_values for some layers but not past_key_values.${i}.${kind} / present.${i}.${kind}.`,
            'Re-export the model with a complete KV cache.');
        }
      }
    }
    if (this.numLayers === 0) {
      throw new LlmError('MODEL_UNSUPPORTED', `${path} has no past_key_values inputs: it was exported without a KV cache.`,
        'Export it with "text-generation-with-past" (optimum) or onnxruntime-genai\'s model builder.');
    }
    if (config.numLayers !== undefined && config.numLayers !== this.numLayers) {
      throw new LlmError('MODEL_UNSUPPORTED', `config.json says ${config.numLayers} layers but ${path} has ${this.numLayers}.`,
        'config.json and the .onnx file come from different models; use the files exported together.');
    }
    const meta = this.tensorMeta(session.inputMetadata, 'past_key_values.0.key');
    const shape = meta?.shape ?? [];
    this.kvHeads = typeof shape[1] === 'number' ? shape[1] : config.numKvHeads ?? NaN;
    this.headDim = typeof shape[3] === 'number' ? shape[3] : config.headDim ?? NaN;
    if (!Number.isFinite(this.kvHeads) || !Number.isFinite(this.headDim)) {
      throw new LlmError('MODEL_UNSUPPORTED', `The KV cache shape of ${path} is symbolic and config.json has no num_key_value_heads/head_dim.`,
        'Add num_key_value_heads and head_dim to config.json.');
    }
    this.kvType = meta?.type === 'float16' ? 'float16' : 'float32';
    const logitsShape = this.tensorMeta(session.outputMetadata, 'logits')?.shape ?? [];
    this.vocab = typeof logitsShape[2] === 'number' ? logitsShape[2] : config.vocabSize;
  }

  private tensorMeta(list: readonly ort.InferenceSession.ValueMetadata[], name: string) {
    const m = list.find((x) => x.name === name);
    return m && m.isTensor ? m : undefined;
  }

  static async load(path: string, config: ModelConfig, opts: SessionOptions = {}): Promise<OnnxDecoder> {
    if (!existsSync(path)) {
      throw new LlmError('MODEL_FILE_MISSING', `The model file ${path} does not exist.`, 'Check vhdlExplain.model.folder and vhdlExplain.model.file.');
    }
    if (statSync(path).size === 0) {
      throw new LlmError('MODEL_CORRUPT', `The model file ${path} is empty.`, 'Copy the model file again; the copy was probably interrupted.');
    }
    const requested = (opts.executionProviders ?? ['cpu']).map((p) => p.toLowerCase());
    const providers = [...requested.filter((p) => p !== 'cpu'), 'cpu'];
    const base: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: opts.threads && opts.threads > 0 ? opts.threads : defaultThreads(),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
    };
    let lastError: unknown;
    for (const provider of providers) {
      try {
        const options = { ...base, executionProviders: [provider] };
        const session: SessionLike = opts.inThread ? new ThreadSession(await ort.InferenceSession.create(path, options)) : await WorkerSession.create(path, options);
        if (provider !== providers[0]) {
          opts.log?.(`Execution provider ${providers[0]} is not available here (${describe(lastError)}); running on ${provider}.`);
        }
        try {
          return new OnnxDecoder(session, config, provider, path);
        } catch (e) {
          await session.release().catch(() => undefined);
          throw e;
        }
      } catch (e) {
        if (e instanceof LlmError) throw e;
        lastError = e;
        if (provider === 'cpu') break;
      }
    }
    const msg = describe(lastError);
    if (/bad_alloc|allocat|out of memory|ENOMEM/i.test(msg)) {
      throw new LlmError('OUT_OF_MEMORY', `Not enough memory to load ${path} (${msg}).`,
        'Close other programs or choose a smaller or int4 model file (model_q4.onnx).', { cause: lastError });
    }
    throw new LlmError('MODEL_CORRUPT', `ONNX Runtime cannot load ${path}: ${msg}`,
      'The file is damaged or not an ONNX model; copy it again from the model\'s original folder.', { cause: lastError });
  }

  emptyCache(batch: number): KvCache {
    const tensors: Record<string, KvTensor> = {};
    for (let i = 0; i < this.numLayers; i++) {
      for (const kind of ['key', 'value']) {
        const data = this.kvType === 'float16' ? new Uint16Array(0) : new Float32Array(0);
        tensors[`past_key_values.${i}.${kind}`] = new ort.Tensor(this.kvType, data, [batch, this.kvHeads, 0, this.headDim]);
      }
    }
    return { tensors, length: 0 };
  }

  /**
   * One forward pass.
   * @param inputIds [batch][seq] (already padded)
   * @param attentionMask [batch][past + seq]
   * @param positionIds [batch][seq]
   * @param lastOnly ask for the last position's logits only, where the model supports it
   */
  async forward(inputIds: number[][], attentionMask: number[][], positionIds: number[][], cache: KvCache, lastOnly = false): Promise<ForwardResult> {
    const B = inputIds.length;
    const T = inputIds[0].length;
    const S = attentionMask[0].length;
    const i64 = (rows: number[][], cols: number) => {
      const a = new BigInt64Array(B * cols);
      rows.forEach((r, b) => r.forEach((v, j) => (a[b * cols + j] = BigInt(v))));
      return new ort.Tensor('int64', a, [B, cols]);
    };
    const feeds: Record<string, KvTensor> = { ...cache.tensors, input_ids: i64(inputIds, T), attention_mask: i64(attentionMask, S) };
    if (this.hasPositionIds) feeds.position_ids = i64(positionIds, T);
    if (this.keepInput) feeds[this.keepInput] = new ort.Tensor('int64', BigInt64Array.from([lastOnly ? 1n : 0n]), []);
    let out: Record<string, KvTensor>;
    try {
      out = await this.session.run(feeds, this.presentNames);
    } catch (e) {
      const msg = describe(e);
      if (/bad_alloc|allocat|out of memory/i.test(msg)) {
        throw new LlmError('OUT_OF_MEMORY', `Ran out of memory while running the model (${msg}).`, 'Use a shorter prompt or a smaller model.', { cause: e });
      }
      throw new LlmError('INFERENCE_FAILED', `ONNX Runtime failed while running the model: ${msg}`,
        'The model file may not match its config.json/tokenizer; use files exported together.', { cause: e });
    }
    const tensors: Record<string, KvTensor> = {};
    for (let i = 0; i < this.numLayers; i++) {
      tensors[`past_key_values.${i}.key`] = out[`present.${i}.key`];
      tensors[`past_key_values.${i}.value`] = out[`present.${i}.value`];
    }
    const lt = out.logits as ort.Tensor;
    const logits = lt.type === 'float16' ? halfToFloat(lt.data as Uint16Array) : (lt.data as Float32Array);
    const vocab = lt.dims[lt.dims.length - 1];
    return { logits, vocab, cache: { tensors, length: S } };
  }

  /**
   * Lets go of a KV cache that will not be fed again (a worker's copy is freed with the next
   * run; without this, once the cache object is collected).
   */
  releaseCache(cache: KvCache): void {
    this.session.free(Object.values(cache.tensors));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** IEEE 754 half (as uint16 bits) to float32. */
export function halfToFloat(h: Uint16Array): Float32Array {
  const out = new Float32Array(h.length);
  for (let i = 0; i < h.length; i++) {
    const x = h[i];
    const sign = x & 0x8000 ? -1 : 1;
    const exp = (x >> 10) & 0x1f;
    const frac = x & 0x3ff;
    out[i] = exp === 0 ? sign * frac * 2 ** -24 : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return out;
}
