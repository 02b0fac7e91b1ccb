// The remote backend against the project's own OpenAI-compatible server on loopback, and broken endpoints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalBackend } from '../../server/src/llm/localBackend';
import { RemoteBackend, completionsUrl } from '../../server/src/llm/remoteBackend';
import { startOpenAiServer, type RunningServer } from '../../server/src/llm/openaiServer';
import { CancellationSource } from '../../server/src/llm/cancellation';
import { isLlmError } from '../../server/src/llm/errors';
import { markContext } from '../../server/src/llm/contextGuard';
import { reference, TINY } from './helpers';

let local: LocalBackend;
let srv: RunningServer;
before(async () => {
  local = new LocalBackend({ modelDir: TINY, file: 'model.onnx', threads: 1 });
  srv = await startOpenAiServer({ backend: local, port: 0, modelName: 'tiny' });
});
after(async () => {
  await srv.close();
  await local.dispose();
});

test('serve listens on loopback only by default', () => {
  assert.equal((srv.server.address() as AddressInfo).address, '127.0.0.1');
  assert.equal(srv.url, `http://127.0.0.1:${srv.port}/v1`);
  assert.equal(completionsUrl('http://h:1'), 'http://h:1/v1/chat/completions');
  assert.equal(completionsUrl('http://h:1/v1/'), 'http://h:1/v1/chat/completions');
  assert.equal(completionsUrl('http://h:1/x/chat/completions'), 'http://h:1/x/chat/completions');
});

test('remote backend streams the same greedy text as the local engine, over real HTTP', async () => {
  const remote = new RemoteBackend({ url: srv.url });
  for (const g of reference().fp32.greedy) {
    const deltas: string[] = [];
    const r = await remote.generate({ messages: g.messages, maxTokens: 48, cache: false }, (d) => deltas.push(d));
    assert.equal(r.text, g.text);
    assert.equal(deltas.join(''), g.text);
    assert.equal(r.finishReason, g.finish_reason);
    assert.equal(r.completionTokens, g.output_ids.length, 'usage from the final chunk');
    if (g.text.length > 20) assert.ok(deltas.length > 3, 'arrived in pieces');
  }
});

test('remote: stop strings, max tokens and context markers travel; cancellation returns partial text', async () => {
  const remote = new RemoteBackend({ url: srv.url });
  const g = reference().fp32.greedy[2];
  const stopped = await remote.generate({ messages: g.messages, maxTokens: 48, stop: ['Zürich'] });
  assert.equal(stopped.text, g.text.slice(0, g.text.indexOf('Zürich')));
  const short = await remote.generate({ messages: g.messages, maxTokens: 3 });
  assert.equal(short.finishReason, 'length');
  const marked = await remote.generate({ messages: [{ role: 'user', content: markContext('Say hello.') }], maxTokens: 48 });
  assert.equal(marked.text, g.text, 'markers are removed before sending');
  const src = new CancellationSource();
  const deltas: string[] = [];
  // maxTokens 47: not in the server's result cache, so the answer streams token by token
  const r = await remote.generate({ messages: reference().fp32.greedy[1].messages, maxTokens: 47 }, (d) => {
    deltas.push(d);
    if (deltas.length === 2) src.cancel();
  }, src.token);
  assert.equal(r.finishReason, 'cancelled');
  assert.equal(r.text, deltas.join(''));
  assert.ok(reference().fp32.greedy[1].text.startsWith(r.text) && r.text.length < reference().fp32.greedy[1].text.length);
});

test('serve: non-streaming completion, /v1/models, and clear 4xx errors', async () => {
  const g = reference().fp32.greedy[0];
  const res = await fetch(`${srv.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: g.messages, max_tokens: 48 }) });
  const j = await res.json() as { choices: { message: { content: string }; finish_reason: string }[]; usage: { completion_tokens: number } };
  assert.deepEqual([j.choices[0].message.content, j.choices[0].finish_reason, j.usage.completion_tokens], [g.text, 'stop', g.output_ids.length]);
  const models = await (await fetch(`${srv.url}/models`)).json() as { data: { id: string }[] };
  assert.equal(models.data[0].id, 'tiny');
  const bad = await fetch(`${srv.url}/chat/completions`, { method: 'POST', body: '{not json' });
  assert.equal(bad.status, 400);
  assert.match((await bad.json() as { error: { message: string } }).error.message, /not a JSON object/);
  const badReq = await fetch(`${srv.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: [], max_tokens: -1 }) });
  assert.equal(badReq.status, 400);
  assert.equal((await badReq.json() as { error: { code: string } }).error.code, 'INVALID_REQUEST');
  assert.equal((await fetch(`${srv.url}/nowhere`)).status, 404);
});

/** A throwaway HTTP server answering every request with `handler`. */
async function misbehaving(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('remote: unreachable and misbehaving endpoints are clear LlmErrors', async () => {
  const msg = [{ role: 'user' as const, content: 'hi' }];
  const closed = await misbehaving(() => {});
  await new Promise((r) => closed.server.close(r));
  await assert.rejects(new RemoteBackend({ url: closed.url }).generate({ messages: msg }), (e) => {
    assert.ok(isLlmError(e, 'REMOTE_UNREACHABLE'), String(e));
    assert.match(e.message, /Cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
    return true;
  });
  const cases: [string, Parameters<typeof createServer>[1], string][] = [
    ['http 500', (_q, s) => (s.writeHead(500), s.end('model crashed')), 'REMOTE_HTTP'],
    ['http 401', (_q, s) => (s.writeHead(401), s.end()), 'REMOTE_HTTP'],
    ['html', (_q, s) => (s.writeHead(200, { 'content-type': 'text/html' }), s.end('<html>')), 'REMOTE_BAD_RESPONSE'],
    ['json without choices', (_q, s) => (s.writeHead(200, { 'content-type': 'application/json' }), s.end('{}')), 'REMOTE_BAD_RESPONSE'],
    ['garbage events', (_q, s) => (s.writeHead(200, { 'content-type': 'text/event-stream' }), s.end('data: {oops\n\n')), 'REMOTE_BAD_RESPONSE'],
    ['empty stream', (_q, s) => (s.writeHead(200, { 'content-type': 'text/event-stream' }), s.end()), 'REMOTE_BAD_RESPONSE'],
    ['stream cut off', (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/event-stream' });
      s.write('data: {"choices":[{"delta":{"content":"par"}}]}\n\n', () => s.destroy());
    }, 'REMOTE_UNREACHABLE'],
    ['silent', () => {}, 'REMOTE_UNREACHABLE'],
  ];
  for (const [name, handler, code] of cases) {
    const m = await misbehaving(handler);
    try {
      // only the silent server should run into the timeout, however slow a loaded machine is
      const timeoutMs = name === 'silent' ? 300 : 20_000;
      await assert.rejects(new RemoteBackend({ url: m.url, timeoutMs }).generate({ messages: msg }), (e) => {
        assert.ok(isLlmError(e), `${name}: ${String(e)}`);
        assert.equal(e.code, code, `${name}: ${e.message}`);
        return true;
      });
    } finally {
      m.server.closeAllConnections();
      await new Promise((r) => m.server.close(r));
    }
  }
  assert.throws(() => new RemoteBackend({ url: 'not a url' }), (e) => isLlmError(e, 'INVALID_REQUEST'));
});
