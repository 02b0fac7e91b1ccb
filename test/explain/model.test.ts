// Model lifecycle and hover preparation: settings, status transitions (off, loading, ready, busy,
// failed, remote), and background preparation that stops when the text changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workspace } from '../../server/src/analysis/workspace';
import { HoverExplainer } from '../../server/src/ide/modelHover';
import { createBackend, startOpenAiServer } from '../../server/src/llm/index';
import { ModelManager, modelSettingsFrom, DEFAULT_MODEL_SETTINGS } from '../../server/src/lsp/model';
import type { ModelStatus } from '../../server/src/lsp/protocol';
import { positionOf } from '../analysis/helpers';
import { DIR, fixtureWorkspace, TEST_MODEL, textOf, uriOf } from './helpers';

// Resolves when the manager reaches `state`; rejects with the manager's reason if it settles in
// another final state first (off or failed), so a missing model fails the test instead of leaving
// the promise pending.
function waitFor(m: ModelManager, state: string): Promise<ModelStatus> {
  if (m.state.state === state) return Promise.resolve(m.state);
  return new Promise((resolve, reject) => {
    const settle = (s: ModelStatus) => {
      if (s.state === state) {
        m.listeners.delete(settle);
        resolve(s);
      } else if (s.state === 'off' || s.state === 'failed') {
        m.listeners.delete(settle);
        reject(new Error(`model ${s.state} while waiting for ${state}: ${s.detail ?? ''}`));
      }
    };
    m.listeners.add(settle);
    settle(m.state);
  });
}

test('settings are read from the vhdlExplain section, ill-typed values ignored', () => {
  const s = modelSettingsFrom({ model: { backend: 'remote', folder: '/m', threads: -1, remoteUrl: 'http://h/v1' }, explain: { maxTokens: 5 }, hover: { budgetMs: 50 } });
  assert.equal(s.backend, 'remote');
  assert.equal(s.folder, '/m');
  assert.equal(s.threads, DEFAULT_MODEL_SETTINGS.threads);
  assert.equal(s.maxTokens, DEFAULT_MODEL_SETTINGS.maxTokens);
  assert.equal(s.hoverBudgetMs, 50);
});

test('the bundled default model loads when no folder is set; an empty default folder leaves explanations off', async () => {
  const shipped = new ModelManager();
  await shipped.configure({ ...DEFAULT_MODEL_SETTINGS });
  await waitFor(shipped, 'ready');
  assert.equal(shipped.state.model, 'default');
  await shipped.dispose();
  const none = new ModelManager(undefined, undefined, DIR);
  await none.configure({ ...DEFAULT_MODEL_SETTINGS });
  assert.equal(none.state.state, 'off');
  assert.match(none.state.detail!, /No default model is installed yet/);
  assert.equal(none.backend(), undefined);
  await none.dispose();
});

test('after dispose (shutdown) no backend is made: a configuration that arrives late loads nothing', async () => {
  const m = new ModelManager();
  await m.configure({ ...DEFAULT_MODEL_SETTINGS });
  assert.equal(m.state.state, 'loading');
  await m.dispose();
  assert.deepEqual(m.state, { state: 'off', detail: 'The language server is shutting down.' });
  await m.configure({ ...DEFAULT_MODEL_SETTINGS, threads: 1 });
  assert.equal(m.backend(), undefined);
  assert.equal(m.state.state, 'off');
});

test('states: off (backend off), loading -> ready -> busy -> ready, failed with the reason', async () => {
  const seen: string[] = [];
  const m = new ModelManager(undefined, undefined, DIR);
  m.listeners.add((s) => seen.push(s.state));
  await m.configure({ ...DEFAULT_MODEL_SETTINGS });
  assert.equal(m.state.state, 'off');
  await m.configure({ ...DEFAULT_MODEL_SETTINGS, folder: TEST_MODEL, file: 'model.onnx', threads: 1 });
  await waitFor(m, 'ready');
  const busy = waitFor(m, 'busy');
  const r = m.generate({ messages: [{ role: 'user', content: 'hello' }], maxTokens: 4, cache: false });
  await busy;
  await r;
  assert.equal(m.state.state, 'ready');
  await m.configure({ ...DEFAULT_MODEL_SETTINGS, folder: DIR });
  await waitFor(m, 'failed');
  assert.match(m.state.detail!, /has no onnx\/\*\.onnx file/);
  assert.equal(m.backend(), undefined);
  await m.configure({ ...DEFAULT_MODEL_SETTINGS, backend: 'off' });
  assert.deepEqual(seen, ['off', 'loading', 'ready', 'busy', 'ready', 'loading', 'failed', 'off']);
  await m.dispose();
});

test('remote backend: state remote, explanations through an OpenAI-compatible server', async () => {
  const local = createBackend({ modelDir: TEST_MODEL, threads: 1 });
  const server = await startOpenAiServer({ backend: local, modelName: 'test-tiny' });
  const m = new ModelManager();
  try {
    await m.configure({ ...DEFAULT_MODEL_SETTINGS, backend: 'remote', remoteUrl: server.url });
    assert.equal(m.state.state, 'remote');
    const r = await m.generate({ messages: [{ role: 'user', content: 'Explain `cnt`.' }], maxTokens: 8 });
    assert.equal(typeof r.text, 'string');
    assert.equal(m.state.state, 'remote');
  } finally {
    await m.dispose();
    await server.close();
    await local.dispose();
  }
});

test('hover preparation: ports and registers first, stops when the file changes', async () => {
  const ws = fixtureWorkspace();
  const backend = createBackend({ modelDir: TEST_MODEL, threads: 1 });
  const hover = new HoverExplainer(() => backend, 16);
  try {
    const uri = uriOf('debouncer.vhd');
    const done = await hover.prepare(ws, uri, 3);
    assert.equal(done, 3);
    // The first three prepared are ports: a hover on a port now answers from the cache at once.
    const text = textOf('debouncer.vhd');
    const a = await hover.answer(ws, uri, positionOf(text, 'clk     : in'), 0);
    assert.equal(a.pending, false);
    assert.equal(a.explanation?.cached, true);
    const reg = await hover.answer(ws, uri, positionOf(text, 'btn_state  :'), 0);
    assert.equal(reg.pending, true, 'registers come after the first three ports');
    // A change while preparing stops the preparation.
    const p = hover.prepare(ws, uri, 40);
    hover.textChanged(uri);
    assert.ok((await p) <= 1);
  } finally {
    await backend.dispose();
  }
});

test('hover in a workspace without the name answers nothing from the model', async () => {
  const ws = new Workspace();
  ws.setFile('file:///x.vhd', 'entity x is end;');
  const backend = createBackend({ modelDir: join(TEST_MODEL) });
  const hover = new HoverExplainer(() => backend);
  try {
    const a = await hover.answer(ws, 'file:///x.vhd', { line: 0, character: 2 }, 100);
    assert.equal(a.section, undefined);
  } finally {
    await backend.dispose();
  }
});
