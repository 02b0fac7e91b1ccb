// The local backend: one warm ONNX model, its generation queue and the result cache.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CancellationToken } from './cancellation';
import { generate, samplingOf, validateRequest } from './generate';
import { isLlmError } from './errors';
import { loadModel, type LoadedModel, type LoadOptions } from './model';
import { NAME_CONSTRAINT_RULES } from './nameConstraint';
import { refutationsKey } from './claimConstraint';
import { GenerationQueue } from './queue';
import { cacheKey, ResultCache } from './resultCache';
import { tokenCounterFromFile, tokenizerFingerprint, type TokenCounter } from './tokenCounter';
import { emptyTimings, type Backend, type GenerateRequest, type GenerateResult, type OnText } from './types';

export interface LocalBackendOptions extends LoadOptions {
  modelDir: string;
  /** Folder for the persisted result cache; undefined keeps it in memory. */
  cacheDir?: string;
  cacheEntries?: number;
  /** Queued requests at most (besides the running one). */
  maxQueued?: number;
}

export class LocalBackend implements Backend {
  private loading: Promise<LoadedModel> | undefined;
  private readonly queue: GenerationQueue;
  private readonly cache: ResultCache;
  /** The counter of the folder's tokenizer files as they were when read (undefined: unreadable). */
  private counter: { fingerprint: string; counter: TokenCounter | undefined } | undefined;

  constructor(private readonly opts: LocalBackendOptions) {
    this.queue = new GenerationQueue(opts.maxQueued ?? 4);
    this.cache = new ResultCache({ dir: opts.cacheDir, maxEntries: opts.cacheEntries });
  }

  get id(): string {
    return `local:${this.opts.modelDir}${this.opts.file ? `/onnx/${this.opts.file}` : ''}`;
  }

  /**
   * Loads the model once and keeps it; a failed load is not remembered, so fixing the folder and
   * asking again works without a restart.
   */
  load(): Promise<LoadedModel> {
    if (!this.loading) {
      this.loading = loadModel(this.opts.modelDir, this.opts);
      this.loading.catch(() => (this.loading = undefined));
    }
    return this.loading;
  }

  /**
   * Counts tokens with this model's tokenizer.json and chat template, read synchronously on first
   * use (the ONNX session is not needed, so prompts are bounded exactly before the model loads).
   * Undefined while the folder has no readable tokenizer: callers then estimate, and generate()
   * reports the folder's problem. A replaced tokenizer file is read again.
   */
  tokenCounter(): TokenCounter | undefined {
    const fingerprint = tokenizerFingerprint(this.opts.modelDir);
    if (this.counter?.fingerprint !== fingerprint) {
      let counter: TokenCounter | undefined;
      try {
        counter = fingerprint ? tokenCounterFromFile(join(this.opts.modelDir, 'tokenizer.json')) : undefined;
      } catch (e) {
        this.opts.log?.(`token counts estimated: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.counter = { fingerprint, counter };
    }
    return this.counter.counter;
  }

  async generate(req: GenerateRequest, onText: OnText = () => {}, token?: CancellationToken): Promise<GenerateResult> {
    validateRequest(req);
    const t0 = performance.now();
    const wasLoaded = this.loading !== undefined;
    let loadMs = 0;
    const model = await this.load();
    if (!wasLoaded) loadMs = model.loadMs;
    const s = samplingOf(model, req);
    const deterministic = s.temperature <= 0 || req.seed !== undefined;
    const key = req.cache !== false && deterministic
      ? cacheKey({ model: model.id, files: model.fingerprint, ctx: model.contextLength, messages: req.messages, stop: req.stop ?? [], ...(req.names?.length ? { names: [...req.names].sort(), quoteWords: [...(req.quoteWords ?? [])].sort(), rules: NAME_CONSTRAINT_RULES } : {}), ...(req.refutations?.length ? { refutations: refutationsKey(req.refutations), about: (req.refutationSubject ?? '').toLowerCase() } : {}), ...s, temperature: s.temperature <= 0 ? 0 : s.temperature, seed: s.temperature <= 0 ? 0 : s.seed })
      : undefined;
    const hit = key ? this.cache.use(key) : undefined;
    if (hit) {
      onText(hit.text);
      return { ...hit, cached: true, timings: { ...emptyTimings(), loadMs, totalMs: performance.now() - t0 } };
    }
    const queuedAt = performance.now();
    try {
      const r = await this.queue.run(async (tok, yieldTo) => {
        const queueMs = performance.now() - queuedAt;
        const res = await generate(model, req, onText, tok, yieldTo);
        res.timings.queueMs = queueMs;
        return res;
      }, { key: req.queueKey, priority: req.priority, token });
      r.timings.loadMs = loadMs;
      r.timings.totalMs = performance.now() - t0;
      if (key && r.finishReason !== 'cancelled') {
        const { text, finishReason, promptTokens, completionTokens, trimmedLines } = r;
        this.cache.set(key, { text, finishReason, promptTokens, completionTokens, trimmedLines });
      }
      return r;
    } catch (e) {
      if (isLlmError(e, 'CANCELLED')) {
        return { text: '', finishReason: 'cancelled', promptTokens: 0, completionTokens: 0, trimmedLines: 0, cached: false, timings: { ...emptyTimings(), loadMs } };
      }
      throw e;
    }
  }

  async dispose(): Promise<void> {
    const m = await this.loading?.catch(() => undefined);
    this.loading = undefined;
    await m?.decoder.release();
  }
}
