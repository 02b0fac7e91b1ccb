// check_text.ts: the grounding check on written text, as the recipe uses it on the experts' explanations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, hoverChecks, reasonShape } from '../../models/recipe/check_text';

const GOLD = join(import.meta.dirname, '../../models/recipe/data/gold');

test('an expert explanation with a planted wrong sentence: only that sentence is reported, with its reason', () => {
  const vhdl = readFileSync(join(GOLD, 'g002_updown_counter.vhd'), 'utf8');
  const md = readFileSync(join(GOLD, 'g002_updown_counter.md'), 'utf8');
  const before = check('g002', vhdl, md);
  const planted = check('g002', vhdl, `${md}\n\n**Notes.** \`r_count\` is purely combinational. The counter runs on the falling edge of \`i_clk\`.`);
  assert.equal(planted.kept, before.kept);
  assert.deepEqual(planted.drops.slice(0, before.drops.length), before.drops);
  assert.deepEqual(planted.drops.slice(before.drops.length).map((d) => d.reason), [
    '`r_count` is a register (clocked), not combinational',
    'the clock `i_clk` is used on its rising edge, not falling',
  ]);
  assert.equal(reasonShape('`o_zero` is not a clock here (clock: i_clk)'), 'X is not a clock here (...)');
});

test('what the expert says a name is for, checked as that name\'s hover: a wrong one planted beside is reported', () => {
  const vhdl = readFileSync(join(GOLD, 'g161_btn_debounce.vhd'), 'utf8');
  const docs = [
    { name: 'stable_cnt', kind: 'signal' as const, doc: 'counts the clocks for which `btn_sync(1)` has differed from the debounced level' },
    { name: 'btn_o', kind: 'port' as const, doc: 'the debounced level' },
    { name: 'btn_i', kind: 'port' as const, doc: 'the shift register' },
    { name: 'clk', kind: 'port' as const, doc: 'synchronous reset, active high' },
  ];
  const r = hoverChecks([{ id: 'g161', source: 'gold', vhdl, meta: { docs } }]);
  assert.equal(r.checked, 4);
  assert.deepEqual(r.drops.map((d) => [d.id, d.reason]), [
    ['g161/btn_i', '`btn_i` is an input port, not a register'],
    ['g161/clk', '`clk` is not a reset (reset: rst_n)'],
  ]);
});
