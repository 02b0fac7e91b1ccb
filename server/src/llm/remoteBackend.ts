// The remote backend: any OpenAI-compatible /v1/chat/completions endpoint, streamed with SSE.
import { performance } from 'node:perf_hooks';
import type { CancellationToken } from './cancellation';
import { stripContextMarkers } from './contextGuard';
import { LlmError, describe } from './errors';
import { validateRequest } from './generate';
import { emptyTimings, type Backend, type FinishReason, type GenerateRequest, type GenerateResult, type OnText } from './types';

export interface RemoteBackendOptions {
  /** Base URL ('http://host:8000', '.../v1') or the full '.../v1/chat/completions' URL. */
  url: string;
  apiKey?: string;
  /** The "model" field sent (servers that host one model ignore it). */
  model?: string;
  /** Connect and idle timeout in ms (default 60 s). */
  timeoutMs?: number;
}

export function completionsUrl(url: string): string {
  const u = url.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(u)) return u;
  if (/\/v1$/.test(u)) return `${u}/chat/completions`;
  return `${u}/v1/chat/completions`;
}

export class RemoteBackend implements Backend {
  private readonly endpoint: string;

  constructor(private readonly opts: RemoteBackendOptions) {
    try {
      this.endpoint = completionsUrl(new URL(opts.url).toString());
    } catch (e) {
      throw new LlmError('INVALID_REQUEST', `The remote URL "${opts.url}" is not a valid URL.`, 'Set vhdlExplain.model.remoteUrl to e.g. http://localhost:8000/v1.', { cause: e });
    }
  }

  get id(): string {
    return `remote:${this.endpoint}`;
  }

  /** The remote server's tokenizer is not known here: prompt budgets stay estimated (see the model status). */
  tokenCounter(): undefined {
    return undefined;
  }

  async generate(req: GenerateRequest, onText: OnText = () => {}, token?: CancellationToken): Promise<GenerateResult> {
    validateRequest(req);
    const t0 = performance.now();
    const timings = emptyTimings();
    const body: Record<string, unknown> = {
      model: this.opts.model ?? 'default',
      messages: stripContextMarkers(req.messages),
      stream: true,
      temperature: req.temperature ?? 0,
    };
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
    if (req.topP !== undefined) body.top_p = req.topP;
    if (req.topK !== undefined) body.top_k = req.topK; // vLLM / llama.cpp extension
    if (req.repetitionPenalty !== undefined) body.repetition_penalty = req.repetitionPenalty; // idem
    if (req.seed !== undefined) body.seed = req.seed;
    if (req.stop?.length) body.stop = req.stop;

    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.opts.timeoutMs ?? 60_000);
    };
    const sub = token?.onCancellationRequested?.(() => abort.abort());
    let text = '';
    let finish: FinishReason = 'length';
    let completionTokens = 0;
    let promptTokens = 0;
    const cancelled = () => token?.isCancellationRequested === true && !timedOut;
    const result = (): GenerateResult => {
      timings.totalMs = performance.now() - t0;
      timings.decodeMs = timings.totalMs - timings.firstTokenMs;
      return { text, finishReason: cancelled() ? 'cancelled' : finish, promptTokens, completionTokens, trimmedLines: 0, cached: false, timings };
    };
    try {
      if (token?.isCancellationRequested) return result();
      arm();
      let res: Response;
      try {
        res = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
      } catch (e) {
        if (cancelled()) return result();
        throw new LlmError('REMOTE_UNREACHABLE', `Cannot reach ${this.endpoint}: ${timedOut ? 'no answer within the timeout' : describe((e as { cause?: unknown }).cause ?? e)}.`,
          'Check that the server runs and vhdlExplain.model.remoteUrl is right, or clear the URL to use the local model.', { cause: e });
      }
      if (!res.ok) {
        const detail = (await res.text().catch(() => '')).slice(0, 300);
        throw new LlmError('REMOTE_HTTP', `${this.endpoint} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}.`,
          res.status === 401 || res.status === 403 ? 'The server wants an API key (Authorization: Bearer).' : res.status === 404 ? 'The URL must point at an OpenAI-compatible /v1 API.' : 'See the server\'s log.');
      }
      const type = res.headers.get('content-type') ?? '';
      const bad = (what: string) =>
        new LlmError('REMOTE_BAD_RESPONSE', `${this.endpoint} did not answer like an OpenAI chat completion: ${what}.`, 'Point vhdlExplain.model.remoteUrl at an OpenAI-compatible server (vLLM, llama.cpp server, Ollama).');
      if (!type.includes('text/event-stream')) {
        // a server that ignores "stream": one JSON completion
        let j: { choices?: { message?: { content?: unknown }; finish_reason?: string }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
        try {
          j = JSON.parse(await res.text());
        } catch {
          throw bad(`content-type ${type || 'none'} and not JSON`);
        }
        const c = j.choices?.[0]?.message?.content;
        if (typeof c !== 'string') throw bad('no choices[0].message.content');
        text = c;
        timings.firstTokenMs = performance.now() - t0;
        onText(c);
        finish = j.choices![0].finish_reason === 'length' ? 'length' : 'stop';
        promptTokens = j.usage?.prompt_tokens ?? 0;
        completionTokens = j.usage?.completion_tokens ?? 0;
        return result();
      }
      const decoder = new TextDecoder();
      let buf = '';
      let done = false;
      const reader = res.body!.getReader();
      try {
        while (!done) {
          arm();
          const { value, done: eof } = await reader.read();
          if (eof) break;
          buf += decoder.decode(value, { stream: true });
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).replace(/\r$/, '');
            buf = buf.slice(nl + 1);
            if (!line.startsWith('data:')) continue;
            const data = line.slice(5).trim();
            if (data === '[DONE]') {
              done = true;
              break;
            }
            let j: { choices?: { delta?: { content?: unknown }; finish_reason?: string | null }[]; usage?: { prompt_tokens?: number; completion_tokens?: number }; error?: { message?: string } };
            try {
              j = JSON.parse(data);
            } catch {
              throw bad(`an event that is not JSON (${data.slice(0, 80)})`);
            }
            if (j.error) throw bad(`error event: ${j.error.message ?? JSON.stringify(j.error)}`);
            const ch = j.choices?.[0];
            const delta = ch?.delta?.content;
            if (typeof delta === 'string' && delta) {
              if (!text) timings.firstTokenMs = performance.now() - t0;
              text += delta;
              completionTokens++;
              onText(delta);
              if (cancelled()) return result(); // the caller moved on: drop the rest of the stream
            }
            if (ch?.finish_reason) finish = ch.finish_reason === 'length' ? 'length' : 'stop';
            if (j.usage) {
              promptTokens = j.usage.prompt_tokens ?? promptTokens;
              completionTokens = j.usage.completion_tokens ?? completionTokens;
            }
          }
        }
      } catch (e) {
        if (cancelled()) return result();
        if (e instanceof LlmError) throw e;
        throw new LlmError('REMOTE_UNREACHABLE', `The stream from ${this.endpoint} broke off: ${timedOut ? 'no data within the timeout' : describe(e)}.`, 'Check the server\'s log and try again.', { cause: e });
      } finally {
        reader.cancel().catch(() => undefined);
      }
      if (!done && !cancelled() && !text) throw bad('the stream ended without data or [DONE]');
      timings.decodeTokens = completionTokens;
      return result();
    } finally {
      clearTimeout(timer);
      sub?.dispose();
    }
  }

  async dispose(): Promise<void> {}
}
