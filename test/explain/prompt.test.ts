// The prompt builder: expected prompts for the fixtures (UPDATE_EXPECT=1 to regenerate), and bounds on long input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/analysis/workspace';
import { buildPrompt, type Prompt } from '../../server/src/ide/prompt';
import { makePairs, sentence } from '../../server/src/ide/promptPairs';
import { HoverExplainer, hoverPrompt } from '../../server/src/ide/modelHover';
import { docCommentPrompt } from '../../server/src/ide/insertDocComment';
import { expectFile, fixtureWorkspace, longDesign, textOf, uriOf } from './helpers';

function render(p: Prompt): string {
  const out = [`== title: ${p.title} (task ${p.task}, ~${p.estimatedTokens} tokens${p.trimmed ? ', trimmed' : ''}) ==`];
  for (const m of p.messages) out.push(`== ${m.role} ==`, m.content);
  return out.join('\n') + '\n';
}

const CASES: { file: string; targets: string[] }[] = [
  { file: 'debouncer.vhd', targets: ['stable_cnt', 'btn_out', 'p_debounce'] },
  { file: 'top.vhd', targets: ['u_debouncer', 'led_q'] },
  { file: 'traffic.vhd', targets: ['state_q', 'p_next'] },
  { file: 'broken.vhd', targets: ['r'] },
  { file: 'empty.vhd', targets: [] },
];

for (const c of CASES) {
  test(`prompts for ${c.file}`, () => {
    const ws = fixtureWorkspace();
    const f = ws.getFile(uriOf(c.file))!;
    const parts: string[] = [];
    const entity = f.units.find((u) => u.kind === 'entity')!;
    parts.push(render(buildPrompt(ws, { kind: 'unit', unit: entity })));
    for (const name of c.targets) {
      const d = f.scopes.declarations.find((x) => x.name === name);
      assert.ok(d, `declaration ${name}`);
      parts.push(render(buildPrompt(ws, { kind: 'declaration', decl: d }, { task: 'hover' })));
    }
    // The same workspace gives the same prompt (deterministic).
    assert.equal(render(buildPrompt(ws, { kind: 'unit', unit: entity })), parts[0]);
    expectFile(c.file.replace(/\.vhd$/, '.prompt.expect'), parts.join('\n'));
  });
}

test('package prompt: declaration and body within the budget', () => {
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf('util_pkg.vhd'))!;
  const p = buildPrompt(ws, { kind: 'unit', unit: f.units.find((u) => u.kind === 'package')! }, { task: 'entity' });
  expectFile('util_pkg.prompt.expect', render(p));
  assert.match(p.messages[1].content, /package body util_pkg is/);
});

test('selection prompt names the lines and includes the declarations it uses', () => {
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf('traffic.vhd'))!;
  const text = textOf('traffic.vhd');
  const start = text.indexOf('  red_o   <=');
  const end = text.indexOf('\n', text.indexOf('green_o <='));
  const p = buildPrompt(ws, { kind: 'range', file: f, start, end });
  assert.equal(p.title, 'Selection, lines 55-56');
  assert.match(p.messages[1].content, /signal state_q, state_d : state_t;/);
  assert.match(p.messages[1].content, /red_o   <= '1' when state_q = S_RED/);
});

test('a 5,000-line architecture is trimmed by whole lines within the budget', () => {
  const text = longDesign(5000);
  const ws = new Workspace();
  const f = ws.setFile('file:///big.vhd', text);
  const lines = new Set(text.split('\n'));
  const p = buildPrompt(ws, { kind: 'unit', unit: f.units[0] }, { sourceTokens: 1200 });
  assert.ok(p.trimmed);
  assert.ok(p.sourceTokens <= 1200, `source tokens ${p.sourceTokens}`);
  const code = /```vhdl\n([\s\S]*?)\n```/.exec(p.messages[1].content)![1];
  for (const l of code.split('\n')) {
    if (l === '' || /^-- \.\.\. \(lines? \d+(-\d+)? left out\)$/.test(l)) continue;
    assert.ok(lines.has(l), `not a whole source line: ${JSON.stringify(l)}`);
  }
  // Facts are bounded too ("and N more"), and the entity's ports come first.
  assert.match(p.messages[1].content, /and \d+ more processes/);
  assert.ok(code.startsWith('entity big is'));
  // A register deep in the file gets its declaration and its driver even though the file is long.
  const d = f.scopes.declarations.find((x) => x.name === 'stage_400')!;
  const h = buildPrompt(ws, { kind: 'declaration', decl: d });
  assert.match(h.messages[1].content, /signal stage_400 : unsigned/);
  assert.match(h.messages[1].content, /p_stage_400 : process/);
  assert.ok(h.sourceTokens <= 600);
});

test('pairs use the same builder as the editor', () => {
  const vhdl = textOf('debouncer.vhd');
  const { pairs, errors } = makePairs([{ id: 'g1', source: 'gold', vhdl, explanation: '**Purpose.** Debounces.' }, { id: 'bad', explanation: 'x' }], () => '');
  assert.equal(pairs.length, 1);
  assert.deepEqual(errors, ['bad: needs vhdl (or file) and explanation (or explanation_file)']);
  const ws = new Workspace();
  const f = ws.setFile('file:///design/g1.vhd', vhdl);
  const messages = buildPrompt(ws, { kind: 'unit', unit: f.units.find((u) => u.kind === 'entity')! }).messages;
  assert.ok(messages.some((m) => m.content.includes('<<<context>>>')), 'the editor marks the trimmable context');
  // The pair is what the model reads: the same messages with the markers removed, nothing else changed.
  assert.deepEqual(pairs[0].prompt_messages, messages.map((m) => ({ ...m, content: m.content.replaceAll('<<<context>>>', '').replaceAll('<<</context>>>', '') })));
  assert.equal(pairs[0].target, '**Purpose.** Debounces.');
});

test('hover and doc-comment pairs: the editor prompts for a documented name, answered with what it is for', () => {
  const vhdl = textOf('debouncer.vhd');
  const docs = [
    { name: 'btn_in', kind: 'port' as const, doc: 'raw button, asynchronous to clk' },
    { name: 'stable_cnt', kind: 'signal' as const, doc: 'counts clock cycles for which the synchronised input has not changed' },
  ];
  const { pairs, errors } = makePairs([{ id: 'd1', vhdl, explanation: 'x', docs }], () => '', { nameTasks: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(pairs.map((p) => p.task), ['entity', 'hover', 'docComment']);
  const [, hover, doc] = pairs;
  assert.notEqual(hover.name, doc.name, 'two names: each task is about a different one');
  const ws = new Workspace();
  const f = ws.setFile('file:///design/d1.vhd', vhdl);
  const strip = (ms: { role: string; content: string }[]) => ms.map((m) => ({ ...m, content: m.content.replaceAll('<<<context>>>', '').replaceAll('<<</context>>>', '') }));
  for (const p of [hover, doc]) {
    const at = f.text.indexOf(p.name === 'btn_in' ? 'btn_in  :' : 'stable_cnt :');
    const target = HoverExplainer.targetAt(ws, f.uri, f.lines.positionAt(at))!;
    const editor = p.task === 'hover' ? hoverPrompt(ws, f.uri, target.decl, target.decl.nameNode.start) : docCommentPrompt(ws, target.decl);
    assert.deepEqual(p.prompt_messages, strip(editor.messages), `${p.task} pair = the editor's ${p.task} prompt`);
    assert.equal(p.target, p.name === 'btn_in' ? 'Raw button, asynchronous to clk.' : 'Counts clock cycles for which the synchronised input has not changed.');
  }
  // Without nameTasks (held-out designs), or with a name the design does not declare: no silent pairs.
  assert.equal(makePairs([{ id: 'd1', vhdl, explanation: 'x', docs }], () => '').pairs.length, 1);
  const bad = makePairs([{ id: 'd2', vhdl, explanation: 'x', docs: [{ name: 'nope', kind: 'signal', doc: 'a' }] }], () => '', { nameTasks: true });
  assert.deepEqual(bad.errors, ['d2: declared names not found: nope']);
});

test('a documented name keeps its spelling at the start of a sentence', () => {
  assert.equal(sentence('i_data sampled on the rising edge'), 'i_data sampled on the rising edge.');
  assert.equal(sentence('clock; all registers update on its rising edge'), 'Clock; all registers update on its rising edge.');
  assert.equal(sentence('`WIDTH` bits wide.'), '`WIDTH` bits wide.');
});

test('entity and architecture in different files: both in the prompt, links only into the explained file', async () => {
  const { explain } = await import('../../server/src/ide/explain');
  const ws = new Workspace();
  const ent = textOf('debouncer.vhd').split('architecture rtl')[0];
  const arch = 'architecture rtl' + textOf('debouncer.vhd').split('architecture rtl')[1];
  ws.setFile('file:///split/ent.vhd', ent);
  const af = ws.setFile('file:///split/arch.vhd', arch);
  const p = buildPrompt(ws, { kind: 'unit', unit: af.units[0] });
  assert.equal(p.title, 'debouncer (rtl)');
  assert.match(p.messages[1].content, /entity debouncer is[\s\S]*architecture rtl of debouncer is/);
  const a = await explain(ws, { kind: 'unit', unit: af.units[0] });
  assert.match(a.markdown, /\| `btn_out` \| out \|/, 'ports live in the other file: no line link');
  // `btn_out <= btn_state`: a registered output in effect, not combinational logic.
  assert.match(a.markdown, /\| `btn_out` \| out \| `std_logic` \| copy of register btn_state \|/);
  assert.match(a.markdown, /\[btn_out\]\(line:\d+\): a copy of register `btn_state`, from a concurrent assignment/);
  assert.match(a.markdown, /Process \[p_debounce\]\(line:7-24\)/);
});

test('a structural design\'s facts give the clock and reset of its instances, by its own port names', () => {
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf('mac_bank.vhd'))!;
  const p = buildPrompt(ws, { kind: 'unit', unit: f.units.find((u) => u.kind === 'entity' && u.name === 'mac_bank')! });
  const user = p.messages.find((m) => m.role === 'user')!.content;
  assert.match(user, /^- clock: `clk_i` \(rising edge, in instances `u_mac0`, `u_mac1`\)$/m);
  assert.match(user, /^- reset: `rst_i` \(synchronous, active high: '1', in instances `u_mac0`, `u_mac1`\)$/m);
  assert.doesNotMatch(user, /reset: none/);
});

test('"Explain this entity" names the role of a clock or reset input, its own or its instances\'', async () => {
  const { factsSections } = await import('../../server/src/ide/explain');
  const { architectureFacts, entityFacts } = await import('../../server/src/analysis/facts/index');
  const ws = fixtureWorkspace();
  const rows = (file: string, name: string) => {
    const f = ws.getFile(uriOf(file))!;
    const e = f.units.find((u) => u.kind === 'entity' && u.name === name)!;
    return factsSections(entityFacts(ws, e), architectureFacts(ws, ws.architecturesOf(e)[0]), f, () => true).join('\n');
  };
  const deb = rows('debouncer.vhd', 'debouncer');
  assert.match(deb, /\| \[clk\]\(line:13\) \| in \| `std_logic` \| clock \(rising edge\) \|/);
  assert.match(deb, /\| \[rst_n\]\(line:14\) \| in \| `std_logic` \| reset \(asynchronous, active low\) \|/);
  assert.match(deb, /\| \[btn_in\]\(line:15\) \| in \| `std_logic` \| input \|/);
  const bank = rows('mac_bank.vhd', 'mac_bank');
  assert.match(bank, /\| \[clk_i\]\(line:\d+\) \| in \| `std_logic` \| clock \(rising edge\) \|/);
  assert.match(bank, /\| \[rst_i\]\(line:\d+\) \| in \| `std_logic` \| reset \(synchronous, active high\) \|/);
  assert.match(bank, /- Clock `clk_i` \(rising edge, in instances `u_mac0`, `u_mac1`\)/);
});
