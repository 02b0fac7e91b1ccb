// `vhdl-explain explain|hover|docs|pairs` as processes: the same answers as the editor, JSON with the grounding verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../lsp/client';
import { DIR, ROOT, TEST_MODEL } from './helpers';

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  ensureBuilt();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('explain FILE:ENTITY --json --no-model: facts sections and the reason', () => {
  const r = cli('explain', join(DIR, 'traffic.vhd:traffic'), '--json', '--no-model');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.title, 'traffic (rtl)');
  assert.equal(j.modelUsed, false);
  assert.equal(j.noModelReason, '--no-model was given');
  assert.match(j.markdown, /## State machines\n\n- \[state_q\]\(line:18\): state machine \(next state `state_d`\), two-process/);
});

test('explain --model DIR --json: the grounding verdict with reasons', () => {
  const r = cli('explain', join(DIR, 'debouncer.vhd'), '--json', '--model', TEST_MODEL, '--max-tokens', '48');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.modelUsed, true);
  assert.equal(typeof j.grounding.ok, 'boolean');
  assert.equal(j.grounding.dropped.length, j.grounding.reasons.length);
  assert.equal(j.prompt.messages[0].role, 'system');
});

test('hover FILE:LINE:COL --json: declaration, facts and explanation sections', () => {
  const text = readFileSync(join(DIR, 'debouncer.vhd'), 'utf8').split('\n');
  const line = text.findIndex((l) => l.includes('signal stable_cnt'));
  const col = text[line].indexOf('stable_cnt') + 1;
  const r = cli('hover', `${join(DIR, 'debouncer.vhd')}:${line + 1}:${col}`, '--json', '--model', TEST_MODEL);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.sections.map((s: { id: string }) => s.id), ['declaration', 'facts', 'explanation']);
  assert.ok(j.grounding);
  const off = JSON.parse(cli('hover', `${join(DIR, 'debouncer.vhd')}:${line + 1}:${col}`, '--json', '--no-model').stdout);
  assert.deepEqual(off.sections.map((s: { id: string }) => s.id), ['declaration', 'facts']);
});

test('docs PATH -o OUT: pages, index and an unchanged rerun', () => {
  const out = join(ROOT, 'test/.tmp/explain-cli-docs');
  rmSync(out, { recursive: true, force: true });
  const r1 = cli('docs', DIR, '-o', out, '--no-model');
  assert.equal(r1.code, 0, r1.stderr);
  assert.match(r1.stdout, /^\d+ pages written, 0 unchanged, index .*index\.html/);
  assert.ok(existsSync(join(out, 'work.top.html')));
  const r2 = cli('docs', DIR, '-o', out, '--no-model');
  assert.match(r2.stdout, /^0 pages written, \d+ unchanged/);
  const md = cli('docs', DIR, '-o', join(out, 'md'), '--format', 'md', '--no-model');
  assert.equal(md.code, 0);
  assert.ok(existsSync(join(out, 'md', 'index.md')));
});

test('pairs --in --out: one chat pair per design record', () => {
  const dir = join(ROOT, 'test/.tmp/explain-pairs');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'designs.jsonl');
  writeFileSync(input, [
    JSON.stringify({ id: 'a', source: 'gold', file: join(DIR, 'debouncer.vhd'), explanation: '**Purpose.** Debounces a button.' }),
    JSON.stringify({ id: 'b', vhdl: readFileSync(join(DIR, 'traffic.vhd'), 'utf8'), explanation: '**Purpose.** Lights.' }),
  ].join('\n'));
  const r = cli('pairs', '--in', input, '--out', join(dir, 'pairs.jsonl'));
  assert.equal(r.code, 0, r.stderr);
  const pairs = readFileSync(join(dir, 'pairs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(pairs.length, 2);
  assert.equal(pairs[0].id, 'a');
  assert.match(pairs[1].prompt_messages[1].content, /^Explain the entity `traffic` \(architecture `rtl`\)/);
  assert.equal(pairs[1].target, '**Purpose.** Lights.');
});
