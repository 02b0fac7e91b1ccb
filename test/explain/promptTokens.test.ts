// Prompts counted with the model's own tokenizer (models/test-tiny): the reported tokens are the
// engine's count of the rendered chat, budgets hold on long designs, and the model manager hands
// every prompt the counter of the model it goes to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workspace } from '../../server/src/analysis/workspace';
import { explain } from '../../server/src/ide/explain';
import { docCommentPrompt } from '../../server/src/ide/insertDocComment';
import { HoverExplainer, hoverPrompt } from '../../server/src/ide/modelHover';
import { buildPrompt, type Prompt } from '../../server/src/ide/prompt';
import { LocalBackend, tokenCounterFromFile, type TokenCounter } from '../../server/src/llm/index';
import { stripContextMarkers } from '../../server/src/llm/contextGuard';
import { ChatTokenizer } from '../../server/src/llm/tokenizer';
import { readModelFolder } from '../../server/src/llm/modelFolder';
import { DEFAULT_MODEL_SETTINGS, ModelManager, REMOTE_DETAIL } from '../../server/src/lsp/model';
import { fixtureWorkspace, longDesign, TEST_MODEL, uriOf } from './helpers';

const counter = tokenCounterFromFile(join(TEST_MODEL, 'tokenizer.json'));
// The engine's own tokenizer, as generate() uses it, is the reference the prompt's counts must match.
const folder = readModelFolder(TEST_MODEL, 'model.onnx');
const engine = new ChatTokenizer(folder.tokenizerJson, folder.tokenizerConfig, TEST_MODEL);

/** The source excerpt inside the user message. */
function sourceOf(p: Prompt): string {
  return /```vhdl\n([\s\S]*?)\n```/.exec(p.messages[1].content)![1];
}

/** Checks a counted prompt: tokens, source tokens and the template's share, against the engine's tokenizer. */
function checkCounted(p: Prompt, budget: number, what: string): void {
  assert.equal(p.counted, 'tokenizer', what);
  assert.equal(p.tokens, engine.encodeChat(stripContextMarkers(p.messages)).length, `${what}: tokens`);
  assert.equal(p.sourceTokens, engine.encode(sourceOf(p)).length, `${what}: source tokens`);
  assert.ok(p.sourceTokens <= budget, `${what}: source ${p.sourceTokens} > ${budget}`);
  // Everything beyond the contents' own tokens is the chat template's, and the prompt says how much.
  const contents = stripContextMarkers(p.messages).reduce((n, m) => n + engine.encode(m.content).length, 0);
  assert.equal(p.templateTokens, engine.encodeChat(p.messages.map((m) => ({ ...m, content: '' }))).length, `${what}: template tokens`);
  // This template puts special tokens around each turn, so nothing merges across: exactly additive.
  assert.equal(p.tokens, contents + p.templateTokens, `${what}: ${p.tokens} != ${contents} + ${p.templateTokens}`);
}

test('fixture prompts: reported tokens are the engine\'s count of the rendered chat, every budget counted', () => {
  const ws = fixtureWorkspace();
  let n = 0;
  for (const [file, names] of [['debouncer.vhd', ['stable_cnt', 'btn_out', 'p_debounce']], ['top.vhd', ['u_debouncer', 'led_q']], ['traffic.vhd', ['state_q', 'p_next']], ['util_pkg.vhd', []], ['broken.vhd', ['r']]] as const) {
    const f = ws.getFile(uriOf(file))!;
    const unit = f.units.find((u) => u.kind === 'entity') ?? f.units[0];
    for (const budget of [1200, 300, 80]) {
      checkCounted(buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter, sourceTokens: budget }), budget, `${file} unit ${budget}`);
      n++;
    }
    for (const name of names) {
      const d = f.scopes.declarations.find((x) => x.name === name)!;
      checkCounted(hoverPrompt(ws, f.uri, d, d.nameNode.start, counter), 500, `${file} hover ${name}`);
      checkCounted(docCommentPrompt(ws, d, counter), 500, `${file} doc comment ${name}`);
      n += 2;
    }
  }
  assert.ok(n > 30);
});

test('without a counter nothing changes: the estimate, reported as such', () => {
  const ws = fixtureWorkspace();
  const unit = ws.getFile(uriOf('debouncer.vhd'))!.units[0];
  const p = buildPrompt(ws, { kind: 'unit', unit });
  assert.equal(p.counted, 'estimate');
  assert.equal(p.tokens, p.estimatedTokens);
  assert.equal(p.templateTokens, 0);
  // The counted prompt of a short design holds the same text: nothing needed trimming either way.
  const c = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter });
  assert.deepEqual(c.messages, p.messages);
  assert.equal(c.trimmed, false);
});

test('a counter that fails (a template that rejects the messages) leaves the estimate, never an exception', () => {
  const ws = fixtureWorkspace();
  const unit = ws.getFile(uriOf('traffic.vhd'))!.units[0];
  const broken: TokenCounter = { ...counter, countChat: () => { throw new Error('template raised'); } };
  const p = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: broken });
  assert.equal(p.counted, 'estimate');
  assert.deepEqual(p, buildPrompt(ws, { kind: 'unit', unit }));
});

test('a 5,000-line architecture: the counted source fills its budget by whole lines, where the estimate overshoots', () => {
  const text = longDesign(5000);
  const ws = new Workspace();
  const f = ws.setFile('file:///big.vhd', text);
  const lines = new Set(text.split('\n'));
  const wholeLines = (p: Prompt) => {
    for (const l of sourceOf(p).split('\n')) {
      if (l === '' || /^-- \.\.\. \(lines? \d+(-\d+)? left out\)$/.test(l)) continue;
      assert.ok(lines.has(l), `not a whole source line: ${JSON.stringify(l)}`);
    }
  };
  const unit = f.units.find((u) => u.kind === 'architecture')!;
  // This tokenizer (555 ids) spends about 1.3 characters per token: the estimate's excerpt is far over.
  const estimated = buildPrompt(ws, { kind: 'unit', unit }, { sourceTokens: 1200 });
  assert.ok(engine.encode(sourceOf(estimated)).length > 2 * 1200, 'the estimate is not the count');
  for (const budget of [1200, 400]) {
    const p = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter, sourceTokens: budget });
    checkCounted(p, budget, `big unit ${budget}`);
    assert.ok(p.trimmed);
    assert.ok(p.sourceTokens >= 0.9 * budget, `only ${p.sourceTokens} of ${budget} used`);
    wholeLines(p);
    assert.ok(sourceOf(p).startsWith('entity big is'));
  }
  const d = f.scopes.declarations.find((x) => x.name === 'stage_400')!;
  const h = hoverPrompt(ws, f.uri, d, d.nameNode.start, counter);
  checkCounted(h, 500, 'big hover');
  wholeLines(h);
  assert.match(sourceOf(h), /signal stage_400 : unsigned/);
  assert.match(sourceOf(h), /p_stage_400 : process/);
  const start = text.indexOf('  p_stage_10 :');
  const r = buildPrompt(ws, { kind: 'range', file: f, start, end: text.indexOf('  p_stage_300 :') }, { tokenCounter: counter, sourceTokens: 600 });
  checkCounted(r, 600, 'big selection');
  wholeLines(r);
});

test('maxTokens bounds the whole prompt, chat template included, by shrinking the source', () => {
  const ws = new Workspace();
  const f = ws.setFile('file:///big.vhd', longDesign(2000));
  const unit = f.units.find((u) => u.kind === 'architecture')!;
  const full = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter });
  // The instruction, facts and template alone: maxTokens shrinks the source, never the facts.
  const floor = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter, sourceTokens: 0 }).tokens;
  assert.ok(full.tokens > floor + 800);
  for (const max of [floor + 800, floor + 200]) {
    const p = buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter, maxTokens: max });
    checkCounted(p, 1200, `maxTokens ${max}`);
    assert.ok(p.tokens <= max, `${p.tokens} > ${max}`);
    assert.ok(p.tokens >= max - 40, `${p.tokens} leaves more than 40 of ${max} unused`);
    assert.ok(p.sourceTokens < full.sourceTokens);
  }
  // Below the floor the source is all that can go: what is left is the floor.
  assert.equal(buildPrompt(ws, { kind: 'unit', unit }, { tokenCounter: counter, maxTokens: floor - 100 }).tokens, floor);
});

test('the model manager hands every prompt the counter of its current model; remote says it estimates', async () => {
  const m = new ModelManager();
  try {
    await m.configure({ ...DEFAULT_MODEL_SETTINGS, folder: TEST_MODEL, file: 'model.onnx', threads: 1 });
    const c = m.tokenCounter();
    assert.ok(c);
    const view = m.asBackend('test')!;
    assert.equal(view.tokenCounter?.(), c);
    // Hover, explain, doc comment: each prompt built for the manager's backend is counted.
    const ws = fixtureWorkspace();
    const f = ws.getFile(uriOf('debouncer.vhd'))!;
    const d = f.scopes.declarations.find((x) => x.name === 'stable_cnt')!;
    const hover = new HoverExplainer(() => m.asBackend('hover'));
    checkCounted(hover.promptFor(ws, f.uri, d, d.nameNode.start), 500, 'manager hover');
    const a = await explain(ws, { kind: 'unit', unit: f.units[0] }, { backend: view, maxTokens: 4 });
    checkCounted(a.prompt!, 1200, 'manager explain');
    // Another model folder brings its own counter; a remote server has none.
    await m.configure({ ...DEFAULT_MODEL_SETTINGS, backend: 'remote', remoteUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(m.tokenCounter(), undefined);
    assert.equal(m.state.detail, REMOTE_DETAIL);
    assert.equal(hover.promptFor(ws, f.uri, d, d.nameNode.start).counted, 'estimate');
    assert.equal(new HoverExplainer(() => undefined).promptFor(ws, f.uri, d).counted, 'estimate');
  } finally {
    await m.dispose();
  }
});

test('a local backend\'s counter changes the hover prompt and its cache key', () => {
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf('traffic.vhd'))!;
  const d = f.scopes.declarations.find((x) => x.name === 'state_q')!;
  const b = new LocalBackend({ modelDir: TEST_MODEL, threads: 1 });
  const withModel = new HoverExplainer(() => b).promptFor(ws, f.uri, d, d.nameNode.start);
  const without = new HoverExplainer(() => undefined).promptFor(ws, f.uri, d, d.nameNode.start);
  assert.equal(withModel.counted, 'tokenizer');
  // 500 estimated tokens are about 1,750 characters, which this tokenizer counts as more than 500.
  assert.ok(engine.encode(sourceOf(without)).length > 500);
  assert.notEqual(HoverExplainer.keyOf(withModel), HoverExplainer.keyOf(without));
});
