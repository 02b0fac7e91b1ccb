// Name-constrained decoding: the scanner's verdicts on answers, split into pieces every way, the
// sampler's use of it, and the engine with the shipped model: every quoted name is a design name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { NameConstraint, START, tokenPieces } from '../../server/src/llm/nameConstraint';
import { sampleToken, seededRandom } from '../../server/src/llm/sampler';
import { generate } from '../../server/src/llm/generate';
import { loadModel } from '../../server/src/llm/model';
import { readFileSync } from 'node:fs';
import { Workspace } from '../../server/src/analysis/workspace';
import { groundingNames, identifierCandidates, QUOTE_WORDS } from '../../server/src/ide/grounding';
import { buildPrompt } from '../../server/src/ide/prompt';
import { breaksAt as breaksAtOf } from './helpers';

// The design's names, and reserved words of expressions as the server gives them (quote words: not first in a quote).
const c = new NameConstraint(['clk_i', 'Clk_I', 'rst_n', 'cnt', 'state', 'IDLE', 'std_logic', 'x_q'], ['downto', 'others', 'and', 'not']);

const breaksAt = (text: string, size = 1) => breaksAtOf(c, START, text, size);

const cases: [string, boolean][] = [
  ['The counter `cnt` counts on `clk_i`.', true],
  ['`CNT`, `cnt` and `Clk_I` are spellings of given names.', true],
  ['`CLk_i` is nobody\'s spelling.', false],
  ['Words without an inner underscore are prose, whatever their case: NAtural.', true],
  ['`cnt(3 downto 0)`, `cnt\'high`, `state.idle` name their base.', true],
  ['Literals are free: `\'1\'`, `(others => \'0\')`, `x"FF"`, `16#FF#`.', true],
  ['Plain prose words are free, and so are known names: rst_n resets.', true],
  ['Prose names an invented `count_q` register.', false],
  ['The bare word count_q is invented.', false],
  ['`cn` is a prefix, not a name.', false],
  ['`x` alone is not a name here.', false],
  ['An empty quote `` does not open a way out: `made_up`.', false],
  ['Trailing underscores are not names: foo_ bar.', true],
  ['Letters and digits make a name: taps32 is one.', false],
  ['So does camelCase: byEPchFS is one, and so is dataValid.', false],
  ['Capitals alone do not: Data, FIFO and AXI are words.', true],
  ['Short ones do not: x2, 8N1, 16 bit, 32-bit.', true],
  ['A name starts at a letter: 8bit_x holds bit_x.', false],
  ['An open quote may stay open: `cn', true],
  ['A quote starts at its backtick: ` 11` is not one.', false],
  ['An empty quote `` is not written.', false],
  ['Nor is ` cnt` with a blank before the name.', false],
  ['A stray backtick does not make prose a literal: `. There is no made_up here.`', false],
  ['A quote is a name or an expression, not a paragraph: `cnt + 1 and then the counter goes on counting for a long time`.', false],
  ['Expressions are fine: `cnt(3 downto 0)`, `-1`, `"0101"`, `rst_n and not cnt\'high`.', true],
  ['A quote does not end with a blank: `cnt and ` edge.', false],
  ['Nor run past a sentence: `cnt or abs. `rst_n` follows.', false],
  ['Arguments are fine: `std_logic(cnt, 8)`.', true],
  ['A quote does not start with a reserved word: `downto` is high.', false],
  ['Nor is one a name: `NAND` is the data width.', false],
  ['Every word of a quote is held, not only the first: `cnt is the counter`.', false],
  ['A quote opened on a reserved word does not run on as prose: `others are zero`.', false],
  // The shipped model of session 5 wrote `D". ` and `D".\n\n**Behaviour.** `: a decimal bit-string literal's start,
  // never closed, then prose, closed by the next backtick.
  ['A quote does not close inside a literal: `D". ` is not one.', false],
  ['A quote is one line: `D".\n\n**Behaviour.** ` is not one.', false],
  ['Closed literals still are: `D"12"`, `x"0F"`.', true],
  // Session 8's shipped model wrote `fall_pulse.cnt`, `integer's`, `abs:'spuT` and `1aturate`.
  ['A field is a name too: `state.made` is not one.', false],
  ['Selected names may end in all: `state.all`.', true],
  ['A quote does not close on a dot that selects nothing: `state.`.', false],
  ['A literal holds no prose: `cnt = o" into the counter. When` is not one.', false],
  ['Nor a sized one: `1d", one clock per clock; made_up`.', false],
  ['Strings hold a few characters: `state = "IDLE"`, `"ZZ--"`, `b"01_10"`, `x"0F"`, `12D"99"`.', true],
  ['A bit string holds its base\'s digits: `d"Bpendsen"` is not one.', false],
  ['Nor `b"A_Wr"`.', false],
  ['A string follows no name: `cnt"Bout"`.', false],
  ['Nor holds a sentence: `"the counter is full"`.', false],
  ['No name starts with an underscore: `cnt(integer:_Write`.', false],
  ['Nor on a tick: `cnt\'`.', false],
  ['A tick after a name is a predefined attribute: `cnt\'HIGH`, `state\'length`.', true],
  ['Not a possessive: `cnt\'s` value.', false],
  ['Nor a tick after anything else: `cnt:\'spuT`.', false],
  ['A number runs into no word: `1aturate`.', false],
  ['Nor does C write VHDL: `0x0`.', false],
  ['Exponents and sized bit strings are literals: `1e6`, `8x"FF"`, `12UB"101"`, `cnt + 1_000`.', true],
  // Session 10's 25M model, its first choices refused, wrote `CLK_I and 5-1 downto 0))));else;`, `X"BA3".:`,
  // `0 ..S-1` and `400) and,,,`: an expression's structure holds in a quote.
  ['A quote ends no statement: `cnt;`.', false],
  ['Nor declares: `cnt : std_logic`.', false],
  ['An assignment is an expression: `cnt := cnt`, `state <= IDLE`.', true],
  ['Parentheses nest: `cnt(3 downto 0))`.', false],
  ['And close: `std_logic(cnt`.', false],
  ['Nor close before they open: `cnt) and (rst_n`.', false],
  ['No empty list item: `std_logic(cnt,, 8)`, nor `std_logic(cnt, )`.', false],
  ['Nor a range in dots: `cnt ..state`.', false],
  ['No brackets: `cnt[3]`.', false],
];

test('quoted names and snake_case words must be known names, whatever the split into pieces', () => {
  for (const [text, ok] of cases) {
    const whole = breaksAt(text, text.length);
    for (const size of [1, 2, 3, 5, 8]) assert.equal(breaksAt(text, size) === -1, ok, `${JSON.stringify(text)} in pieces of ${size}`);
    assert.equal(whole === -1, ok, JSON.stringify(text));
  }
});

test('the answer may not end inside a name or a quote that is not one yet', () => {
  const c = new NameConstraint(['cnt', 'sync_ff']);
  const at = (text: string) => c.advance(START, text)!;
  assert.equal(c.canEnd(at('Counts in `cnt`.')), true);
  assert.equal(c.canEnd(at('Counts in sync_ff')), true);
  assert.equal(c.canEnd(at('Counts in sync_f')), false, 'a held word, only a prefix');
  assert.equal(c.canEnd(at('Counts in `sync_f')), false, 'a quote, only a prefix');
  assert.equal(c.canEnd(at('Counts in `cnt')), true, 'a whole name, the quote left open');
  assert.equal(c.canEnd(at('Counts in syn')), true, 'a prose word');
});

test('a broken piece is caught at the first character that cannot lead to a name', () => {
  assert.equal(breaksAt('Uses `count`.'), 'Uses `co'.length - 1, '`c` starts cnt and clk_i, `co` nothing');
  assert.equal(breaksAt('Uses `cnts`.'), 'Uses `cnts'.length - 1);
  assert.equal(breaksAt('Uses `cnt`s.'), -1, 'after the closing quote it is prose again');
});

test('token pieces keep the space a token starts with', () => {
  const vocab = ['a', ' b', 'c'];
  const decode = (ids: number[]) => ids.map((i) => vocab[i]).join('').replace(/^ /, '');
  assert.deepEqual(tokenPieces(3, decode, 0), ['a', ' b', 'c']);
});

test('the sampler takes the best allowed token, greedy or sampled', () => {
  const greedy = { temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1 };
  const logits = () => Float32Array.from([1, 3, 2.9, -1, 0.5]);
  assert.equal(sampleToken(logits(), greedy, Math.random, [], (id) => id !== 1), 2);
  assert.equal(sampleToken(logits(), greedy, Math.random, [], (id) => id === 3), 3, 'far below the best, still chosen');
  assert.equal(sampleToken(logits(), greedy, Math.random, [], () => false), 1, 'nothing allowed: the rule is dropped');
  const rnd = seededRandom(3);
  const hot = { temperature: 2, topK: 0, topP: 1, repetitionPenalty: 1 };
  for (let i = 0; i < 500; i++) assert.ok([0, 4].includes(sampleToken(logits(), hot, rnd, [], (id) => id === 0 || id === 4)));
});

test('with the shipped model, every name of a constrained answer is a design name', async () => {
  // The debouncer fixture: unconstrained, this model describes it with names from its training designs.
  const ws = new Workspace();
  const file = ws.setFile('file:///debouncer.vhd', readFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', 'debouncer.vhd'), 'utf8'));
  const p = buildPrompt(ws, { kind: 'unit', unit: file.units[0] }, { task: 'entity' });
  const names = groundingNames(p.grounding);
  const model = await loadModel(join(import.meta.dirname, '..', '..', 'models', 'default'), { threads: 1 });
  try {
    for (const seed of [0, 1, 2]) {
      const r = await generate(model, { messages: p.messages, maxTokens: 160, names: process.env.NO_NAMES ? undefined : names, quoteWords: QUOTE_WORDS, temperature: seed ? 0.9 : 0, seed });
      // An answer cut off at maxTokens may end inside a name: that last word is a prefix of one, not yet whole.
      // Inside a quote still open there (the grounding check drops an unclosed quote), its words are
      // held as a quote's, literals free: only the closed part is compared.
      let text = r.finishReason === 'length' ? r.text.replace(/[A-Za-z0-9_]+$/, '') : r.text;
      if (r.finishReason === 'length' && (text.match(/`/g) ?? []).length % 2) text = text.slice(0, text.lastIndexOf('`'));
      const bad = identifierCandidates(text).filter((n) => !names.includes(n.toLowerCase()) && !QUOTE_WORDS.includes(n.toLowerCase()));
      assert.deepEqual(bad, [], r.text);
    }
  } finally {
    await model.decoder.release();
  }
});

test('the names offered to the engine are the design\'s, not every standard name, its libraries and packages, nor a reserved word', () => {
  const ws = new Workspace();
  const file = ws.setFile('file:///debouncer.vhd', readFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', 'debouncer.vhd'), 'utf8'));
  const names = groundingNames(buildPrompt(ws, { kind: 'unit', unit: file.units[0] }, { task: 'entity' }).grounding);
  for (const n of ['stable_cnt', 'btn_in', 'clk', 'std_logic', 'unsigned']) assert.ok(names.includes(n), n);
  // Offered, a small model wrote these where nothing called for them (`NAND` as a signal, `disconnect with ...`,
  // "`NUMERIC_STD` is the width", "`ieee` is an output").
  for (const n of ['name_error', 'x01z', 'int8', 'read_mode', 'nak', 'shared', 'disconnect', 'downto', 'nand', 'ieee', 'numeric_std', 'std_logic_1164']) assert.ok(!names.includes(n), n);
  // The reserved words of expressions come separately, for inside a quote.
  for (const n of ['downto', 'others', 'and', 'not']) assert.ok(QUOTE_WORDS.includes(n), n);
});
