// The `vhdl-explain` CLI as a process: output formats, exit codes, and no false positives on the GHDL sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { positionOf } from '../analysis/helpers';
import { ensureBuilt, ROOT } from '../lsp/client';

const CLI = join(ROOT, 'dist/cli.js');
const FIX = 'test/fixtures';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  ensureBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Compares with the file beside the fixtures; UPDATE_EXPECT=1 rewrites it (review the diff). */
function expectFile(actual: string, path: string): void {
  const full = join(ROOT, path);
  if (process.env.UPDATE_EXPECT === '1' || !existsSync(full)) writeFileSync(full, actual);
  assert.equal(actual, readFileSync(full, 'utf8'));
}

test('check: file:line:col: severity: message, exit 1 on a syntax error', () => {
  const r = run('check', `${FIX}/analysis`);
  assert.equal(r.code, 1);
  expectFile(r.stdout, `${FIX}/analysis/check.expected`);
  for (const line of r.stdout.trim().split('\n')) assert.match(line, /^test\/fixtures\/analysis\/\w+\.vhd:\d+:\d+: (error|warning): .+$/);
});

test('check: a clean workspace exits 0 and prints nothing', () => {
  const r = run('check', `${FIX}/workspace`);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^5 file\(s\) checked, 0 syntax error\(s\)/);
});

test('check: a missing path and a bad option exit 2', () => {
  assert.equal(run('check', `${FIX}/no-such-dir`).code, 2);
  assert.equal(run('check', `${FIX}/workspace`, '--library', 'oops').code, 2);
  assert.equal(run('check').code, 2);
  assert.equal(run('frobnicate').code, 2);
});

const GHDL = '/usr/lib/ghdl/src';
test('check: the GHDL library sources give no diagnostics, as one library or mapped to ieee/std', { skip: !existsSync(GHDL) && 'GHDL sources not installed' }, () => {
  const plain = run('check', GHDL);
  assert.equal(plain.code, 0);
  assert.equal(plain.stdout, '');
  const mapped = run('check', GHDL, '--library', `std=${GHDL}/std/**`, '--library', `ieee=${GHDL}/**`);
  assert.equal(mapped.code, 0);
  assert.equal(mapped.stdout, '');
  assert.match(mapped.stderr, /^61 file\(s\) checked/);
});

test('symbols --json: the outline with 1-based ranges', () => {
  const r = run('symbols', `${FIX}/workspace/src/counter.vhd`, '--json');
  assert.equal(r.code, 0);
  expectFile(r.stdout, `${FIX}/workspace/counter.symbols.json`);
  const syms = JSON.parse(r.stdout) as { name: string; selectionRange: { line: number; column: number } }[];
  const text = readFileSync(join(ROOT, FIX, 'workspace/src/counter.vhd'), 'utf8');
  const p = positionOf(text, 'counter', 2);
  assert.deepEqual(syms[0].selectionRange, { line: p.line + 1, column: p.character + 1, endLine: p.line + 1, endColumn: p.character + 8 });
});

test('definition FILE:LINE:COL --json: across files, 1-based; exit 1 when nothing is found', () => {
  const top = `${FIX}/workspace/src/top.vhd`;
  const p = positionOf(readFileSync(join(ROOT, top), 'utf8'), 'DATA_WIDTH)');
  const r = run('definition', `${top}:${p.line + 1}:${p.character + 1}`, '--json');
  assert.equal(r.code, 0, r.stderr);
  const q = positionOf(readFileSync(join(ROOT, FIX, 'workspace/src/config_pkg.vhd'), 'utf8'), 'DATA_WIDTH');
  assert.deepEqual(JSON.parse(r.stdout), [
    { file: `${FIX}/workspace/src/config_pkg.vhd`, line: q.line + 1, column: q.character + 1, endLine: q.line + 1, endColumn: q.character + 11 },
  ]);
  const text = run('definition', `${top}:${p.line + 1}:${p.character + 1}`);
  assert.equal(text.stdout, `${FIX}/workspace/src/config_pkg.vhd:${q.line + 1}:${q.character + 1}\n`);
  assert.equal(run('definition', `${top}:1:1`, '--json').code, 1); // `library` keyword
  assert.equal(run('definition', 'nowhere.vhd:1:1').code, 2);
});
