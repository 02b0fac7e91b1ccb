// The generation loop: fit the prompt, prefill, then decode one token at a time with the KV cache.
import { performance } from 'node:perf_hooks';
import { neverCancelled, type CancellationToken } from './cancellation';
import { fitToContext } from './contextGuard';
import { LlmError } from './errors';
import type { LoadedModel } from './model';
import { ClaimConstraint, CLAIM_START, type ClaimState } from './claimConstraint';
import { NameConstraint, START, type ScanState } from './nameConstraint';
import type { ForwardResult } from './onnxDecoder';
import { sampleToken, seededRandom, type SamplingParams } from './sampler';
import { emptyTimings, type FinishReason, type GenerateRequest, type GenerateResult, type OnText } from './types';

export const DEFAULT_MAX_TOKENS = 256;

export function validateRequest(req: GenerateRequest): void {
  const bad = (what: string) => {
    throw new LlmError('INVALID_REQUEST', `Invalid generation request: ${what}.`, 'Fix the caller\'s parameters.');
  };
  if (!Array.isArray(req.messages) || req.messages.length === 0) bad('messages must be a non-empty array');
  for (const m of req.messages) {
    if (!m || typeof m.content !== 'string' || !['system', 'user', 'assistant'].includes(m.role)) bad('each message needs a role (system/user/assistant) and string content');
  }
  const nonNeg = (v: number | undefined, name: string, int = false) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (int && !Number.isInteger(v)))) bad(`${name} must be a non-negative ${int ? 'integer' : 'number'}`);
  };
  nonNeg(req.maxTokens, 'maxTokens', true);
  nonNeg(req.temperature, 'temperature');
  nonNeg(req.topK, 'topK', true);
  nonNeg(req.topP, 'topP');
  nonNeg(req.repetitionPenalty, 'repetitionPenalty');
  if (req.repetitionPenalty === 0) bad('repetitionPenalty must be > 0');
  if (req.stop !== undefined && (!Array.isArray(req.stop) || req.stop.some((s) => typeof s !== 'string'))) bad('stop must be an array of strings');
  if (req.names !== undefined && (!Array.isArray(req.names) || req.names.some((s) => typeof s !== 'string'))) bad('names must be an array of strings');
  if (req.quoteWords !== undefined && (!Array.isArray(req.quoteWords) || req.quoteWords.some((s) => typeof s !== 'string'))) bad('quoteWords must be an array of strings');
  if (req.refutations !== undefined && (!Array.isArray(req.refutations) || req.refutations.some((r) => !r || typeof r.name !== 'string' || !Array.isArray(r.phrases) || r.phrases.some((p) => typeof p !== 'string') || !optionalStrings(r.words) || !optionalStrings(r.unless) || (r.quotedOnly !== undefined && typeof r.quotedOnly !== 'boolean')))) {
    bad('refutations must be an array of { name: string, phrases: string[], words?: string[], unless?: string[], quotedOnly?: boolean }');
  }
  if (req.refutationSubject !== undefined && typeof req.refutationSubject !== 'string') bad('refutationSubject must be a string');
}

function optionalStrings(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
}

/** The sampling settings of a request, with the model's generation_config as defaults. */
export function samplingOf(model: LoadedModel, req: GenerateRequest): SamplingParams & { maxTokens: number; seed: number } {
  const g = model.folder.generation;
  return {
    maxTokens: req.maxTokens ?? g.maxNewTokens ?? DEFAULT_MAX_TOKENS,
    temperature: req.temperature ?? g.temperature ?? 0,
    topK: req.topK ?? g.topK ?? 0,
    topP: req.topP ?? g.topP ?? 1,
    repetitionPenalty: req.repetitionPenalty ?? g.repetitionPenalty ?? 1,
    seed: req.seed ?? 0,
  };
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `stops`. */
function partialStopLength(text: string, stops: string[]): number {
  let best = 0;
  for (const s of stops) {
    for (let n = Math.min(s.length - 1, text.length); n > best; n--) {
      if (text.endsWith(s.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}

/**
 * Generates for `req`. `yieldTo` (the queue's) is awaited between forward passes (prefill chunks,
 * decode steps): a higher-priority request runs there while this one waits with its KV cache.
 */
export async function generate(model: LoadedModel, req: GenerateRequest, onText: OnText = () => {}, token: CancellationToken = neverCancelled, yieldTo?: () => Promise<void>): Promise<GenerateResult> {
  validateRequest(req);
  const t0 = performance.now();
  const p = samplingOf(model, req);
  const stops = (req.stop ?? []).filter((s) => s.length > 0);
  const ctx = model.contextLength;
  const reserve = Math.min(p.maxTokens, Math.floor(ctx / 2));
  const fit = fitToContext(req.messages, ctx - reserve, (m) => model.tokenizer.encodeChat(m).length);
  const promptIds = model.tokenizer.encodeChat(fit.messages);
  const timings = emptyTimings();
  const result = (text: string, finishReason: FinishReason, completionTokens: number): GenerateResult => {
    timings.totalMs = performance.now() - t0;
    timings.decodeTokensPerSecond = timings.decodeMs > 0 ? (timings.decodeTokens * 1000) / timings.decodeMs : 0;
    return { text, finishReason, promptTokens: promptIds.length, completionTokens, trimmedLines: fit.trimmedLines, cached: false, timings };
  };
  if (token.isCancellationRequested) return result('', 'cancelled', 0);
  const maxNew = Math.min(p.maxTokens, ctx - promptIds.length);
  if (maxNew <= 0) return result('', 'length', 0);

  const dec = model.decoder;
  const random = seededRandom(p.seed);
  const seen = [...promptIds];
  const stream = model.tokenizer.streamDecoder();
  const names = req.names?.length ? nameConstraintOf(req.names, req.quoteWords ?? []) : undefined;
  const claims = req.refutations?.length ? new ClaimConstraint(req.refutations, req.refutationSubject) : undefined;
  const pieces = names || claims ? model.tokenPieces : undefined;
  let scan: ScanState = START;
  let claimScan: ClaimState = claims?.start() ?? CLAIM_START;
  // The end of the answer is allowed only where a name is not left half-written (`SYNC_F` of sync_ff).
  const allow = pieces
    ? (id: number) => {
        if (model.eosIds.has(id)) return !names || names.canEnd(scan);
        const piece = pieces[id] ?? '';
        return (!names || names.advance(scan, piece) !== undefined) && (!claims || claims.advance(claimScan, piece) !== undefined);
      }
    : undefined;
  let text = ''; // everything decoded so far
  let sent = 0; // how much of `text` went to onText
  const emit = (upTo: number) => {
    if (upTo > sent) {
      if (sent === 0) timings.firstTokenMs = performance.now() - t0;
      onText(text.slice(sent, upTo));
      sent = upTo;
    }
  };

  // prefill in chunks: each pass sees the cache of the previous ones, so the result is the same
  let tp = performance.now();
  let fwd: ForwardResult | undefined;
  let pausedMs = 0;
  const step = async () => {
    if (!yieldTo) return;
    const t = performance.now();
    await yieldTo();
    pausedMs += performance.now() - t;
  };
  for (let at = 0; at < promptIds.length; at += model.prefillChunk) {
    if (at > 0) await step();
    if (at > 0 && token.isCancellationRequested) return result('', 'cancelled', 0);
    const chunk = promptIds.slice(at, at + model.prefillChunk);
    const total = at + chunk.length;
    const prev = fwd;
    fwd = await dec.forward([chunk], [new Array<number>(total).fill(1)], [chunk.map((_, i) => at + i)], prev?.cache ?? dec.emptyCache(1), true);
    if (prev) dec.releaseCache(prev.cache);
  }
  if (!fwd) return result('', 'length', 0); // an empty prompt (a template that renders nothing)
  timings.prefillMs = performance.now() - tp - pausedMs;
  timings.prefillTokens = promptIds.length;
  let generated = 0;
  let finish: FinishReason = 'length';
  let stopString = false;
  for (;;) {
    const V = fwd.vocab;
    const rows = fwd.logits.length / V;
    const last = fwd.logits.slice((rows - 1) * V, rows * V);
    const next = sampleToken(last, p, random, seen, allow);
    if (names && pieces) scan = names.advance(scan, pieces[next] ?? '') ?? START;
    if (claims && pieces) claimScan = claims.advance(claimScan, pieces[next] ?? '') ?? claims.start();
    generated++;
    if (model.eosIds.has(next)) {
      finish = 'stop';
      break;
    }
    seen.push(next);
    text += stream.push(next);
    const hit = stops.length ? firstStop(text, stops, Math.max(0, sent - maxLen(stops))) : -1;
    if (hit >= 0) {
      text = text.slice(0, hit);
      finish = 'stop';
      stopString = true;
      break;
    }
    emit(text.length - partialStopLength(text, stops));
    if (generated >= maxNew) break;
    await step();
    if (token.isCancellationRequested) {
      finish = 'cancelled';
      break;
    }
    const S = fwd.cache.length + 1;
    tp = performance.now();
    const prev = fwd;
    fwd = await dec.forward([[next]], [new Array<number>(S).fill(1)], [[S - 1]], prev.cache, true);
    dec.releaseCache(prev.cache);
    timings.decodeMs += performance.now() - tp;
    timings.decodeTokens++;
  }
  dec.releaseCache(fwd.cache);
  // release what was held back: a possible start of a stop string, an unfinished character (as U+FFFD)
  if (!stopString) text += stream.flush();
  emit(text.length);
  return result(text, finish, generated);
}

const constraints = new Map<string, NameConstraint>();

/** The constraint for a name list; the last few are kept (hover and explain ask about the same design again and again). */
function nameConstraintOf(names: string[], quoteWords: string[]): NameConstraint {
  const key = `${names.join('\n')}\0${quoteWords.join('\n')}`;
  let c = constraints.get(key);
  if (c) {
    constraints.delete(key);
  } else {
    c = new NameConstraint(names, quoteWords);
    if (constraints.size >= 8) constraints.delete(constraints.keys().next().value!);
  }
  constraints.set(key, c);
  return c;
}

function maxLen(stops: string[]): number {
  return stops.reduce((m, s) => Math.max(m, s.length), 0);
}

function firstStop(text: string, stops: string[], from: number): number {
  let best = -1;
  for (const s of stops) {
    const i = text.indexOf(s, from);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}
