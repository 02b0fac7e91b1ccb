// Claim-constrained decoding: the scanner's verdicts, split into pieces every way; the refutations the
// server makes from a design's resets; and the engine with the shipped model, which takes its next
// choice where its first would say what the facts refute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CLAIM_START, ClaimConstraint, type ClaimState, type Refutation } from '../../server/src/llm/claimConstraint';
import { generate, validateRequest } from '../../server/src/llm/generate';
import { loadModel } from '../../server/src/llm/model';
import { Workspace } from '../../server/src/analysis/workspace';
import { groundingNames, groundingRefutations, QUOTE_WORDS } from '../../server/src/ide/grounding';
import { buildPrompt } from '../../server/src/ide/prompt';
import { HoverExplainer, hoverPrompt } from '../../server/src/ide/modelHover';
import { breaksAt as breaksAtOf } from './helpers';

const c = new ClaimConstraint([
  { name: 'rst', phrases: ['asynchronous', 'active low', 'active-low'] },
  { name: 'arst_n', phrases: ['synchronous', 'active high'] },
]);

const breaksAt = (text: string, size = 1) => breaksAtOf(c, CLAIM_START, text, size);

const cases: [string, boolean][] = [
  ['`rst` (in std_logic): synchronous reset, active high.', true],
  ['`rst` (in std_logic): asynchronous reset, active high.', false],
  ['The reset `RST` is active low.', false],
  ['A bare word is a name in a name\'s shape only: arst_n is synchronous; the first reset is active low.', false],
  ['The reset rst is active low.', true],
  ['`rst` is synchronous and active-low.', false],
  ['`arst_n` is asynchronous and active low.', true],
  ['`arst_n` is synchronous.', false],
  // The sentence is about the name written last; another sentence is about nothing yet.
  ['`rst` clears the counter. The FIFO is asynchronous.', true],
  ['`rst` clears the counter; an asynchronous FIFO follows.', true],
  ['`rst` clears the counter\nasynchronous', true],
  ['`rst` is synchronous, `arst_n` asynchronous.', true],
  ['`arst_n` is asynchronous, `rst` asynchronous too.', false],
  // A quote naming something else ends what the sentence says about the name; prose words do not.
  ['`rst` clears `cnt`, which is asynchronous.', true],
  ['`rst` clears `cnt(3 downto 0)`; `rst_n = \'0\'` is asynchronous.', true],
  ['`rst = \'1\'` is asynchronous.', false],
  ['`rst` clears the count, which is asynchronous.', false],
  // Only whole words name the subject; a phrase starts a word.
  ['`rst_sync` is asynchronous.', true],
  ['`first` is asynchronous.', true],
  ['`arst_n` is asynchronous, and so are its flops: nonsynchronous is not a word.', true],
  ['`arst_n` is non-synchronous.', false],
  ['`rst` is inactive lower.', true],
];

test('a refuted phrase is not written in a sentence about its name, whatever the split into pieces', () => {
  for (const [text, ok] of cases) {
    for (const size of [1, 2, 3, 5, 8, text.length]) assert.equal(breaksAt(text, size) === -1, ok, `${JSON.stringify(text)} in pieces of ${size}`);
  }
});

test('the phrase is caught at its last character', () => {
  assert.equal(breaksAt('`rst` is asynchronous.'), '`rst` is asynchronous'.length - 1);
  assert.equal(breaksAt('`rst` is active low.'), '`rst` is active low'.length - 1);
});

test('a hover\'s answer is about its object until a sentence names another', () => {
  const h = new ClaimConstraint([{ name: 'rst_n', phrases: ['synchronous', 'active high'] }], 'RST_N');
  const ok = (text: string) => h.advance(h.start(), text) !== undefined;
  assert.equal(ok('Asynchronous reset, active low.'), true);
  assert.equal(ok('Synchronous reset, active low.'), false);
  assert.equal(ok('Asynchronous reset. Active high.'), false, 'every sentence is about it');
  assert.equal(ok('`cnt` is cleared; it is synchronous.'), false, 'a new sentence is about the object again');
  assert.equal(ok('It clears `cnt`, which is synchronous.'), true, 'a sentence that names another name is about that one');
  const none = new ClaimConstraint([{ name: 'rst_n', phrases: ['synchronous'] }]);
  assert.notEqual(none.advance(none.start(), 'Synchronous reset.'), undefined, 'no object: a sentence that names nothing is about nothing');
});

test('a request\'s refutations are checked like its other fields', () => {
  const messages = [{ role: 'user' as const, content: 'x' }];
  validateRequest({ messages, refutations: [{ name: 'rst', phrases: ['asynchronous'] }] });
  for (const refutations of [[{ name: 'rst' }], [{ name: 3, phrases: [] }], [{ name: 'rst', phrases: [1] }], 'rst', [null]]) {
    assert.throws(() => validateRequest({ messages, refutations: refutations as unknown as Refutation[] }), /refutations must be/);
  }
  assert.throws(() => validateRequest({ messages, refutations: [], refutationSubject: 3 as unknown as string }), /refutationSubject must be/);
});

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', name), 'utf8');

test('a design\'s clocks are refuted the other edge, its resets the other kind and level, its names what they are not declared as', () => {
  const ws = new Workspace();
  const file = ws.setFile('file:///debouncer.vhd', fixture('debouncer.vhd'));
  const g = buildPrompt(ws, { kind: 'unit', unit: file.units[0] }, { task: 'entity' }).grounding;
  const of = (rs: Refutation[], name: string) => rs.filter((r) => r.name.toLowerCase() === name);
  const rs = groundingRefutations(g);
  const phrases = (name: string) => of(rs, name).flatMap((r) => r.phrases);
  assert.deepEqual(of(rs, 'clk')[0], { name: 'clk', phrases: ['falling edge', 'falling-edge', 'falling_edge'] });
  assert.deepEqual(of(rs, 'rst_n').slice(0, 2), [
    { name: 'rst_n', phrases: ['synchronous', 'sync reset'], unless: ['releas', 'deassert', 'de-assert'] },
    { name: 'rst_n', phrases: ['active high', 'active-high'] },
  ]);
  // A register is not called combinational; a copy of a register may be called either.
  assert.ok(phrases('stable_cnt').includes('is combinational') && !phrases('stable_cnt').includes('is registered'));
  assert.ok(!phrases('btn_out').some((p) => /combinational|register/.test(p)), 'btn_out copies a register');
  // No role is refuted (its other answers are open): the model's next choices were other ports' descriptions.
  for (const name of ['clk', 'rst_n', 'btn_in', 'stable_cnt']) assert.ok(!phrases(name).some((p) => /^\)|clock|is (?:the|a) reset/.test(p)), name);
  // Ports of mode in, out; a signal; a generic.
  assert.deepEqual(of(rs, 'btn_in').find((r) => r.words)?.words, ['(inout', '(out', 'is an output', '(buffer', '(generic', 'is a generic']);
  assert.deepEqual(of(rs, 'btn_out').find((r) => r.words)?.words, ['(in', 'is an input', '(buffer', '(generic', 'is a generic']);
  assert.deepEqual(of(rs, 'stable_cnt').find((r) => r.words)?.words, ['(in', 'is an input', '(out', 'is an output', '(buffer', '(generic', 'is a generic']);
  assert.deepEqual(of(rs, 'g_stable_cycles').find((r) => r.words)?.words, ['(in', 'is an input', '(out', 'is an output', '(buffer']);
  // In "Explain this entity", a name that is not the entity's own port or generic takes no mode at all.
  assert.deepEqual(of(rs, 'p_debounce').find((r) => r.words)?.words, ['(in', 'is an input', '(out', 'is an output', '(buffer', '(generic', 'is a generic']);
  const mac = ws.setFile('file:///mac_bank.vhd', fixture('mac_bank.vhd'));
  const top = mac.units.find((u) => u.name === 'mac_bank')!;
  const srst = of(groundingRefutations(buildPrompt(ws, { kind: 'unit', unit: top }, { task: 'entity' }).grounding), 'srst');
  assert.ok(srst[0].words?.includes('(in'), 'a port of an instantiated entity is not one of this interface');
  const both = ws.setFile('file:///both.vhd', `library ieee; use ieee.std_logic_1164.all;
entity both is port (clk, rst, d : in std_logic; q1, q2 : out std_logic); end entity;
architecture rtl of both is begin
  process (clk, rst) begin if rst = '1' then q1 <= '0'; elsif rising_edge(clk) then q1 <= d; end if; end process;
  process (clk) begin if rising_edge(clk) then if rst = '1' then q2 <= '0'; else q2 <= d; end if; end if; end process;
end architecture;`);
  const rs2 = groundingRefutations(buildPrompt(ws, { kind: 'unit', unit: both.units[0] }, { task: 'entity' }).grounding);
  assert.deepEqual(of(rs2, 'rst')[0], { name: 'rst', phrases: ['active low', 'active-low'] }, 'used both ways: no kind refuted');
  assert.ok(!of(rs2, 'rst').some((r) => r.phrases.some((p) => /synchronous$/.test(p))), 'used both ways: no kind refuted');
  const ddr = ws.setFile('file:///ddr.vhd', `library ieee; use ieee.std_logic_1164.all;
entity ddr is port (clk, d : in std_logic; q1, q2 : out std_logic); end entity;
architecture rtl of ddr is begin
  process (clk) begin if rising_edge(clk) then q1 <= d; end if; end process;
  process (clk) begin if falling_edge(clk) then q2 <= d; end if; end process;
end architecture;`);
  const rs3 = groundingRefutations(buildPrompt(ws, { kind: 'unit', unit: ddr.units[0] }, { task: 'entity' }).grounding);
  assert.ok(!of(rs3, 'clk').some((r) => r.phrases.some((p) => /edge/.test(p))), 'both edges: no edge refuted');
});

test('a refuted word ends where the word does; words before a phrase may lift it', () => {
  const w = new ClaimConstraint([
    { name: 'q', phrases: [], words: ['(in', 'is an input'] },
    { name: 'arst', phrases: ['synchronous'], unless: ['releas'] },
  ]);
  const ok = (text: string, pieces: string[] = [text]) => {
    let s: ClaimState | undefined = CLAIM_START;
    for (const p of pieces) if (s) s = w.advance(s, p);
    return s !== undefined;
  };
  assert.equal(ok('`q` (in std_logic)'), false);
  assert.equal(ok('`q` (index width)'), true);
  assert.equal(ok('`q` (input bits)', ['`q` (', 'input', ' bits)']), true, 'one piece: a whole word that goes on');
  assert.equal(ok('`q` (in', ['`q` (', 'in']), false, 'a piece that ends on the refuted word ends it');
  assert.equal(ok('`q` (in', ['`q` (', 'in', 'dex']), false);
  assert.equal(ok('`q` is an input.'), false);
  assert.equal(ok('`arst` is synchronous.'), false);
  assert.equal(ok('`arst` is asserted asynchronously and released synchronously.'), true);
  assert.equal(ok('`arst` is synchronous and released.'), false, 'only words before the phrase lift it');
  const t = new ClaimConstraint([{ name: 'rst', phrases: ['asynchronous'] }, { name: 'std_logic', phrases: [], words: ['(in'], quotedOnly: true }]);
  assert.equal(t.advance(CLAIM_START, '`rst` (in std_logic): asynchronous reset.'), undefined, 'a type named bare is not what the sentence is about');
  assert.equal(t.advance(CLAIM_START, '`std_logic` (in bits)'), undefined, 'quoted, it is');
});

test('with the shipped model, a refuted phrase gives way to the model\'s next choice', async () => {
  // Model-independent: what the model writes about a reset unconstrained is then refuted, and the
  // constrained answer must not write it about that reset, and must still say something. Two prompts,
  // in order, the first in which the model says a reset's kind or level: "Explain this entity" of
  // mac_bank (sentences that name rst_i), the hover of debouncer's rst_n (every sentence is about it).
  const cases = [
    { file: 'mac_bank.vhd', reset: 'rst_i', hoverAt: undefined },
    { file: 'debouncer.vhd', reset: 'rst_n', hoverAt: 'rst_n   :' },
  ];
  const model = await loadModel(join(import.meta.dirname, '..', '..', 'models', 'default'), { threads: 1 });
  const answers: string[] = [];
  try {
    for (const c of cases) {
      const ws = new Workspace();
      const text = fixture(c.file);
      const file = ws.setFile(`file:///${c.file}`, text);
      const target = c.hoverAt ? HoverExplainer.targetAt(ws, file.uri, file.lines.positionAt(text.indexOf(c.hoverAt))) : undefined;
      const p = target ? hoverPrompt(ws, file.uri, target.decl, target.offset) : buildPrompt(ws, { kind: 'unit', unit: file.units[0] }, { task: 'entity' });
      const req = { messages: p.messages, maxTokens: target ? 60 : 200, names: groundingNames(p.grounding), quoteWords: QUOTE_WORDS,
        ...(target ? { refutationSubject: c.reset } : {}) };
      const free = await generate(model, req);
      answers.push(free.text);
      const about = free.text.split(/(?<=[.;])\s+|\n+/).filter((s) => target || new RegExp(`\\b${c.reset}\\b`).test(s));
      const said = [...new Set(about.flatMap((s) => s.toLowerCase().match(/\b(?:a?synchronous|active[- ](?:high|low))\b/g) ?? []))];
      if (said.length === 0) continue;
      const refutations = [{ name: c.reset, phrases: said }];
      const held = await generate(model, { ...req, refutations });
      assert.notEqual(held.text, free.text);
      const s = new ClaimConstraint(refutations, target ? c.reset : '').advance(CLAIM_START, held.text);
      assert.ok(s, `a refuted phrase was written about ${c.reset}: ${held.text}`);
      assert.ok(held.text.trim().length > 20, held.text);
      return;
    }
    assert.fail(`the model says nothing of a reset's kind or level in any of the prompts: ${JSON.stringify(answers)}`);
  } finally {
    await model.decoder.release();
  }
});
