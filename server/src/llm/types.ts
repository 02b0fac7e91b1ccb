// The engine's public shapes: chat messages in, text out, and the Backend every engine implements.
import type { CancellationToken } from './cancellation';
import type { Refutation } from './claimConstraint';
import type { TokenCounter } from './tokenCounter';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  /** May contain one section wrapped by markContext(): the part the context guard may trim. */
  content: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  /** New tokens at most (default: generation_config max_new_tokens, else 256). */
  maxTokens?: number;
  /** 0 (default) = greedy. */
  temperature?: number;
  topK?: number;
  topP?: number;
  /** PRNG seed for sampling (default 0): the same request gives the same text. */
  seed?: number;
  /** > 1 discourages repeating tokens of the prompt and the answer (HF/CTRL style). */
  repetitionPenalty?: number;
  /** Generation stops before the first occurrence of any of these strings. */
  stop?: string[];
  /**
   * The names the answer may use (case-insensitive): the local engine then writes a name in `code`
   * quotes, or a bare snake_case word, only from this list (see nameConstraint.ts). Remote servers
   * cannot be held to it; their answers rely on the caller's own check.
   */
  names?: string[];
  /**
   * With `names`: words a quote may also use after its first word (a language's operators and
   * keywords of expressions, `cnt(3 downto 0)`), never as a quote's first word nor bare.
   */
  quoteWords?: string[];
  /**
   * What the caller's facts refute about names (a synchronous reset is not "asynchronous"): the local
   * engine never completes one of a name's phrases in a sentence about that name (see
   * claimConstraint.ts). Remote servers cannot be held to it either.
   */
  refutations?: Refutation[];
  /** With `refutations`: the name a sentence is about until it names another (a hover's object). */
  refutationSubject?: string;
  /** A newer request with the same key supersedes a queued or running older one. */
  queueKey?: string;
  /** Higher runs first among queued requests (default 0). */
  priority?: number;
  /** Look up / store the result in the result cache (default true). */
  cache?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'cancelled';

export interface Timings {
  /** Model load time when this request triggered the load, else 0. */
  loadMs: number;
  prefillMs: number;
  prefillTokens: number;
  decodeMs: number;
  decodeTokens: number;
  decodeTokensPerSecond: number;
  /** From the start of generation (after any queue wait and load) to the first streamed text. */
  firstTokenMs: number;
  queueMs: number;
  totalMs: number;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
  /** Lines removed from the marked context by the context guard (0 if none). */
  trimmedLines: number;
  cached: boolean;
  timings: Timings;
}

/** Receives text as it is produced: complete characters only, never a half of a UTF-8 sequence. */
export type OnText = (delta: string) => void;

export interface Backend {
  /** A stable description: 'local:<folder>/<file>' or 'remote:<url>'. */
  readonly id: string;
  /**
   * Generates an answer. Cancellation returns the partial text with finishReason 'cancelled';
   * failures reject with LlmError.
   */
  generate(req: GenerateRequest, onText?: OnText, token?: CancellationToken): Promise<GenerateResult>;
  /**
   * Counts tokens as this backend's model will (sync): prompt builders bound their text with it.
   * Undefined (or absent) when the backend cannot know, e.g. a remote server: callers estimate.
   */
  tokenCounter?(): TokenCounter | undefined;
  dispose(): Promise<void>;
}

export function emptyTimings(): Timings {
  return {
    loadMs: 0,
    prefillMs: 0,
    prefillTokens: 0,
    decodeMs: 0,
    decodeTokens: 0,
    decodeTokensPerSecond: 0,
    firstTokenMs: 0,
    queueMs: 0,
    totalMs: 0,
  };
}
