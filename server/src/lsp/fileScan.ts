// Finds VHDL files on disk; shared by the server's workspace scan and the CLI.
import { promises as fs, statSync, readdirSync } from 'node:fs';
import { join, extname } from 'node:path';

export const VHDL_EXTENSIONS = new Set(['.vhd', '.vhdl']);

export function isVhdlPath(path: string): boolean {
  return VHDL_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Folders never worth scanning for sources. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.svn', '.hg']);

/** All *.vhd/*.vhdl files under `root` (a file or a folder), sorted, without following symlinked folders. */
export async function findVhdlFiles(root: string, isCancelled: () => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    if (isCancelled()) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(p);
      } else if (e.isFile() && isVhdlPath(e.name)) out.push(p);
    }
  }
  try {
    const st = await fs.stat(root);
    if (st.isDirectory()) await walk(root);
    else if (st.isFile()) out.push(root);
  } catch {
    // A missing root is an empty result.
  }
  return out.sort();
}

/** Synchronous variant for the CLI: files given explicitly are kept whatever their extension. */
export function findVhdlFilesSync(root: string): string[] {
  const out: string[] = [];
  function walk(dir: string): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && isVhdlPath(e.name)) out.push(p);
    }
  }
  const st = statSync(root, { throwIfNoEntry: false });
  if (!st) return [];
  if (st.isDirectory()) walk(root);
  else out.push(root);
  return out.sort();
}
