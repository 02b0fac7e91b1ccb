// Data-driven parser tests: each test/fixtures/syntax/**/*.vhd has its expected snapshot beside it
// (`.expect`); UPDATE_EXPECT=1 rewrites the snapshots. Every fixture also checks the lossless round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderSnapshot } from './snapshot';

const root = new URL('../fixtures/syntax/', import.meta.url).pathname;
const update = process.env.UPDATE_EXPECT === '1';

function collect(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.vhd')) out.push(p);
  }
  return out;
}

for (const file of collect(root, [])) {
  test(`syntax fixture ${relative(root, file)}`, () => {
    const text = readFileSync(file, 'utf8');
    const { snapshot, roundTrip } = renderSnapshot(text);
    assert.equal(roundTrip, text, 'printing the tree gives back the source');
    const expectFile = file.replace(/\.vhd$/, '.expect');
    if (update || !existsSync(expectFile)) {
      writeFileSync(expectFile, snapshot);
      if (!update) assert.fail(`${relative(root, expectFile)} was missing and has been written; review it`);
      return;
    }
    assert.equal(snapshot, readFileSync(expectFile, 'utf8'));
  });
}
