// Workspace folders: the initial scan for VHDL files, library mapping, and file-watcher events.
import { promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import { LibraryMapper } from '../analysis/library';
import type { ServerContext } from './context';
import { findVhdlFiles, isVhdlPath } from './fileScan';

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The folders being served and how their files map onto libraries. */
export class WorkspaceFolders {
  private mapper = new LibraryMapper(undefined);

  constructor(
    private readonly ctx: ServerContext,
    public folders: string[],
  ) {}

  setMapping(mapper: LibraryMapper): void {
    this.mapper = mapper;
    for (const file of this.ctx.workspace.files()) this.ctx.workspace.setLibrary(file.uri, this.libraryOf(file.uri));
  }

  libraryOf(uri: string): string {
    const path = uriToPath(uri);
    if (!path) return this.mapper.libraryOf([uri]);
    const paths = [path];
    for (const f of this.folders) {
      const rel = relative(f, path);
      if (!rel.startsWith('..')) paths.push(rel.split(sep).join('/'));
    }
    return this.mapper.libraryOf(paths);
  }

  contains(uri: string): boolean {
    const path = uriToPath(uri);
    if (!path) return false;
    return this.folders.some((f) => {
      const rel = relative(f, path);
      return rel !== '' && !rel.startsWith('..');
    });
  }

  /** Loads every VHDL file under the folders, except those open in the editor (their text wins). */
  async scan(isCancelled: () => boolean = () => false): Promise<number> {
    let count = 0;
    for (const folder of this.folders) {
      const files = await findVhdlFiles(folder, isCancelled);
      for (const path of files) {
        if (isCancelled()) return count;
        const uri = pathToUri(path);
        if (this.ctx.documents.get(uri)) continue;
        if (await this.loadFromDisk(uri)) count++;
      }
    }
    return count;
  }

  /** Reads one file from disk into the workspace; false when it cannot be read. */
  async loadFromDisk(uri: string): Promise<boolean> {
    const path = uriToPath(uri);
    if (!path) return false;
    try {
      const text = await fs.readFile(path, 'utf8');
      if (this.ctx.documents.get(uri)) return true; // opened meanwhile: the editor's text wins
      this.ctx.workspace.setFile(uri, text, { library: this.libraryOf(uri) });
      return true;
    } catch {
      return false;
    }
  }

  async onWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    let changed = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (!path || !isVhdlPath(path) || this.ctx.documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        this.ctx.workspace.removeFile(change.uri);
        changed = true;
      } else {
        changed = (await this.loadFromDisk(change.uri)) || changed;
      }
    }
    if (changed) for (const f of this.ctx.onWorkspaceChanged) f();
  }
}
