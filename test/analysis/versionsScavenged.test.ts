// Replaced versions of an edited file die young: a minor garbage collection (scavenge) frees them.
// Anything old that reaches a version's objects keeps them through every scavenge until the next full
// collection (V8 treats the old generation as live in a scavenge), and the scavenges that copy them
// are what made hover after an edit slow now and then. Two such links were found and removed: the
// file's regions as an object literal with getters (a hidden class per literal, reachable from its
// parent's transitions) and the facts cached in a WeakMap keyed by the file (a WeakMap's values live
// through scavenges). In a file of its own, so that it runs in a process of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { appendFactsSection } from '../../server/src/ide/factsHover';
import { applyEdit } from '../../server/src/syntax/index';
import { positionOf } from './helpers';
import { generatedDesign } from '../bench/generatedDesign';

const largeObjectBytes = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')!.space_used_size;

test('replaced versions do not survive a scavenge: the texts promoted to the old generation are the current ones', () => {
  // A text above V8's large-object size (128 KiB) is allocated in the young large-object space and,
  // when a scavenge finds it alive, moved to the old one: the growth of that space counts the texts alive then.
  const text = generatedDesign();
  assert.ok(text.length > 200_000);
  const uri = 'file:///big.vhd';
  const pos = positionOf(text, 'q_o <= acc_', 1, 'q_o <= '.length);
  const comment = text.indexOf('the clock');
  const ws = new Workspace();
  ws.setFile(uri, text, { version: 0 });
  let cur = text;
  let before = largeObjectBytes();
  const promoted: number[] = [];
  for (let r = 1; r <= 150; r++) {
    cur = applyEdit(cur, { start: comment, end: comment + 9, text: `edit ${String(r).padStart(4, '0')}` });
    ws.setFile(uri, cur, { version: r });
    const hover = basicHover(ws, uri, pos);
    appendFactsSection(ws, uri, pos, hover);
    assert.ok(hover?.sections.some((s) => s.id === 'facts'));
    const now = largeObjectBytes();
    if (now > before + text.length / 2) promoted.push(Math.round((now - before) / text.length));
    before = now;
  }
  // Scavenges happened (a few dozen megabytes were allocated) and typically kept the current
  // version's text, give or take one version's: not dozens of replaced
  // versions (15 to 57 per scavenge before). The median, as a full collection running alongside
  // on a loaded machine can let one scavenge keep more.
  assert.ok(promoted.length >= 2, `only ${promoted.length} scavenges promoted a text`);
  const median = [...promoted].sort((a, b) => a - b)[promoted.length >> 1];
  assert.ok(median <= 6, `texts promoted per scavenge: ${promoted.join(', ')}`);
});
