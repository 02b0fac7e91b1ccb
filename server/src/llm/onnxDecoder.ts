// One ONNX Runtime session for a decoder LM in the HF convention: names and KV shapes read from the session.
import { cpus } from 'node:os';
import { existsSync, statSync } from 'node:fs';
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
}

/** The past/present key-value tensors of every layer, fed back each step. */
export interface KvCache {
  /** past_key_values.{i}.key / .value -> tensor [batch, kv_heads, length, head_dim] */
  tensors: Record<string, ort.Tensor>;
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

  private constructor(private readonly session: ort.InferenceSession, config: ModelConfig, provider: string, path: string) {
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
        const session = await ort.InferenceSession.create(path, { ...base, executionProviders: [provider] });
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
    const tensors: Record<string, ort.Tensor> = {};
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
    const feeds: Record<string, ort.Tensor> = { ...cache.tensors, input_ids: i64(inputIds, T), attention_mask: i64(attentionMask, S) };
    if (this.hasPositionIds) feeds.position_ids = i64(positionIds, T);
    if (this.keepInput) feeds[this.keepInput] = new ort.Tensor('int64', BigInt64Array.from([lastOnly ? 1n : 0n]), []);
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run(feeds);
    } catch (e) {
      const msg = describe(e);
      if (/bad_alloc|allocat|out of memory/i.test(msg)) {
        throw new LlmError('OUT_OF_MEMORY', `Ran out of memory while running the model (${msg}).`, 'Use a shorter prompt or a smaller model.', { cause: e });
      }
      throw new LlmError('INFERENCE_FAILED', `ONNX Runtime failed while running the model: ${msg}`,
        'The model file may not match its config.json/tokenizer; use files exported together.', { cause: e });
    }
    const tensors: Record<string, ort.Tensor> = {};
    for (let i = 0; i < this.numLayers; i++) {
      tensors[`past_key_values.${i}.key`] = out[`present.${i}.key`] as ort.Tensor;
      tensors[`past_key_values.${i}.value`] = out[`present.${i}.value`] as ort.Tensor;
    }
    const lt = out.logits as ort.Tensor;
    const logits = lt.type === 'float16' ? halfToFloat(lt.data as Uint16Array) : (lt.data as Float32Array);
    const vocab = lt.dims[lt.dims.length - 1];
    return { logits, vocab, cache: { tensors, length: S } };
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
