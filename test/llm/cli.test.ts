// `vhdl-explain generate` and `vhdl-explain serve` as real processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';
import { RemoteBackend } from '../../server/src/llm/remoteBackend';
import { reference, TINY } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = ['--import', 'tsx', join(ROOT, 'server', 'src', 'cli', 'main.ts')];

test('generate --json streams deltas, then the text and timings', () => {
  const g = reference().q4.greedy[0];
  const r = spawnSync(process.execPath, [...CLI, 'generate', '--model', TINY, '--prompt', g.messages[0].content, '--max-tokens', '48', '--threads', '1', '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const done = lines.at(-1);
  assert.equal(done.done, true);
  assert.equal(done.text, g.text, 'default file is model_q4.onnx');
  assert.equal(lines.slice(0, -1).map((l) => l.delta).join(''), g.text);
  for (const k of ['loadMs', 'prefillMs', 'prefillTokens', 'decodeTokensPerSecond', 'firstTokenMs']) assert.ok(done.timings[k] > 0, k);
});

test('generate prints plain text, and a clear error with exit code 1 for a missing model', () => {
  const g = reference().fp32.greedy[2];
  const ok = spawnSync(process.execPath, [...CLI, 'generate', '--model', TINY, '--file', 'model.onnx', '--prompt', g.messages[0].content, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ok.stdout, g.text + '\n');
  const bad = spawnSync(process.execPath, [...CLI, 'generate', '--model', join(ROOT, 'no-such-model'), '--prompt', 'x'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /MODEL_NOT_FOUND: Model folder not found: .*no-such-model/);
  const usage = spawnSync(process.execPath, [...CLI, 'generate', '--bogus'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /usage: vhdl-explain generate/);
});

test('serve --port 0 answers OpenAI requests on loopback and exits cleanly on SIGTERM', async () => {
  const p = spawn(process.execPath, [...CLI, 'serve', '--model', TINY, '--file', 'model.onnx', '--port', '0', '--threads', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    p.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) resolve(m[1]);
    });
    p.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  try {
    const g = reference().fp32.greedy[1];
    const r = await new RemoteBackend({ url }).generate({ messages: g.messages, maxTokens: 48 });
    assert.equal(r.text, g.text);
    assert.match(err, /loaded .*model\.onnx in \d+ ms \(cpu, context 1024\)/);
  } finally {
    p.kill('SIGTERM');
  }
  const [code] = await once(p, 'exit');
  assert.equal(code, 0);
});
