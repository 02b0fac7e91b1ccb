// Replaced versions of an edited file are collected: the regions a version copies from its
// predecessor keep no earlier version alive. In a file of its own, so that it runs in a process of
// its own: what earlier tests leave in V8 (caches of the engine, not of this project) can keep one
// unrelated object alive and make a garbage-collection count meaningless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SourceFile } from '../../server/src/analysis/sourceFile';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { appendFactsSection } from '../../server/src/ide/factsHover';
import { generatedDesign } from '../bench/generatedDesign';

test('copied regions keep no earlier version alive: old files and their regions are collected', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Long lower-case names (sliced strings in V8) declared anew in every version by the edits below.
  const text = generatedDesign(300).replace(/acc_(\d+)/g, 'accumulator_register_$1');
  const uri = 'file:///g.vhd';
  const ws = new Workspace();
  const files: WeakRef<SourceFile>[] = [];
  const regions: WeakRef<object>[] = [];
  let cur = text;
  for (let k = 0; k < 12; k++) {
    // Rename the signal of process k (an edit in the declarative part: that declaration is visited anew).
    cur = cur.replace(`signal accumulator_register_${k} :`, `signal accumulator_register_${k}_${k} :`);
    const f = ws.setFile(uri, cur, { version: k });
    const pos = f.lines.positionAt(cur.lastIndexOf('accumulator_register_') + 2);
    appendFactsSection(ws, uri, pos, basicHover(ws, uri, pos));
    files.push(new WeakRef(f));
    regions.push(new WeakRef(f.scopes.root.regions));
  }
  // Several collections, each in a job of its own (a WeakRef's target lives to the end of the job that made it).
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  const alive = files.slice(0, -2).filter((r) => r.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of the first ten versions are still alive`);
  assert.equal(regions.slice(0, -2).filter((r) => r.deref() !== undefined).length, 0);
  assert.ok(files[files.length - 1].deref());
});

