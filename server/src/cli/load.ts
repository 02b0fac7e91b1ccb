// Loads files and folders from disk into a Workspace for the CLI (the server does the same from its folders).
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { LibraryMapper, type LibraryMapping } from '../analysis/library';
import { Workspace } from '../analysis/workspace';
import { findVhdlFilesSync } from '../lsp/fileScan';

export interface Loaded {
  ws: Workspace;
  /** The files named by the paths, in order (folders expanded). */
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
}

/** Reads every VHDL file under `paths` (files or folders) plus the folders in `context`. */
export function loadPaths(paths: string[], context: string[] = [], mapping?: LibraryMapping): Loaded {
  const ws = new Workspace();
  const mapper = new LibraryMapper(mapping);
  const files: string[] = [];
  const missing: string[] = [];
  const add = (p: string): void => {
    const uri = pathToFileURL(resolve(p)).href;
    if (ws.getFile(uri)) return;
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      return;
    }
    ws.setFile(uri, text, { library: mapper.libraryOf([resolve(p), relative(process.cwd(), resolve(p)).split('\\').join('/')]) });
  };
  for (const p of paths) {
    if (!statSync(p, { throwIfNoEntry: false })) {
      missing.push(p);
      continue;
    }
    for (const f of findVhdlFilesSync(p)) {
      files.push(f);
      add(f);
    }
  }
  for (const dir of context) for (const f of findVhdlFilesSync(dir)) add(f);
  return { ws, files, missing };
}

export function uriOf(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** A path for output: relative to the working directory when inside it. */
export function displayPath(uri: string): string {
  const abs = fileURLToPath(uri);
  const rel = relative(process.cwd(), abs);
  return rel.startsWith('..') ? abs : rel;
}

/** Folders searched for the other units of a single file: `--workspace DIR` options, or the file's folder. */
export function contextFolders(file: string, options: string[]): string[] {
  return options.length ? options : [dirname(file)];
}

/** Splits `args` into positional arguments and `--flag`/`--opt value` options. */
export function parseArgs(args: string[], valued: string[] = []): { positional: string[]; flags: Set<string>; values: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (valued.includes(k)) {
        const val = v ?? args[++i];
        if (val !== undefined) values.set(k, [...(values.get(k) ?? []), val]);
      } else flags.add(k);
    } else positional.push(a);
  }
  return { positional, flags, values };
}

/** `--library NAME=GLOB` options as a library mapping; undefined when one is malformed. */
export function libraryOptions(options: string[]): LibraryMapping | undefined {
  const mapping: LibraryMapping = {};
  for (const o of options) {
    const i = o.indexOf('=');
    if (i <= 0 || i === o.length - 1) return undefined;
    (mapping[o.slice(0, i)] ??= []).push(o.slice(i + 1));
  }
  return mapping;
}
