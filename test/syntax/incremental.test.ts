// Incremental reparsing equals a full parse: fixed-seed random edits (characters, words, lines,
// syntax-breaking ones included) on every syntax fixture and gold design, chained edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdit, diffEdit, parse, printTree, reparse, tryReparse, type ParseResult, type TextEdit } from '../../server/src/syntax/index';

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

const CHARS = ['a', 'x', '0', '1', '_', ' ', '\n', ';', ':', "'", '"', '-', '(', ')', ',', '.', '#', '/', '*', '\\', '<', '='];
const WORDS = ['end', 'begin', 'is', 'process', 'if', 'then', 'else', 'loop', 'signal', 'foo', 'x1', '--', '/*', '*/', "'1'", '"01"', 'when', 'others', '16#FF#', 'label:', 'port map', ';'];

/** A random edit of `text`: mostly small ones inside words (where incremental reparsing applies), some that break the syntax. */
function randomEdit(text: string, next: () => number): TextEdit {
  const pick = <X>(xs: X[]): X => xs[Math.floor(next() * xs.length)];
  const at = Math.floor(next() * (text.length + 1));
  const r = next();
  if (r < 0.3) {
    // Change inside an identifier or number: the typical keystroke.
    let s = at;
    while (s > 0 && /\w/.test(text[s - 1])) s--;
    let e = at;
    while (e < text.length && /\w/.test(text[e])) e++;
    if (e > s) {
      const p = s + Math.floor(next() * (e - s));
      return next() < 0.5 ? { start: p, end: p, text: pick(['a', 'b', '7', '_z']) } : { start: p, end: p + 1, text: '' };
    }
    return { start: at, end: at, text: pick(CHARS) };
  }
  if (r < 0.5) return { start: at, end: at, text: pick(CHARS) };
  if (r < 0.6) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 3)), text: '' };
  if (r < 0.8) {
    // Replace a word by another (keywords, comment starts, literals).
    let s = at;
    while (s > 0 && /\w/.test(text[s - 1])) s--;
    let e = at;
    while (e < text.length && /\w/.test(text[e])) e++;
    return { start: s, end: e, text: pick(WORDS) };
  }
  // Whole lines: delete, duplicate, or insert a line.
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  let le = text.indexOf('\n', at);
  le = le < 0 ? text.length : le + 1;
  const r2 = next();
  if (r2 < 0.4) return { start: ls, end: le, text: '' };
  if (r2 < 0.8) return { start: ls, end: ls, text: text.slice(ls, le) };
  return { start: ls, end: ls, text: `    ${pick(['x <= y;', 'v := v + 1;', 'end if;', 'begin', 'signal q : bit;', 'wait;'])}\n` };
}

function sameDiagnostics(a: ParseResult, b: ParseResult): boolean {
  if (a.diagnostics.length !== b.diagnostics.length) return false;
  return a.diagnostics.every((d, i) => {
    const e = b.diagnostics[i];
    return d.code === e.code && d.message === e.message && d.start === e.start && d.end === e.end;
  });
}

/** The green arrays are what printTree renders: equal arrays over the same text mean equal trees. */
function sameGreen(a: ParseResult, b: ParseResult): boolean {
  const x = a.root.green, y = b.root.green;
  if (x.text !== y.text || x.tokenCount !== y.tokenCount || x.nodeCount !== y.nodeCount) return false;
  for (let t = 0; t < x.tokenCount; t++) if (x.tokenKinds[t] !== y.tokenKinds[t] || x.tokenStarts[t] !== y.tokenStarts[t]) return false;
  for (let j = 0; j < x.nodeCount; j++) {
    if (x.nodeKinds[j] !== y.nodeKinds[j] || x.nodeTokenStart[j] !== y.nodeTokenStart[j] || x.nodeTokenEnd[j] !== y.nodeTokenEnd[j] || x.nodeFirstDescendant[j] !== y.nodeFirstDescendant[j]) return false;
  }
  return a.root.index === b.root.index;
}

test('incremental reparse equals a full parse on random edits of every fixture and gold design', () => {
  assert.ok(FILES.length > 100, `found ${FILES.length} files`);
  let cases = 0, incremental = 0, printed = 0;
  FILES.forEach((file, fi) => {
    const next = rng(1000 + fi);
    const original = readFileSync(file, 'utf8');
    const originalParse = parse(original);
    let text = original;
    let previous = originalParse;
    for (let k = 0; k < 40; k++) {
      // Chains of five edits: long chains pile up errors, and fewer edits stay incremental.
      if (k % 5 === 0) {
        text = original;
        previous = originalParse;
      }
      const edit = randomEdit(text, next);
      const newText = applyEdit(text, edit);
      const inc = tryReparse(previous, newText, edit);
      const full = parse(newText);
      cases++;
      if (inc !== undefined) {
        incremental++;
        const where = `${file} edit ${k} ${JSON.stringify(edit)}`;
        assert.ok(sameGreen(inc, full), `tree differs: ${where}`);
        assert.ok(sameDiagnostics(inc, full), `diagnostics differ: ${where}\n${JSON.stringify(newText.slice(edit.start - 200, edit.start + 100))}\n${JSON.stringify(inc.diagnostics)}\n${JSON.stringify(full.diagnostics)}`);
        // The literal promise, on a sample: the same printTree output.
        if (k % 5 === 0) {
          assert.equal(printTree(inc.root), printTree(full.root), where);
          printed++;
        }
      }
      // Chain: the next edit starts from the incremental result when there is one.
      text = newText;
      previous = inc ?? full;
    }
  });
  // The incremental path must actually be taken (else this test would prove nothing).
  assert.ok(cases >= 7000, `${cases} cases`);
  assert.ok(incremental > cases / 3, `only ${incremental} of ${cases} edits were incremental`);
  assert.ok(printed > 100);
});

test('diffEdit finds the changed range; reparse falls back to a full parse', () => {
  const a = 'architecture a of e is\nbegin\n  p : process begin\n    x <= y;\n  end process;\nend;\n';
  const b = a.replace('x <= y', 'x <= yz');
  const e = diffEdit(a, b);
  assert.equal(applyEdit(a, e), b);
  assert.deepEqual(e, { start: a.indexOf('y;') + 1, end: a.indexOf('y;') + 1, text: 'z' });
  assert.ok(tryReparse(parse(a), b, e) !== undefined, 'an edit inside a statement is incremental');
  // A line comment that swallows the `;`: the process is reparsed with its new error, like a full parse.
  const c = a.replace('x <= y;', 'x <= -- y;');
  const r = reparse(parse(a), c);
  assert.equal(printTree(r.root), printTree(parse(c).root));
  assert.deepEqual(r.diagnostics, parse(c).diagnostics);
  assert.ok(r.diagnostics.length > 0);
  // A block comment left open swallows the rest of the file: never incremental, and still right.
  const o = a.replace('x <= y;', 'x <= /* y;');
  assert.equal(tryReparse(parse(a), o, diffEdit(a, o)), undefined);
  assert.deepEqual(reparse(parse(a), o).diagnostics, parse(o).diagnostics);
  // A stale or mismatched edit is refused, not trusted.
  assert.equal(tryReparse(parse(a), b, { start: 0, end: 0, text: '' }), undefined);
});
