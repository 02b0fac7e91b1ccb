// "Insert doc comment": exact resulting text for each kind, facts only (no model) and with the test model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBackend } from '../../server/src/llm/index';
import { insertDocComment } from '../../server/src/ide/insertDocComment';
import { positionOf } from '../analysis/helpers';
import { fixtureWorkspace, textOf, TEST_MODEL, uriOf } from './helpers';

/** Applies the edit to the text (the edit is an insertion at a line start). */
function apply(text: string, e: { range: { start: { line: number } }; newText: string }): string {
  const lines = text.split('\n');
  const at = lines.slice(0, e.range.start.line).join('\n').length + (e.range.start.line ? 1 : 0);
  return text.slice(0, at) + e.newText + text.slice(at);
}

async function check(file: string, needle: string, expected: string): Promise<void> {
  const ws = fixtureWorkspace();
  const text = textOf(file);
  const e = await insertDocComment(ws, uriOf(file), positionOf(text, needle));
  assert.ok(e, `no edit at ${needle}`);
  assert.equal(e.modelUsed, false);
  const after = apply(text, e);
  // Only lines were added: removing them gives the original text back.
  assert.equal(after.replace(e.newText, ''), text);
  assert.equal(e.newText, expected);
}

test('signal (register) in the declaration indentation', () =>
  check('debouncer.vhd', 'stable_cnt :', "  --! Register clocked by `clk` (rising edge), reset by `rst_n` (asynchronous, active low: '0').\n  --! Driven by `p_debounce`.\n  --! Read by `p_debounce`.\n"));

test('port, indented inside the port clause', () =>
  check('traffic.vhd', 'green_o : out', '    --! Combinational.\n    --! Driven by `green_o`.\n    --! Never read.\n'));

test('process', () =>
  check('traffic.vhd', 'p_state : process', "  --! Clocked process on `clk_i` (rising edge), reset `rst_i` (synchronous, active high: '1').\n  --! Registers: `state_q`.\n"));

test('entity (facts of its architecture)', () =>
  check('traffic.vhd', 'entity traffic', "--! 0 generics, 6 ports.\n--! Clock: `clk_i` (rising edge).\n--! Reset: `rst_i` (synchronous, active high: '1').\n--! State machine: `state_q` (4 states).\n"));

test('generic', () => check('debouncer.vhd', 'G_STABLE_CYCLES :', '    --! Read by `p_debounce`.\n'));

test('function declaration and body, procedure', async () => {
  await check('util_pkg.vhd', 'parity(v : std_logic_vector) return std_logic;', '  --! Function with parameter `v`, returns `std_logic`.\n');
  await check('util_pkg.vhd', 'parity(v : std_logic_vector) return std_logic is', '  --! Function with parameter `v`, returns `std_logic`.\n');
  await check('util_pkg.vhd', 'clear(signal s : out std_logic_vector);', '  --! Procedure with parameter `s`.\n');
});

test('nothing documentable at a keyword gives no edit', async () => {
  const ws = fixtureWorkspace();
  const text = textOf('debouncer.vhd');
  assert.equal(await insertDocComment(ws, uriOf('debouncer.vhd'), positionOf(text, 'use ieee.numeric_std')), undefined);
});

test('hostile comment text never breaks out of the comment line', async () => {
  const ws = fixtureWorkspace();
  const text = textOf('hostile.vhd');
  const e = await insertDocComment(ws, uriOf('hostile.vhd'), positionOf(text, 'p_t : process'));
  assert.ok(e);
  for (const l of e.newText.split('\n').filter((x) => x)) assert.match(l, /^\s*--! /);
});

test('with the test model: the edit still holds the facts and a checked summary', async () => {
  const ws = fixtureWorkspace();
  const text = textOf('debouncer.vhd');
  const backend = createBackend({ modelDir: TEST_MODEL });
  try {
    const e = await insertDocComment(ws, uriOf('debouncer.vhd'), positionOf(text, 'btn_state  :'), backend);
    assert.ok(e);
    assert.equal(e.modelUsed, true);
    assert.ok(e.grounding);
    assert.match(e.newText, /--! Register clocked by `clk`/);
    for (const l of e.newText.split('\n').filter((x) => x)) assert.match(l, /^  --! \S/);
  } finally {
    await backend.dispose();
  }
});
