// The line index patched from the previous version's equals one built from the new text: fixed-seed
// random edits over text with \n, \r\n and lone \r line ends (edits that split or join a \r\n
// included), chained edit after edit, directly and through a workspace file's successive versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdit, type TextEdit } from '../../server/src/syntax/index';
import { LineIndex } from '../../server/src/syntax/lineIndex';
import { Workspace } from '../../server/src/analysis/workspace';

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

const PIECES = ['a', 'b', ' ', '\n', '\r', '\r\n', '\n\n', '\r\r', 'xy', ';\n', '-- c\r\n', '\u00e9', '\ud83d\ude00'];

function randomText(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

/** A random edit: an insertion, deletion or replacement anywhere, at the ends and around line breaks included. */
function randomEdit(text: string, next: () => number): TextEdit {
  const at = next() < 0.1 ? (next() < 0.5 ? 0 : text.length) : Math.floor(next() * (text.length + 1));
  const len = next() < 0.4 ? 0 : Math.min(text.length - at, Math.floor(next() * 6));
  const ins = next() < 0.3 ? '' : randomText(next, 1 + Math.floor(next() * 3));
  return { start: at, end: at + len, text: ins };
}

test('a patched line index equals one built from the edited text (500 chains of 40 edits)', () => {
  const next = rng(20261128);
  for (let chain = 0; chain < 500; chain++) {
    let text = randomText(next, Math.floor(next() * 30));
    let idx = new LineIndex(text);
    for (let k = 0; k < 40; k++) {
      const edit = randomEdit(text, next);
      const after = applyEdit(text, edit);
      const patched = LineIndex.afterEdit(idx, after, edit);
      const rebuilt = new LineIndex(after);
      assert.deepEqual([...patched.lineStarts], [...rebuilt.lineStarts], `chain ${chain}, edit ${k}: ${JSON.stringify(text)} with ${JSON.stringify(edit)}`);
      text = after;
      idx = patched;
    }
  }
});

test('a workspace file patches its line index from the version before, equal to a rebuilt one', () => {
  const next = rng(7);
  const ws = new Workspace();
  const uri = 'file:///t/lines.vhd';
  let text = 'entity e is\r\nend entity e;\narchitecture a of e is\rbegin\nend architecture a;\n';
  ws.setFile(uri, text, { version: 0 });
  void ws.getFile(uri)!.lines;
  let patched = 0;
  for (let v = 1; v <= 300; v++) {
    text = applyEdit(text, randomEdit(text, next));
    const f = ws.setFile(uri, text, { version: v });
    // Some versions are never asked for their lines: the next one patches from an older index.
    if (next() < 0.3) continue;
    assert.deepEqual([...f.lines.lineStarts], [...new LineIndex(text).lineStarts], `version ${v}`);
    patched++;
  }
  assert.ok(patched > 100);
});
