// Test helpers: positions found by text, and fixture workspaces loaded from disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LibraryMapper, type LibraryMapping } from '../../server/src/analysis/library';
import { Workspace } from '../../server/src/analysis/workspace';
import type { Position } from '../../server/src/ide/types';

/**
 * The position of the `occurrence`-th (1-based) match of `needle` in `text`, plus `delta`
 * characters. Throws when the needle is missing, so a fixture edit cannot silently move a test.
 */
export function positionOf(text: string, needle: string, occurrence = 1, delta = 0): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence} times`);
  }
  return offsetToPosition(text, at + delta);
}

export function offsetToPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

export interface FixtureWorkspace {
  ws: Workspace;
  root: string;
  uri(rel: string): string;
  text(rel: string): string;
  /** Position of a needle in a fixture file (see positionOf). */
  pos(rel: string, needle: string, occurrence?: number, delta?: number): Position;
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.vhdl?$/i.test(name)) out.push(p);
  }
  return out;
}

/** Loads every VHDL file under a fixture folder into a fresh Workspace. */
export function loadFixture(folder: string, mapping?: LibraryMapping): FixtureWorkspace {
  const root = join(FIXTURES, folder);
  const ws = new Workspace();
  const mapper = new LibraryMapper(mapping);
  for (const p of walk(root, [])) {
    ws.setFile(pathToFileURL(p).href, readFileSync(p, 'utf8'), { library: mapper.libraryOf([relative(root, p)]) });
  }
  const uri = (rel: string): string => pathToFileURL(join(root, rel)).href;
  const text = (rel: string): string => ws.getFile(uri(rel))!.text;
  return { ws, root, uri, text, pos: (rel, needle, occ, delta) => positionOf(text(rel), needle, occ, delta) };
}

/** `file.vhd:line:col` (1-based) of a location, relative to the fixture root: compact for assertions. */
export function where(root: string, loc: { uri: string; range: { start: Position } }): string {
  const path = relative(root, new URL(loc.uri).pathname);
  return `${path}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
}
