// Analysis after an edit equals analysis from scratch: fixed-seed random edits of a large file, each
// applied to a workspace that reuses the previous version's regions (incremental reparse + copied
// scopes), then definition, hover (with facts), the facts JSON and the regions themselves compared
// with those of a fresh Workspace on the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factsAt } from '../../server/src/analysis/facts/index';
import type { Scope } from '../../server/src/analysis/scopes';
import type { SourceFile } from '../../server/src/analysis/sourceFile';
import { unresolvedNames } from '../../server/src/analysis/unresolved';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { definition } from '../../server/src/ide/definition';
import { appendFactsSection } from '../../server/src/ide/factsHover';
import { hoverMarkdown } from '../../server/src/ide/types';
import { NodeKind } from '../../server/src/syntax/nodeKind';
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

const root = new URL('../..', import.meta.url).pathname;

/** A large file with many kinds of regions: the facts fixtures, gold designs (packages, records, generates, subprograms, FSMs) and a generated architecture. */
function bigText(): string {
  const parts: string[] = [];
  const facts = join(root, 'test/fixtures/facts');
  for (const name of readdirSync(facts).sort()) if (name.endsWith('.vhd')) parts.push(readFileSync(join(facts, name), 'utf8'));
  const gold = join(root, 'models/recipe/data/gold');
  const golds = readdirSync(gold).filter((n) => n.endsWith('.vhd')).sort();
  for (let i = 0; i < golds.length; i += 3) parts.push(readFileSync(join(gold, golds[i]), 'utf8'));
  parts.push(generatedDesign(400));
  return parts.join('\n');
}

const WORDS = ['end', 'begin', 'is', 'process', 'if', 'then', 'loop', 'signal', 'foo', 'x1', '--', "'1'", 'when', 'others', 'label:', ';', 'variable', 'type', 'for'];
const LINES = ['    x <= y;', '    v := v + 1;', '  signal q, r : bit;', '  constant k : natural := 3;', '  lbl : process (clk) begin end process;', '    end if;', '  type t is (a, b);', '  -- a comment'];

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A random edit: mostly keystrokes inside names (renaming declarations and uses), some words, whole lines and comments. */
function randomEdit(text: string, next: () => number): Edit {
  const pick = <X>(xs: X[]): X => xs[Math.floor(next() * xs.length)];
  const at = Math.floor(next() * (text.length + 1));
  const word = (): [number, number] => {
    let s = at;
    while (s > 0 && /\w/.test(text[s - 1])) s--;
    let e = at;
    while (e < text.length && /\w/.test(text[e])) e++;
    return [s, e];
  };
  const r = next();
  if (r < 0.4) {
    const [s, e] = word();
    if (e > s) {
      const p = s + Math.floor(next() * (e - s));
      return next() < 0.6 ? { start: p, end: p, text: pick(['a', 'b', '7', '_z']) } : { start: p, end: p + 1, text: '' };
    }
    return { start: at, end: at, text: pick(['a', ' ', '\n', ';', '(', ')', ',', '.', "'"]) };
  }
  if (r < 0.55) {
    const [s, e] = word();
    return { start: s, end: e, text: pick(WORDS) };
  }
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  let le = text.indexOf('\n', at);
  le = le < 0 ? text.length : le + 1;
  if (r < 0.65) return { start: ls, end: le, text: '' };
  if (r < 0.8) return { start: ls, end: ls, text: text.slice(ls, le) };
  if (r < 0.9) return { start: ls, end: ls, text: `${pick(LINES)}\n` };
  // Inside a comment, or a new one: the trivia path.
  const c = text.indexOf('--', at);
  return c >= 0 ? { start: c + 2, end: c + 2, text: pick([' x', 'edit ', '']) } : { start: ls, end: ls, text: '-- new\n' };
}

/** Every region with its kind, range, owner, uses and libraries, and every declaration with its nodes (sorted: fill order may differ). */
function regionsDump(file: SourceFile): string[] {
  const out: string[] = [];
  const visit = (s: Scope, depth: number): void => {
    out.push(`${depth} ${s.kind} ${s.node.start}-${s.node.end} ${NodeKind[s.node.kind]} owner=${s.owner?.name ?? '-'}/${s.owner?.region === s} uses=${s.uses.map((u) => u.start).join(',')} libs=${s.libraries.join(',')}`);
    for (const [name, list] of s.decls) {
      for (const d of list) {
        out.push(`  decl ${name} ${d.kind} node=${NodeKind[d.node.kind]}@${d.node.start}-${d.node.end} name=${d.nameNode.start} scope=${d.scope === s} region=${d.region ? `${d.region.kind}@${d.region.node.start}` : '-'} unit=${d.unit?.name ?? '-'}`);
      }
    }
    for (const c of s.children) visit(c, depth + 1);
  };
  visit(file.scopes.root, 0);
  // The file-wide lists and lookups agree with the regions.
  for (const d of file.scopes.declarations) {
    assert.equal(file.scopes.declarationOfName(d.nameNode), d, `declarationOfName ${d.name}`);
    assert.ok(file.scopes.allByNode.get(d.node)?.includes(d), `allByNode ${d.name}`);
  }
  return out.sort();
}

/** Positions to ask about: names in the text (random ones plus one near the edit). */
function namePositions(text: string, near: number, next: () => number, count: number): number[] {
  const out: number[] = [];
  const re = /[A-Za-z_]\w*/g;
  re.lastIndex = Math.max(0, near - 40);
  const m = re.exec(text);
  if (m) out.push(m.index + Math.floor(m[0].length / 2));
  while (out.length < count) {
    re.lastIndex = Math.floor(next() * text.length);
    const w = re.exec(text);
    if (w) out.push(w.index + Math.floor(next() * (w[0].length + 1)));
  }
  return out;
}

function answers(ws: Workspace, uri: string, offset: number): string {
  const file = ws.getFile(uri)!;
  const pos = file.lines.positionAt(offset);
  const h = basicHover(ws, uri, pos);
  appendFactsSection(ws, uri, pos, h);
  return JSON.stringify({
    definition: definition(ws, uri, pos),
    hover: h ? hoverMarkdown(h) : null,
    range: h?.range ?? null,
    facts: factsAt(ws, file, offset) ?? null,
  });
}

test('analysis after incremental edits equals a fresh workspace: definition, hover, facts and regions', () => {
  const original = bigText();
  assert.ok(original.split('\n').length > 2000, 'a large file');
  const uri = 'file:///big.vhd';
  const next = rng(20261128);
  const ws = new Workspace();
  let text = original;
  ws.setFile(uri, text, { version: 0 });
  let incremental = 0;
  let copied = 0;
  let compared = 0;
  const EDITS = 160;
  for (let k = 1; k <= EDITS; k++) {
    // Chains of twelve edits from the original (long chains pile up syntax errors).
    if (k % 12 === 0) {
      text = original;
      ws.setFile(uri, text, { version: k });
      ws.getFile(uri)!.scopes.scopeAt(Math.floor(next() * text.length));
      continue;
    }
    const edit = randomEdit(text, next);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const file = ws.setFile(uri, text, { version: k });
    const fresh = new Workspace();
    fresh.setFile(uri, text, { version: k });
    const where = `edit ${k} ${JSON.stringify(edit)}`;
    for (const offset of namePositions(text, edit.start, next, 5)) {
      assert.equal(answers(ws, uri, offset), answers(fresh, uri, offset), `${where}, asked at ${offset} (${JSON.stringify(text.slice(offset - 30, offset + 30))})`);
      compared++;
    }
    if (file.incremental) incremental++;
    copied += file.scopes.stats.copied;
    // Every fourth version: all regions and declarations, and the unresolved names (fills everything,
    // so later edits copy from fully filled regions; the others copy from partly filled ones).
    if (k % 4 === 0) {
      assert.deepEqual(regionsDump(file), regionsDump(fresh.getFile(uri)!), `regions after ${where}`);
      const names = (w: Workspace) => unresolvedNames(w, w.getFile(uri)!).map((t) => `${t.start}:${t.text}`);
      assert.deepEqual(names(ws), names(fresh), `unresolved names after ${where}`);
    }
  }
  // The reuse paths must actually be taken, else this test proves nothing.
  assert.ok(incremental > EDITS / 2, `only ${incremental} incremental reparses`);
  assert.ok(copied > EDITS, `only ${copied} regions copied`);
  assert.ok(compared >= 5 * (EDITS - EDITS / 12 - 1));
});

test('a copied region is rebuilt, not copied, when the edit changes what it declares', () => {
  const text = generatedDesign(300);
  const uri = 'file:///g.vhd';
  const ws = new Workspace();
  ws.setFile(uri, text);
  const at = (t: string, needle: string) => t.indexOf(needle) + 2;
  // Fill the architecture's region, then rename a signal in its declarative part.
  assert.ok(ws.getFile(uri)!.scopes.scopeAt(at(text, 'acc_3 <= tmp')).parent!.decls.get('acc_3'));
  const renamed = text.replace('signal acc_3 :', 'signal acc_x3 :');
  const f = ws.setFile(uri, renamed);
  const arch = f.scopes.scopeAt(at(renamed, 'acc_3 <= tmp')).parent!;
  assert.ok(f.incremental, 'the declaration reparses incrementally');
  assert.equal(arch.kind, 'unit');
  assert.equal(arch.decls.get('acc_3'), undefined);
  assert.equal(arch.decls.get('acc_x3')?.[0].nameNode.text, 'acc_x3');
  assert.ok(f.scopes.stats.copied >= 1, 'the architecture region is copied with the one declaration visited anew');
  // The process regions are copied too: a variable of the last process resolves in the new tree.
  const last = renamed.lastIndexOf('tmp := ');
  const d = definition(ws, uri, f.lines.positionAt(last + 1));
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, f.lines.positionAt(renamed.lastIndexOf('variable tmp') + 'variable '.length).line);
});

test('an edit inside a process that adds nodes: the architecture region is copied with later nodes renumbered', () => {
  const text = generatedDesign(600);
  const uri = 'file:///g.vhd';
  const ws = new Workspace();
  ws.setFile(uri, text);
  const lastLabel = text.lastIndexOf('end process p_') + 'end process p_'.length;
  ws.getFile(uri)!.scopes.scopeAt(lastLabel);
  // `tmp > 100` -> `tmp > 100 + 1` in the third process: more nodes in the replaced statement.
  const at = text.indexOf('tmp > 100', text.indexOf('p_2 :')) + 'tmp > 100'.length;
  const edited = text.slice(0, at) + ' + 1' + text.slice(at);
  const f = ws.setFile(uri, edited);
  const pos = f.lines.positionAt(lastLabel + 4);
  const fresh = new Workspace();
  fresh.setFile(uri, edited);
  assert.deepEqual(definition(ws, uri, pos), definition(fresh, uri, pos));
  assert.equal(definition(ws, uri, pos).length, 1);
  assert.ok(f.incremental);
  // The design unit regions (file-level units) and the architecture's own region were copied, not refilled.
  assert.ok(f.scopes.stats.copied >= 1, `copied ${f.scopes.stats.copied}`);
  const arch = f.scopes.scopeAt(lastLabel).parent!;
  assert.equal(arch.kind, 'unit');
  assert.equal(arch.decls.get(`p_${text.slice(lastLabel).match(/^\d+/)![0]}`)?.[0].nameNode.start, edited.lastIndexOf('  p_') + 2);
});

test('a declaration added in the architecture: the processes after it keep their labels as owners', () => {
  const text = generatedDesign(300);
  const uri = 'file:///g.vhd';
  const ws = new Workspace();
  ws.setFile(uri, text);
  const tmp = text.lastIndexOf('tmp := ') + 1;
  ws.getFile(uri)!.scopes.scopeAt(tmp);
  // One more enumeration literal (one declaration reparsed, one row more in the architecture's region).
  const edited = text.replace('(IDLE, LOAD, RUN, DONE)', '(IDLE, LOAD, RUN, DONE, HALT)');
  const f = ws.setFile(uri, edited);
  const at = edited.lastIndexOf('tmp := ') + 1;
  const process = f.scopes.scopeAt(at);
  assert.ok(f.incremental);
  assert.equal(process.kind, 'process');
  const fresh = new Workspace();
  fresh.setFile(uri, edited);
  assert.equal(process.owner?.name, fresh.getFile(uri)!.scopes.scopeAt(at).owner?.name);
  assert.equal(process.owner?.region, process);
  assert.ok(f.scopes.stats.copied >= 2, `copied ${f.scopes.stats.copied}`);
  assert.equal(answers(ws, uri, at), answers(fresh, uri, at));
});
