// Shared helpers for the facts tests: load fixtures into a workspace, find lines and positions by text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { architectureFacts } from '../../server/src/analysis/facts/index';
import type { ArchitectureFacts } from '../../server/src/analysis/facts/types';
import { Workspace } from '../../server/src/analysis/workspace';

export const FIXTURES = join(import.meta.dirname, '../fixtures/facts');

export function loadFixtures(...names: string[]): { ws: Workspace; uri: (name: string) => string; text: (name: string) => string } {
  const ws = new Workspace();
  const texts = new Map<string, string>();
  for (const n of names) {
    const t = readFileSync(join(FIXTURES, n), 'utf8');
    texts.set(n, t);
    ws.setFile(`file:///fixtures/${n}`, t);
  }
  return { ws, uri: (n) => `file:///fixtures/${n}`, text: (n) => texts.get(n)! };
}

/** The facts of the (first) architecture of a fixture file. */
export function archOf(ws: Workspace, uri: string): ArchitectureFacts {
  const file = ws.getFile(uri)!;
  const arch = file.units.find((u) => u.kind === 'architecture')!;
  return architectureFacts(ws, arch);
}

/** 1-based line of the `n`-th (0-based) occurrence of `snippet` in `text`. */
export function lineOf(text: string, snippet: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(snippet, at + 1);
    if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return text.slice(0, at).split('\n').length;
}

/** 0-based editor position of the start of `snippet` (plus `delta` characters). */
export function positionOf(text: string, snippet: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(snippet);
  if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
