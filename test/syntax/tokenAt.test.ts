// tokenAt on a fresh tree (searched in the compact tree, only the path made) gives the same token as
// on a tree whose child lists are all made, for every offset of every syntax fixture and gold design
// (broken ones included), both with and without preferLeft; and the objects it makes are the ones
// the child lists later hold (one object per child however it was reached).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, tokenAt, type SyntaxNode, type SyntaxToken } from '../../server/src/syntax/index';

function vhdlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) vhdlFiles(p, out);
    else if (name.endsWith('.vhd')) out.push(p);
  }
  return out;
}

const root = new URL('../..', import.meta.url).pathname;
const FILES = [...vhdlFiles(join(root, 'test/fixtures/syntax')), ...vhdlFiles(join(root, 'models/recipe/data/gold'))];

/** Makes every child list of the tree (tokenAt then searches the made lists, as before the compact search). */
function makeAll(n: SyntaxNode): void {
  const stack = [n];
  while (stack.length) for (const c of stack.pop()!.children) if (c.isNode()) stack.push(c);
}

function describe(t: SyntaxToken | undefined): string {
  if (!t) return 'none';
  const path: string[] = [];
  for (let p: SyntaxNode | undefined = t.parent; p; p = p.parent) path.push(`${p.kind}@${p.start}..${p.end}`);
  return `${t.kind}@${t.start}..${t.end} in ${path.join('<')}`;
}

/** Whether `t` and each of its ancestors is the very object its parent's child list holds. */
function inItsParentsLists(t: SyntaxToken): boolean {
  let el: SyntaxToken | SyntaxNode = t;
  for (let p = t.parent; p; el = p, p = p.parent) if (!p.children.includes(el)) return false;
  return true;
}

test('tokenAt on a fresh tree equals tokenAt over made child lists, at every offset of every fixture', () => {
  assert.ok(FILES.length > 10);
  let checked = 0;
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8');
    const made = parse(text).root;
    makeAll(made);
    for (const preferLeft of [false, true]) {
      // A fresh tree per pass: the first searches make paths, later ones walk a mix of made and unmade lists.
      const fresh = parse(text).root;
      const step = Math.max(1, Math.floor(text.length / 3000));
      for (let o = 0; o <= text.length; o += step) {
        const want = describe(tokenAt(made, o, preferLeft));
        const got = tokenAt(fresh, o, preferLeft);
        assert.equal(describe(got), want, `${file} at ${o}${preferLeft ? ' (preferLeft)' : ''}`);
        checked++;
      }
      for (let o = 0; o <= text.length; o += step) {
        const t = tokenAt(fresh, o, preferLeft);
        if (t) assert.ok(inItsParentsLists(t), `${file} at ${o}: the token or an ancestor is not in its parent's child list`);
      }
    }
  }
  assert.ok(checked > 10000);
});

test('tokenAt past either end and on empty text', () => {
  for (const text of ['', ' ', 'entity e is end;', 'architecture a of e is begin p: process begin']) {
    const made = parse(text).root;
    makeAll(made);
    for (const o of [-1, 0, text.length, text.length + 5]) {
      for (const preferLeft of [false, true]) assert.equal(describe(tokenAt(parse(text).root, o, preferLeft)), describe(tokenAt(made, o, preferLeft)), `${JSON.stringify(text)} at ${o}`);
    }
  }
});

test('the compact child list holds exactly the children, in a buffer of its own size', () => {
  for (const file of FILES.slice(0, 40)) {
    const tree = parse(readFileSync(file, 'utf8')).root;
    const compact = tree.compactChildren();
    // Sized by the node's token span instead, the root's list alone took 400 KB of a 10,000-line file on every version.
    assert.equal(compact.buffer.byteLength, compact.length * 4, file);
    makeAll(tree);
    assert.equal(compact.length, tree.children.length, file);
  }
});
