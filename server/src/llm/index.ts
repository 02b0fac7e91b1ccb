// The engine's public API: create a Backend from settings, generate with streaming and cancellation.
import { LocalBackend } from './localBackend';
import { RemoteBackend } from './remoteBackend';
import { LlmError } from './errors';
import type { Backend } from './types';

export * from './types';
export { LlmError, isLlmError, type LlmErrorCode } from './errors';
export { CancellationSource, neverCancelled, type CancellationToken, type Disposable } from './cancellation';
export { CONTEXT_BEGIN, CONTEXT_END, markContext } from './contextGuard';
export { LocalBackend, type LocalBackendOptions } from './localBackend';
export { RemoteBackend, type RemoteBackendOptions } from './remoteBackend';
export { startOpenAiServer, type OpenAiServerOptions, type RunningServer } from './openaiServer';
export { tokenCounterFromFile, tokenCounterOf, type TokenCounter } from './tokenCounter';
export { loadModel, type LoadedModel, type LoadOptions } from './model';
export { generate } from './generate';
export type { Refutation } from './claimConstraint';

export interface LlmSettings {
  /** vhdlExplain.model.backend; default: 'remote' when remoteUrl is set, else 'local'. ('off' is the caller's: create nothing.) */
  backend?: 'local' | 'remote';
  /** Remote endpoint (OpenAI-compatible): the only thing that ever goes over the network. */
  remoteUrl?: string;
  remoteApiKey?: string;
  remoteModel?: string;
  /** Local model folder (HF ONNX layout): vhdlExplain.model.folder. */
  modelDir?: string;
  /** .onnx file inside onnx/ (default model_q4.onnx, else model.onnx). */
  modelFile?: string;
  /** Intra-op threads; 0/undefined = all cores but one. */
  threads?: number;
  /** e.g. ['cuda']; CPU is always the fallback. */
  executionProviders?: string[];
  contextLength?: number;
  /** Folder for the persisted result cache (e.g. the extension's globalStorage). */
  cacheDir?: string;
  log?: (line: string) => void;
}

/** The backend the settings ask for; nothing loads until the first generate(). */
export function createBackend(s: LlmSettings): Backend {
  const kind = s.backend ?? (s.remoteUrl ? 'remote' : 'local');
  if (kind === 'remote') {
    if (!s.remoteUrl) {
      throw new LlmError('INVALID_REQUEST', 'The remote backend is selected but no URL is set.', 'Set vhdlExplain.model.remoteUrl, e.g. http://localhost:8080/v1.');
    }
    return new RemoteBackend({ url: s.remoteUrl, apiKey: s.remoteApiKey, model: s.remoteModel });
  }
  if (!s.modelDir) {
    throw new LlmError('MODEL_NOT_FOUND', 'No model is configured.', 'Set vhdlExplain.model.folder to a model folder, or vhdlExplain.model.remoteUrl to a server.');
  }
  return new LocalBackend({
    modelDir: s.modelDir,
    file: s.modelFile,
    threads: s.threads,
    executionProviders: s.executionProviders,
    contextLength: s.contextLength,
    cacheDir: s.cacheDir,
    log: s.log,
  });
}
