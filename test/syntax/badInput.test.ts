// Bad input is normal input: the parser never throws, always terminates, keeps every byte, and
// reports something. Random bytes, token soup, huge and deeply nested files, NUL bytes, truncations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, parse, treeText } from '../../server/src/syntax/index';

/** Deterministic xorshift32 generator. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

function check(text: string): ReturnType<typeof parse> {
  const r = parse(text);
  // Concatenating the tokens of the materialized tree gives the text back. (Above a few MB only the
  // root's range is checked, to keep the test light; the smaller inputs cover the tree building.)
  assert.ok(text.length > 4_000_000 ? r.root.text === text : treeText(r.root) === text, 'lossless');
  assert.equal(r.root.start, 0);
  assert.equal(r.root.end, text.length);
  for (const d of r.diagnostics) assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `diagnostic range ${d.start}..${d.end}`);
  return r;
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/syntax/${name}`, import.meta.url), 'utf8');

test('random bytes (fixed seeds)', () => {
  for (const seed of [1, 2, 3, 42]) {
    const next = rng(seed);
    let text = '';
    const codes: number[] = [];
    for (let i = 0; i < 50_000; i++) codes.push(Math.floor(next() * 256));
    text = String.fromCharCode(...codes.slice(0, 25_000)) + String.fromCharCode(...codes.slice(25_000));
    const r = check(text);
    assert.ok(r.diagnostics.length > 0);
  }
});

test('token soup (fixed seeds)', () => {
  const words = [
    'entity', 'architecture', 'is', 'of', 'begin', 'end', 'process', 'if', 'then', 'else', 'elsif', 'case',
    'when', 'others', '=>', 'loop', 'for', 'generate', 'in', 'to', 'downto', 'signal', 'port', 'map', 'generic',
    '(', ')', ';', ':', ',', '.', "'", '<=', ':=', '<<', '>>', 'x', 'y', '1', '10 ns', '"s"', "'0'", 'x"F"',
    'package', 'body', 'function', 'return', 'record', 'units', 'with', 'select', 'block', 'wait', 'until',
    'and', 'or', 'not', '+', '-', '*', '**', '??', '?=', 'new', 'null', 'range', '<>', 'type', 'protected',
    'component', 'configuration', 'use', 'library', 'all', 'force', 'release', '[', ']', 'assert', '\n', '--c\n',
  ];
  for (const seed of [7, 8, 9, 10, 11]) {
    const next = rng(seed);
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(words[Math.floor(next() * words.length)]);
    const r = check(parts.join(' '));
    assert.ok(r.diagnostics.length > 0);
  }
});

test('NUL bytes', () => {
  const r = check('entity e is\0 port (a : in bit);\0\0\nend;\0');
  assert.ok(r.diagnostics.some((d) => d.code === 'syntax/invalid-character'));
  assert.equal(r.root.descendants().next().value?.kind !== undefined, true);
});

test('10,000 levels of nesting stay bounded', () => {
  const n = 10_000;
  const cases = [
    `package p is constant c : integer := ${'('.repeat(n)}1${')'.repeat(n)}; end;`,
    `package p is constant c : integer := ${'f('.repeat(n)}1${')'.repeat(n)}; end;`,
    `package p is constant c : integer := ${'- '.repeat(n)}1; end;`,
    `package p is constant c : integer := ${'('.repeat(n)}1; end;`,
    `package p is constant c : integer := 1${')'.repeat(n)}; end;`,
    `architecture a of e is begin process begin ${'if c then '.repeat(n)}null;${' end if;'.repeat(n)} end process; end;`,
    `architecture a of e is begin ${'b: block begin '.repeat(n)}${' end block;'.repeat(n)} end;`,
    `${'package p is '.repeat(n)}${'end; '.repeat(n)}`,
    `package p is procedure q (${'procedure r ('.repeat(n)}x : bit${')'.repeat(n)}; end;`,
    `package p is constant c : integer := a${'.b'.repeat(n)}; end;`,
    `package p is constant c : integer := a${'(1)'.repeat(n)}; end;`,
  ];
  for (const text of cases) {
    const r = check(text);
    assert.ok(r.diagnostics.length > 0, text.slice(0, 60));
  }
});

/** Deepest node nesting below `root` (iterative). */
function treeDepth(root: ReturnType<typeof parse>['root']): number {
  let max = 0;
  const stack: [typeof root, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.childNodes()) stack.push([c, d + 1]);
  }
  return max;
}

test('long operator chains: nested to the left up to a bound, so recursive consumers stay safe', () => {
  const ok = check(`package p is constant c : bit_vector := a${' & b'.repeat(900)}; end;`);
  assert.deepEqual(ok.diagnostics, []);
  const n = 100_000;
  const cases = [
    `package p is constant c : bit_vector := a${' & b'.repeat(n)}; end;`,
    `package p is constant c : boolean := a${' or b'.repeat(n)}; end;`,
    `package p is constant c : integer := a${' + b - c'.repeat(n)}; end;`,
  ];
  for (const text of cases) {
    const r = check(text);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['syntax/too-deep']);
    assert.ok(treeDepth(r.root) < 1100, `depth ${treeDepth(r.root)}`);
  }
  for (const text of [`package p is constant c : integer := ${'('.repeat(10_000)}1${')'.repeat(10_000)}; end;`, `package p is constant c : integer := a${'.b'.repeat(10_000)}; end;`]) {
    assert.ok(treeDepth(check(text).root) < 2_000);
  }
});

test('a 20 MB file', () => {
  const unit = fixture('concurrent/process.vhd') + fixture('sequential/statements.vhd');
  const copies = Math.ceil((20 * 1024 * 1024) / unit.length);
  const text = unit.repeat(copies) + 'entity broken is port (';
  const r = check(text);
  assert.ok(text.length >= 20 * 1024 * 1024);
  // Only the broken tail is reported: nothing in the 20 MB before it.
  assert.ok(r.diagnostics.length > 0);
  assert.ok(r.diagnostics.every((d) => d.start >= text.length - 30), 'no diagnostics before the broken tail');
});

test('unterminated string, comment and extended identifier at end of file; empty file', () => {
  for (const text of ['entity e is end;\nconstant s : string := "abc', 'entity e is end;\n/* open', 'entity \\open', "x <= '"]) {
    assert.ok(check(text).diagnostics.length > 0, text);
  }
  assert.equal(check('').diagnostics.length, 0);
});

test('every truncation of a fixture parses', () => {
  for (const name of ['units/entity_architecture.vhd', 'concurrent/generate.vhd', 'expressions/names.vhd', 'declarations/types.vhd']) {
    const text = fixture(name);
    for (let cut = 0; cut <= text.length; cut += 3) check(text.slice(0, cut));
  }
});

/** Does line i start a statement or declaration (the previous code line ended one)? */
function startsStatement(lines: string[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const prev = lines[k].replace(/--.*$/, '').trim();
    if (prev === '') continue;
    return /(;|\bbegin|\bis|\bthen|\belse|\bloop|\bgenerate|=>)$/i.test(prev);
  }
  return true;
}

test('a stray token in every statement position is reported on its line, and recovery keeps the rest clean', () => {
  const dir = new URL('../fixtures/syntax/', import.meta.url).pathname;
  const clean = ['units', 'declarations', 'concurrent', 'sequential', 'expressions', 'designs'].flatMap((d) =>
    readdirSync(join(dir, d)).filter((f) => f.endsWith('.vhd')).map((f) => `${d}/${f}`),
  );
  for (const name of clean) {
    const lines = fixture(name).split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() === '' || !startsStatement(lines, i)) continue;
      const indent = /^\s*/.exec(lines[i])![0];
      for (const junk of [']', 'then']) {
        const broken = [...lines.slice(0, i), `${indent}${junk} ${lines[i].slice(indent.length)}`, ...lines.slice(i + 1)].join('\n');
        const r = check(broken);
        const index = new LineIndex(broken);
        assert.ok(r.diagnostics.length > 0, `${name}:${i + 1}: no diagnostic`);
        assert.equal(index.positionAt(r.diagnostics[0].start).line, i, `${name}:${i + 1}: first diagnostic on another line`);
        assert.ok(r.diagnostics.length <= 2, `${name}:${i + 1}: ${r.diagnostics.length} diagnostics for one stray token: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
      }
    }
  }
});
