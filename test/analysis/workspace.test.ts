// The workspace index: library mapping, incremental updates, folding, workspace symbols, bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, LibraryMapper } from '../../server/src/analysis/library';
import { Workspace } from '../../server/src/analysis/workspace';
import { definition } from '../../server/src/ide/definition';
import { fileDiagnostics } from '../../server/src/ide/diagnostics';
import { foldingRanges } from '../../server/src/ide/folding';
import { documentSymbols, workspaceSymbols } from '../../server/src/ide/symbols';
import { basicHover } from '../../server/src/ide/basicHover';
import { references } from '../../server/src/ide/references';
import { loadFixture, positionOf } from './helpers';

test('library globs: ** spans folders, * stays in one, {a,b} alternates, case-insensitive', () => {
  const cases: [string, string, boolean][] = [
    ['lib/**', 'lib/a/b/c.vhd', true],
    ['lib/**', 'src/lib/c.vhd', false],
    ['**/ip/*.vhd', 'x/y/ip/core.vhd', true],
    ['**/ip/*.vhd', 'ip/core.vhd', true],
    ['**/ip/*.vhd', 'ip/sub/core.vhd', false],
    ['src/*.{vhd,vhdl}', 'src/A.VHDL', true],
    ['src/?.vhd', 'src/ab.vhd', false],
  ];
  for (const [glob, path, want] of cases) assert.equal(globToRegExp(glob).test(path), want, `${glob} ~ ${path}`);
  const m = new LibraryMapper({ Util: ['lib/**'], ip: ['**/ip/*.vhd'], junk: 'nope' as unknown as string[] });
  assert.equal(m.libraryOf(['/abs/lib/x.vhd', 'lib/x.vhd']), 'util');
  assert.equal(m.libraryOf(['/abs/src/top.vhd', 'src/top.vhd']), 'work');
  assert.equal(new LibraryMapper(undefined).libraryOf(['a.vhd']), 'work');
});

test('edits update the unit index incrementally; other files keep their parse', () => {
  const ws = new Workspace();
  const a = ws.setFile('file:///a.vhd', 'entity a is end entity;');
  const b = ws.setFile('file:///b.vhd', 'architecture rtl of a is begin end architecture;');
  assert.equal(ws.primaryOf(b.units[0])?.file, a);
  // Renaming the entity breaks the pairing without reparsing b.
  ws.setFile('file:///a.vhd', 'entity a2 is end entity;');
  assert.equal(ws.primaryOf(ws.getFile('file:///b.vhd')!.units[0]), undefined);
  assert.equal(ws.getFile('file:///b.vhd'), b);
  assert.equal(ws.findEntity('a2')?.name, 'a2');
  ws.removeFile('file:///a.vhd');
  assert.equal(ws.findEntity('a2'), undefined);
  // Same text again (a file opened as it is on disk) keeps the parsed file.
  const again = ws.setFile('file:///b.vhd', b.text, { version: 3 });
  assert.equal(again, b);
  assert.equal(again.version, 3);
});

test('folding ranges: units, statements, port lists and comment blocks', () => {
  const fx = loadFixture('workspace');
  const folds = foldingRanges(fx.ws, fx.uri('src/counter.vhd'));
  const text = fx.text('src/counter.vhd');
  const line = (needle: string, occ = 1): number => positionOf(text, needle, occ).line;
  const has = (start: number, end: number, kind?: string): boolean => folds.some((f) => f.startLine === start && f.endLine === end && f.kind === kind);
  assert.ok(has(line('entity counter'), line('end entity') - 1), 'entity');
  assert.ok(has(line('tick : process'), line('end process') - 1), 'process');
  assert.ok(has(line('port ('), line('  );', 2) - 1), 'port clause');
  const fx2 = loadFixture('workspace');
  const top = fx2.text('src/config_pkg.vhd');
  assert.ok(foldingRanges(fx2.ws, fx2.uri('src/config_pkg.vhd')).some((f) => f.startLine === positionOf(top, 'package config_pkg').line));
});

test('workspace symbols: fuzzy, across files, no locals', () => {
  const fx = loadFixture('workspace');
  const names = workspaceSymbols(fx.ws, 'dwidth').map((s) => `${s.name}:${s.kind}`);
  assert.deepEqual(names, ['DATA_WIDTH:constant']);
  const counters = workspaceSymbols(fx.ws, 'counter').map((s) => `${s.name}:${s.kind}:${s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1)}`).sort();
  assert.deepEqual(counters, ['counter:class:top.vhd', 'counter:module:counter.vhd']);
  assert.deepEqual(workspaceSymbols(fx.ws, 'tmp'), []);
});

test('bad input never throws: junk, NUL bytes, unclosed comment, deep nesting, empty file', () => {
  const ws = new Workspace();
  let junk = '';
  for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  const texts = [
    junk,
    'entity e is\0 port (a : in bit); end;',
    'architecture a of e is begin /* never closed',
    `architecture a of e is begin x <= ${'('.repeat(10_000)}1${')'.repeat(10_000)}; end;`,
    '',
    'end end end ; ; ( ) entity is of architecture begin process',
  ];
  texts.forEach((t, i) => {
    const uri = `file:///bad${i}.vhd`;
    ws.setFile(uri, t);
    for (let off = 0; off < Math.min(t.length, 400); off += 7) {
      const pos = ws.getFile(uri)!.lines.positionAt(off);
      definition(ws, uri, pos);
      basicHover(ws, uri, pos);
      references(ws, uri, pos, true);
    }
    documentSymbols(ws, uri);
    foldingRanges(ws, uri);
    assert.ok(Array.isArray(fileDiagnostics(ws, uri)));
  });
});
