// Writes the design docs to a folder, with the content-hash cache that lets reruns skip unchanged entities.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Workspace } from '../analysis/workspace';
import { generateDesignDocs, type DocsOptions, type DocsResult } from '../ide/designDocs/generate';

export const CACHE_FILE = '.vhdl-explain-docs.json';

export interface WriteResult extends DocsResult {
  outputFolder: string;
  indexFile: string;
}

export async function writeDesignDocs(ws: Workspace, outputFolder: string, opts: Omit<DocsOptions, 'previous' | 'exists'>): Promise<WriteResult> {
  const out = resolve(outputFolder);
  mkdirSync(out, { recursive: true });
  let previous: Record<string, string> = {};
  try {
    const c = JSON.parse(readFileSync(join(out, CACHE_FILE), 'utf8')) as { pages?: Record<string, string> };
    if (c && typeof c.pages === 'object' && c.pages) previous = c.pages;
  } catch {
    // No cache, or a broken one: every page is written.
  }
  const r = await generateDesignDocs(ws, { ...opts, previous, exists: (p) => existsSync(join(out, p)) });
  for (const p of r.pages) writeFileSync(join(out, p.path), p.content);
  // A cancelled run keeps the old hashes of the pages it did not reach.
  const pages = r.cancelled ? { ...previous, ...Object.fromEntries(Object.entries(r.cache).filter(([k]) => r.pages.some((p) => p.path === k) || r.unchanged.includes(k))) } : r.cache;
  writeFileSync(join(out, CACHE_FILE), JSON.stringify({ version: 1, pages }, null, 1));
  return { ...r, outputFolder: out, indexFile: join(out, r.indexPath) };
}
