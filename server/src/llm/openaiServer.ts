// Serves a Backend under the OpenAI chat completions API (streaming with SSE), on loopback by default.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancellationSource } from './cancellation';
import { LlmError, describe, isLlmError } from './errors';
import type { Backend, ChatMessage, GenerateRequest } from './types';

export interface OpenAiServerOptions {
  backend: Backend;
  /** Default 127.0.0.1: nothing is exposed beyond this machine unless asked for. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The model name listed by /v1/models and echoed in responses. */
  modelName?: string;
  log?: (line: string) => void;
  /** Request bodies larger than this are refused (default 4 MiB). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** e.g. http://127.0.0.1:8000/v1 */
  url: string;
  close(): Promise<void>;
}

const STATUS: Partial<Record<LlmError['code'], number>> = { INVALID_REQUEST: 400, PROMPT_TOO_LONG: 400, SUPERSEDED: 409, CANCELLED: 499 };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { error: { message, type: status < 500 ? 'invalid_request_error' : 'server_error', code } });
}

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > max) throw new LlmError('INVALID_REQUEST', `The request body is larger than ${max} bytes.`, '');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** OpenAI request JSON -> GenerateRequest (throws INVALID_REQUEST). */
export function toGenerateRequest(j: Record<string, unknown>): GenerateRequest {
  const bad = (what: string) => new LlmError('INVALID_REQUEST', what, '');
  if (!Array.isArray(j.messages)) throw bad('"messages" must be an array.');
  const messages: ChatMessage[] = j.messages.map((m: unknown) => {
    const mm = m as { role?: unknown; content?: unknown };
    let content = mm?.content;
    if (Array.isArray(content)) content = content.map((p: { type?: string; text?: string }) => (p?.type === 'text' ? p.text ?? '' : '')).join('');
    if (typeof mm?.role !== 'string' || typeof content !== 'string') throw bad('each message needs "role" and "content".');
    const role = mm.role === 'developer' ? 'system' : mm.role;
    return { role: role as ChatMessage['role'], content };
  });
  const num = (k: string) => (typeof j[k] === 'number' ? (j[k] as number) : undefined);
  const stop = typeof j.stop === 'string' ? [j.stop] : Array.isArray(j.stop) ? (j.stop as string[]) : undefined;
  return {
    messages,
    maxTokens: num('max_tokens') ?? num('max_completion_tokens'),
    temperature: num('temperature'),
    topK: num('top_k'),
    topP: num('top_p'),
    seed: num('seed'),
    repetitionPenalty: num('repetition_penalty'),
    stop,
  };
}

export function startOpenAiServer(opts: OpenAiServerOptions): Promise<RunningServer> {
  const model = opts.modelName ?? opts.backend.id;
  const maxBody = opts.maxBodyBytes ?? 4 << 20;
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
      if (req.method === 'GET' && path === '/v1/models') {
        sendJson(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'vhdl-explain' }] });
        return;
      }
      if (path !== '/v1/chat/completions') return sendError(res, 404, `No route ${req.method} ${path}; use POST /v1/chat/completions.`, 'not_found');
      if (req.method !== 'POST') return sendError(res, 405, 'Use POST.', 'method_not_allowed');
      let j: Record<string, unknown>;
      try {
        j = JSON.parse(await readBody(req, maxBody));
        if (!j || typeof j !== 'object') throw new Error('not an object');
      } catch (e) {
        return sendError(res, 400, `The body is not a JSON object (${describe(e)}).`, 'invalid_json');
      }
      const g = toGenerateRequest(j);
      const stream = j.stream === true;
      const id = `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const created = Math.floor(Date.now() / 1000);
      const cancel = new CancellationSource();
      res.on('close', () => {
        if (!res.writableFinished) cancel.cancel(); // the client went away: stop generating
      });
      if (!stream) {
        const r = await opts.backend.generate(g, undefined, cancel.token);
        sendJson(res, 200, {
          id, object: 'chat.completion', created, model,
          choices: [{ index: 0, message: { role: 'assistant', content: r.text }, finish_reason: r.finishReason === 'length' ? 'length' : 'stop' }],
          usage: { prompt_tokens: r.promptTokens, completion_tokens: r.completionTokens, total_tokens: r.promptTokens + r.completionTokens },
        });
        return;
      }
      let headersSent = false;
      const event = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
        if (!headersSent) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
          headersSent = true;
        }
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, ...choice }], ...extra })}\n\n`);
      };
      try {
        const r = await opts.backend.generate(g, (delta) => event({ delta: { content: delta }, finish_reason: null }), cancel.token);
        event({ delta: {}, finish_reason: r.finishReason === 'length' ? 'length' : 'stop' },
          { usage: { prompt_tokens: r.promptTokens, completion_tokens: r.completionTokens, total_tokens: r.promptTokens + r.completionTokens } });
        res.write('data: [DONE]\n\n');
        res.end();
      } catch (e) {
        if (!headersSent) throw e;
        res.write(`data: ${JSON.stringify({ error: { message: describe(e), code: isLlmError(e) ? e.code : 'internal' } })}\n\n`);
        res.end();
      }
    } catch (e) {
      opts.log?.(`request failed: ${describe(e)}`);
      if (res.headersSent) return void res.end();
      if (isLlmError(e)) sendError(res, STATUS[e.code] ?? 500, e.message, e.code);
      else sendError(res, 500, describe(e), 'internal');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        server,
        port: a.port,
        url: `http://${host}:${a.port}/v1`,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
