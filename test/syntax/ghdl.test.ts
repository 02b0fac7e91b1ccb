// Cross-checks the fixtures against GHDL as a reference parser (`ghdl -i --std=08` parses only):
// a fixture GHDL accepts must give no diagnostics here, and one GHDL rejects must give some;
// for a few broken inputs the first error is on the same line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LineIndex, parse } from '../../server/src/syntax/index';

const root = new URL('../fixtures/syntax/', import.meta.url).pathname;
const hasGhdl = spawnSync('ghdl', ['--version']).status === 0;

/** Valid VHDL-2008 that GHDL 2.0 rejects; each was checked against the LRM. */
const GHDL_GAPS: Record<string, string> = {
  'concurrent/assignments.vhd': 'GHDL 2.0 does not take `select?` in a concurrent selected assignment (LRM 11.6)',
  'concurrent/instantiation.vhd': 'GHDL 2.0 does not take an `inertial` actual in a port map (LRM 6.5.7.1)',
  'declarations/objects.vhd': 'the VHDL-87 `file f : t is in "name"` form: GHDL rejects it under --std=08, we accept every standard',
  'expressions/names.vhd': 'GHDL 2.0 does not take a generate index in an external pathname `dut.gen(3).u.s` (LRM 8.7)',
  'sequential/statements.vhd': 'GHDL 2.0 does not take sequential selected assignments `with s select v := ...` (LRM 10.5.4)',
  'units/packages.vhd': 'GHDL 2.0 does not take an interface subprogram default `is <>` (LRM 6.5.6.2)',
  'lexical/case_and_identifiers.vhd': 'both reject it, for the same `end \\EXT\\` mismatch (checked below by line)',
};

/** Broken inputs where the first error should be on the same line as GHDL's. */
const SAME_FIRST_LINE = [
  'errors/missing_semicolon.vhd',
  'errors/unbalanced_parens.vhd',
  'errors/end_name_mismatch.vhd',
  'errors/invalid_characters.vhd',
  'errors/not_a_unit.vhd',
  'errors/stray_tokens.vhd',
  'lexical/case_and_identifiers.vhd',
];

function fixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) fixtures(p, out);
    else if (name.endsWith('.vhd')) out.push(p);
  }
  return out;
}

function runGhdl(file: string): { ok: boolean; firstLine: number | undefined } {
  const work = mkdtempSync(join(tmpdir(), 'vhdl-explain-ghdl-'));
  try {
    const r = spawnSync('ghdl', ['-i', '--std=08', `--workdir=${work}`, file], { encoding: 'utf8' });
    const m = /:(\d+):\d+: /.exec(r.stderr);
    return { ok: r.status === 0, firstLine: m ? Number(m[1]) : undefined };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('fixtures agree with GHDL on accept/reject', { skip: hasGhdl ? false : 'ghdl is not installed' }, () => {
  for (const file of fixtures(root)) {
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const ours = parse(text).diagnostics;
    const ghdl = runGhdl(file);
    if (rel in GHDL_GAPS && rel !== 'lexical/case_and_identifiers.vhd') {
      assert.ok(!ghdl.ok, `${rel}: GHDL now accepts it; drop it from GHDL_GAPS`);
      assert.equal(ours.length, 0, `${rel}: valid VHDL-2008, expected no diagnostics`);
      continue;
    }
    // An empty file is valid for us (no units, no error); GHDL refuses "empty design file".
    if (text.trim() === '' || /^(\s*--[^\n]*\n?)*\s*$/.test(text)) continue;
    assert.equal(ours.length === 0, ghdl.ok, `${rel}: GHDL ${ghdl.ok ? 'accepts' : 'rejects'} it, we report ${ours.length} diagnostics`);
    if (SAME_FIRST_LINE.includes(rel)) {
      const line = new LineIndex(text).positionAt(ours[0].start).line + 1;
      assert.equal(line, ghdl.firstLine, `${rel}: first error line`);
    }
  }
});
