// LlmError: every failure of the engine as one error class with a code, the cause and what to do.

export type LlmErrorCode =
  | 'MODEL_NOT_FOUND' // the model folder does not exist
  | 'MODEL_FILE_MISSING' // a required file of the folder is missing (config.json, tokenizer.json, onnx/*.onnx)
  | 'MODEL_CORRUPT' // a file exists but cannot be parsed or loaded
  | 'MODEL_UNSUPPORTED' // the ONNX graph has inputs/outputs the engine does not know
  | 'TOKENIZER_MISMATCH' // the tokenizer's ids do not fit the model's vocabulary
  | 'OUT_OF_MEMORY' // loading or running the model ran out of memory
  | 'PROMPT_TOO_LONG' // even after trimming the marked context, the prompt does not fit the context
  | 'INVALID_REQUEST' // bad parameters (negative max tokens, empty messages, ...)
  | 'INFERENCE_FAILED' // ONNX Runtime failed while running
  | 'SUPERSEDED' // a newer request with the same queue key replaced this one before it started
  | 'CANCELLED' // cancelled before it started
  | 'REMOTE_UNREACHABLE' // the remote endpoint refused, timed out, or the name did not resolve
  | 'REMOTE_HTTP' // the remote endpoint answered with an HTTP error status
  | 'REMOTE_BAD_RESPONSE'; // the remote endpoint answered something that is not an OpenAI-style completion

export class LlmError extends Error {
  override readonly name = 'LlmError';
  /**
   * @param code machine-readable cause
   * @param problem what went wrong, naming the file/URL/value involved
   * @param hint what the user can do about it
   */
  constructor(
    readonly code: LlmErrorCode,
    readonly problem: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(hint ? `${problem} ${hint}` : problem, options);
  }
}

export function isLlmError(e: unknown, code?: LlmErrorCode): e is LlmError {
  return e instanceof LlmError && (code === undefined || e.code === code);
}

/** The first line of an unknown thrown value, for messages. */
export function describe(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split('\n')[0].slice(0, 300);
}
