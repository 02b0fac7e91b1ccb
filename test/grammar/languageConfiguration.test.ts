// language-configuration.json: its regexes compile as VS Code compiles them (JavaScript RegExp),
// and the indentation rules and word pattern behave on typical VHDL lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync(new URL('../../language-configuration.json', import.meta.url), 'utf8'));
const regex = (r: string | { pattern: string; flags?: string }) => (typeof r === 'string' ? new RegExp(r) : new RegExp(r.pattern, r.flags));

test('comments, brackets and pairs', () => {
  assert.equal(config.comments.lineComment, '--');
  assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
  for (const o of ['(', '[', '"', "'"]) assert.ok(opens.includes(o), `auto-closes ${o}`);
  assert.ok(regex(config.folding.markers.start).test('  -- region ports'));
  assert.ok(regex(config.folding.markers.end).test('-- endregion'));
});

const increase: [string, boolean][] = [
  ['architecture rtl of top is', true],
  ['  p_main : process (clk, rst_n) is', true],
  ['  p_main : process (clk)', true],
  ['  PROCESS', true],
  ['begin', true],
  ['    if rst_n = \'0\' then', true],
  ['      when S_IDLE =>', true],
  ['  g_lanes : for i in 0 to 3 generate', true],
  ['    for i in v\'range loop', true],
  ['  type regs_t is record', true],
  ['  else', true],
  ['entity top is  -- the board', true],
  ['  signal a : std_logic;  -- this is', false],
  ['  q <= a when sel = \'1\' else b;', false],
  ['      when others => null;', false],
  ['  end process;', false],
];

test('increaseIndentPattern', () => {
  const re = regex(config.indentationRules.increaseIndentPattern);
  const wrong = increase.filter(([line, want]) => re.test(line) !== want).map(([line, want]) => `${want ? 'should' : 'should not'} indent after: ${line}`);
  assert.deepEqual(wrong, []);
});

test('decreaseIndentPattern', () => {
  const re = regex(config.indentationRules.decreaseIndentPattern);
  for (const line of ['end process p_main;', '  END IF;', 'begin', '    elsif rising_edge(clk) then', '    else']) assert.ok(re.test(line), line);
  for (const line of ['  ending <= \'1\';', '  q <= a else b;', '  -- end of story']) assert.ok(!re.test(line), line);
});

test('wordPattern takes whole identifiers, extended identifiers and numbers', () => {
  const re = new RegExp(config.wordPattern, 'g');
  assert.deepEqual('sync_ff(1) <= \\odd name\\ + 16 + 2.5e-3;'.match(re), ['sync_ff', '1', '\\odd name\\', '16', '2.5e-3']);
});

test('a --! line continues as a doc comment on Enter', () => {
  const rule = config.onEnterRules.find((r: { beforeText: string }) => regex(r.beforeText).test('  --! the clock'));
  assert.equal(rule?.action.appendText, '--! ');
});
