// Grammar tests: syntaxes/vhdl.tmLanguage.json compiles under Oniguruma, and sample lines get the
// scopes a theme needs (checked token by token, located by text), plus a reviewed snapshot of a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import { grammarPath, loadGrammar, loadOniguruma, renderTokens, tokenize, type Token } from './tokenize';

const fixture = new URL('../fixtures/grammar/sample.vhd', import.meta.url).pathname;
const update = process.env.UPDATE_EXPECT === '1';

/** Every regex in the grammar (match, begin, end, while), with its JSON path. */
function regexes(node: unknown, path: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(node)) node.forEach((n, i) => regexes(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') out.push([`${path}.${k}`, v]);
      else regexes(v, `${path}.${k}`, out);
    }
  }
  return out;
}

test('grammar JSON is well formed and every regex compiles under Oniguruma', async () => {
  const raw = JSON.parse(readFileSync(grammarPath, 'utf8'));
  assert.equal(raw.scopeName, 'source.vhdl');
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const contributed = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'vhdl');
  assert.equal(contributed.scopeName, raw.scopeName, 'package.json contributes the same scope name');
  await loadOniguruma();
  const all = regexes(raw, '$', []);
  assert.ok(all.length > 40, `found ${all.length} regexes`);
  const failures: string[] = [];
  for (const [path, re] of all) {
    try {
      new oniguruma.OnigScanner([re]).dispose();
    } catch (e) {
      failures.push(`${path}: ${String(e)}`);
    }
  }
  assert.deepEqual(failures, []);
  // Every include points at a repository entry.
  for (const [, ref] of JSON.stringify(raw).matchAll(/"include":"#([^"]+)"/g)) assert.ok(raw.repository[ref], `#${ref} exists`);
});

/** Finds the token spelled `text` on the first line that contains `lineText` (nth match on it, 0-based). */
function tokenOn(tokens: Token[], source: string, lineText: string, text: string, nth = 0): Token {
  const lineNo = source.split('\n').findIndex((l) => l.includes(lineText));
  assert.ok(lineNo >= 0, `no line contains ${JSON.stringify(lineText)}`);
  const found = tokens.filter((t) => t.line === lineNo && t.text === text);
  assert.ok(found[nth], `no token ${JSON.stringify(text)} on line ${lineNo + 1}: ${tokens.filter((t) => t.line === lineNo).map((t) => JSON.stringify(t.text)).join(' ')}`);
  return found[nth];
}

// [line containing, token text, expected innermost scope prefix]
const cases: [string, string, string][] = [
  ['--! Debounces', '--!', 'punctuation.definition.comment.vhdl'],
  ['--! Debounces', ' Debounces a push button: the output follows the input once it has been stable.', 'comment.line.double-dash.documentation.vhdl'],
  ['library ieee;', 'library', 'keyword.other.vhdl'],
  ['library ieee;', 'ieee', 'entity.name.namespace.vhdl'],
  ['use ieee.numeric_std.all;', 'use', 'keyword.other.vhdl'],
  ['use ieee.numeric_std.all;', 'all', 'keyword.other.vhdl'],
  ['context project_ctx is', 'context', 'keyword.other.vhdl'],
  ['context project_ctx is', 'project_ctx', 'entity.name.type.context.vhdl'],
  ['entity debounce is', 'debounce', 'entity.name.type.entity.vhdl'],
  ['G_CYCLES : positive', 'positive', 'support.type.vhdl'],
  ['G_CYCLES : positive', '16#FF#', 'constant.numeric.based.vhdl'],
  ['G_CYCLES : positive', ' based literal', 'comment.line.double-dash.vhdl'],
  ['G_DELAY  : time', '10', 'constant.numeric.decimal.vhdl'],
  ['G_DELAY  : time', 'ns', 'keyword.other.unit.time.vhdl'],
  ['clk_i   : in  std_logic;', 'in', 'storage.modifier.vhdl'],
  ['clk_i   : in  std_logic;', 'std_logic', 'support.type.vhdl'],
  ['btn_o   : out std_logic', 'out', 'storage.modifier.vhdl'],
  ['end entity debounce;', 'end', 'keyword.other.vhdl'],
  ['end entity debounce;', 'debounce', 'entity.name.label.end.vhdl'],
  ['architecture rtl of debounce is', 'rtl', 'entity.name.type.architecture.vhdl'],
  ['architecture rtl of debounce is', 'debounce', 'entity.name.type.entity.vhdl'],
  ['signal cnt  : unsigned', 'signal', 'storage.type.vhdl'],
  ['signal cnt  : unsigned', 'unsigned', 'support.type.vhdl'],
  ['signal cnt  : unsigned', 'downto', 'keyword.other.vhdl'],
  ['signal cnt  : unsigned', "'0'", 'string.quoted.single.vhdl'],
  ['signal cnt  : unsigned', 'others', 'keyword.other.vhdl'],
  ['signal cnt  : unsigned', '=>', 'keyword.operator.association.vhdl'],
  ['signal cnt  : unsigned', ':=', 'keyword.operator.assignment.vhdl'],
  ['constant C_MASK', '12', 'constant.numeric.integer.length.vhdl'],
  ['constant C_MASK', 'UX', 'storage.type.base.vhdl'],
  ['constant C_MASK', 'F0', 'string.quoted.double.bit-string.vhdl'],
  ['constant C_BITS', '1010_0101', 'string.quoted.double.bit-string.vhdl'],
  ['constant C_REAL', '2.5e-3', 'constant.numeric.float.vhdl'],
  ['/* a block', '/*', 'punctuation.definition.comment.begin.vhdl'],
  ['     comment */', '     comment ', 'comment.block.vhdl'],
  ['type state_t is', 'state_t', 'entity.name.type.vhdl'],
  ['type state_t is', '\\odd name\\', 'variable.other.extended.vhdl'],
  ['shared variable v', 'shared', 'storage.type.vhdl'],
  ['p_main: process', 'p_main', 'entity.name.label.vhdl'],
  ['p_main: process', 'process', 'keyword.other.vhdl'],
  ["if rst_n_i = '0' then", 'if', 'keyword.control.vhdl'],
  ["if rst_n_i = '0' then", "'0'", 'string.quoted.single.vhdl'],
  ["if rst_n_i = '0' then", 'then', 'keyword.control.vhdl'],
  ["elsif rising_edge(clk_i) and clk_i'event", 'rising_edge', 'support.function.vhdl'],
  ["elsif rising_edge(clk_i) and clk_i'event", 'and', 'keyword.operator.logical.vhdl'],
  ["elsif rising_edge(clk_i) and clk_i'event", "'", 'punctuation.separator.attribute.vhdl'],
  ["elsif rising_edge(clk_i) and clk_i'event", 'event', 'entity.other.attribute-name.vhdl'],
  ["for i in sync'range loop", 'range', 'entity.other.attribute-name.vhdl'],
  ["for i in sync'range loop", 'loop', 'keyword.control.vhdl'],
  ['sync <= sync(0) & btn_i;', '<=', 'keyword.operator.assignment.vhdl'],
  ['sync <= sync(0) & btn_i;', '&', 'keyword.operator.concatenation.vhdl'],
  ['cnt <= cnt + 1 after 2.5 ns;', '2.5', 'constant.numeric.decimal.vhdl'],
  ['cnt <= cnt + 1 after 2.5 ns;', 'after', 'keyword.control.vhdl'],
  ['assert cnt /= 0', '/=', 'keyword.operator.comparison.vhdl'],
  ['assert cnt /= 0', '""', 'constant.character.escape.vhdl'],
  ['assert cnt /= 0', 'note', 'constant.language.severity.vhdl'],
  ['end process p_main;', 'p_main', 'entity.name.label.end.vhdl'],
  ['u_sub: entity work.leaf(rtl)', 'u_sub', 'entity.name.label.vhdl'],
  ['u_sub: entity work.leaf(rtl)', 'work', 'entity.name.namespace.vhdl'],
  ['u_sub: entity work.leaf(rtl)', 'leaf', 'entity.name.type.entity.vhdl'],
  ['u_sub: entity work.leaf(rtl)', 'rtl', 'entity.name.type.architecture.vhdl'],
  ['port map (a => sync(1), b => open);', 'open', 'keyword.other.vhdl'],
  ["btn_o <= std_logic'('1')", "'", 'punctuation.separator.qualified.vhdl'],
  ["btn_o <= std_logic'('1')", "'1'", 'string.quoted.single.vhdl'],
  ["btn_o <= std_logic'('1')", '?=', 'keyword.operator.comparison.matching.vhdl'],
  ["btn_o <= std_logic'('1')", 'x', 'storage.type.base.vhdl'],
  ['force_it: if G_CYCLES', 'force_it', 'entity.name.label.vhdl'],
  ['force_it: if G_CYCLES', 'generate', 'keyword.control.vhdl'],
  ["btn_o <= force '1';", 'force', 'keyword.other.vhdl'],
  ['type counter_t is protected', 'protected', 'keyword.other.vhdl'],
  ['impure function value', 'impure', 'storage.modifier.vhdl'],
  ['impure function value', 'value', 'entity.name.function.vhdl'],
  ['procedure incr;', 'incr', 'entity.name.function.vhdl'],
  ['package counters is', 'counters', 'entity.name.type.package.vhdl'],
];

test('sample lines get the expected scopes', async () => {
  const grammar = await loadGrammar();
  const source = readFileSync(fixture, 'utf8');
  const tokens = tokenize(grammar, source);
  const wrong: string[] = [];
  for (const [lineText, text, scope] of cases) {
    const t = tokenOn(tokens, source, lineText, text);
    const inner = t.scopes[t.scopes.length - 1] ?? '';
    if (!inner.startsWith(scope)) wrong.push(`${JSON.stringify(text)} on "${lineText}": got ${t.scopes.join(' ')}, want ${scope}`);
  }
  assert.deepEqual(wrong, []);
});

test('a character literal right after a keyword is not taken for an attribute', async () => {
  const grammar = await loadGrammar();
  const source = "case s is when '1' => x <= a'length; end case;";
  const tokens = tokenize(grammar, source);
  assert.ok(tokenOn(tokens, source, 'case', "'1'").scopes.includes('string.quoted.single.vhdl'));
  assert.ok(tokenOn(tokens, source, 'case', 'length').scopes.includes('entity.other.attribute-name.vhdl'));
});

test('an unterminated string ends at the end of its line', async () => {
  const grammar = await loadGrammar();
  const source = 'report "oops\nsignal s : bit;';
  const tokens = tokenize(grammar, source);
  assert.ok(tokenOn(tokens, source, 'signal s', 'signal').scopes.includes('storage.type.vhdl'));
});

test('grammar snapshot of test/fixtures/grammar/sample.vhd', async () => {
  const grammar = await loadGrammar();
  const snapshot = renderTokens(tokenize(grammar, readFileSync(fixture, 'utf8')));
  const expectFile = fixture.replace(/\.vhd$/, '.tokens');
  if (update || !existsSync(expectFile)) {
    writeFileSync(expectFile, snapshot);
    if (!update) assert.fail('sample.tokens was missing and has been written; review it');
    return;
  }
  assert.equal(snapshot, readFileSync(expectFile, 'utf8'));
});
