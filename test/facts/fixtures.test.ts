// Data-driven facts tests: each fixture (a .vhd file, or a folder of files analysed as one workspace)
// has the printed facts beside it in `.expected`; UPDATE_EXPECT=1 rewrites them for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../server/src/analysis/workspace';
import { snapshot } from './snapshot';

const dir = join(import.meta.dirname, '../fixtures/facts');
const update = process.env.UPDATE_EXPECT === '1';

function load(paths: string[]): { ws: Workspace; uris: string[] } {
  const ws = new Workspace();
  const uris = paths.map((p) => {
    const uri = `file:///fixtures/${p.slice(dir.length + 1)}`;
    ws.setFile(uri, readFileSync(p, 'utf8'));
    return uri;
  });
  return { ws, uris };
}

for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const isDir = statSync(path).isDirectory();
  if (!isDir && !name.endsWith('.vhd')) continue;
  test(`facts fixture ${name}`, () => {
    const files = isDir ? readdirSync(path).filter((f) => f.endsWith('.vhd')).sort().map((f) => join(path, f)) : [path];
    const { ws, uris } = load(files);
    const actual = snapshot(ws, uris);
    const expectedPath = isDir ? join(path, 'expected.txt') : path.replace(/\.vhd$/, '.expected');
    if (update || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, actual);
      if (!update) assert.fail(`${expectedPath} did not exist: written, review it`);
      return;
    }
    assert.equal(actual, readFileSync(expectedPath, 'utf8'));
  });
}
