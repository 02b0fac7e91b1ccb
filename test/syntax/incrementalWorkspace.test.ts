// The workspace reparses an edited file from its previous parse: on a generated 10,000-line design,
// edit after edit (a request between some of them, none between others), the file's tree and
// diagnostics equal a full parse of its text, and answers stay right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/analysis/workspace';
import { definition } from '../../server/src/ide/definition';
import { applyEdit, parse, printTree, type TextEdit } from '../../server/src/syntax/index';
import { generatedDesign } from '../bench/generatedDesign';

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

/** Keystrokes: a character typed or deleted inside a word, a comment changed, a line broken or joined. */
function keystroke(text: string, next: () => number): TextEdit {
  const at = Math.floor(next() * text.length);
  const r = next();
  if (r < 0.4) return { start: at, end: at, text: ['a', '1', '_', ' '][Math.floor(next() * 4)] };
  if (r < 0.6) return { start: at, end: at + 1, text: '' };
  if (r < 0.8) {
    const c = text.indexOf('-- ', at);
    return c < 0 ? { start: at, end: at, text: '\n' } : { start: c + 3, end: c + 3, text: 'x' };
  }
  const nl = text.indexOf('\n', at);
  return nl < 0 ? { start: at, end: at, text: '\n' } : next() < 0.5 ? { start: nl, end: nl, text: '\n    ' } : { start: nl, end: nl + 1, text: '' };
}

test('workspace edits of a 10,000-line file reparse to the same tree as a full parse', () => {
  const uri = 'file:///ws/big.vhd';
  const ws = new Workspace();
  let text = generatedDesign();
  ws.setFile(uri, text, { version: 0 });
  void ws.getFile(uri)!.root;
  const next = rng(7);
  let checked = 0, incremental = 0;
  for (let k = 1; k <= 45; k++) {
    text = applyEdit(text, keystroke(text, next));
    const file = ws.setFile(uri, text, { version: k });
    // Every third edit is not looked at: the next parse starts from an older one (two edits at once).
    if (k % 3 === 0) continue;
    const full = parse(text);
    assert.deepEqual(file.syntaxDiagnostics, full.diagnostics, `diagnostics after edit ${k}`);
    checked++;
    if (file.incremental) incremental++;
    assert.equal(file.root.green.nodeCount, full.root.green.nodeCount, `node count after edit ${k}`);
    if (k % 20 === 1) assert.equal(printTree(file.root), printTree(full.root), `tree after edit ${k}`);
  }
  // About a third of these keystrokes leave a syntax error (incremental reparsing then falls back);
  // the others are the incremental path's job.
  assert.ok(incremental > checked / 4, `${incremental} of ${checked} parses incremental`);
});

test('definition right after an edit inside a process finds the port', () => {
  const uri = 'file:///ws/big.vhd';
  const ws = new Workspace();
  const text = generatedDesign(2_000);
  ws.setFile(uri, text, { version: 0 });
  const use = text.lastIndexOf('rising_edge(clk_i)') + 'rising_edge('.length;
  const pos = ws.getFile(uri)!.lines.positionAt(use);
  assert.equal(definition(ws, uri, pos).length, 1);
  // Change a digit in an earlier process: `tmp > 100` -> `tmp > 109` (same length, positions kept).
  const digit = text.indexOf('tmp > 100') + 'tmp > 10'.length;
  const edited = applyEdit(text, { start: digit, end: digit + 1, text: '9' });
  ws.setFile(uri, edited, { version: 1 });
  const d = definition(ws, uri, pos);
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, ws.getFile(uri)!.lines.positionAt(text.indexOf('clk_i :')).line);
  assert.ok(ws.getFile(uri)!.incremental, 'reparsed incrementally');
  assert.equal(printTree(ws.getFile(uri)!.root), printTree(parse(edited).root));
});
