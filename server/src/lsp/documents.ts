// Text document sync: open documents override the disk; each edit replaces only that file's text.
import { type ServerContext, track } from './context';
import type { WorkspaceFolders } from './workspace';

/** Quiet time after an edit before the file is parsed in the background. */
const PREPARE_DELAY_MS = 30;

export function registerDocuments(ctx: ServerContext, folders: WorkspaceFolders): void {
  const { documents, workspace } = ctx;
  const changed = (): void => {
    for (const f of ctx.onWorkspaceChanged) f();
  };

  // Fires for didOpen and every didChange; the text is already the incrementally patched document.
  documents.onDidChangeContent((e) => {
    try {
      const doc = e.document;
      const file = workspace.setFile(doc.uri, doc.getText(), { version: doc.version, library: folders.libraryOf(doc.uri) });
      changed();
      prepare(file.uri, file.version);
    } catch (err) {
      ctx.log(`document change failed: ${String(err)}`);
    }
  });

  // Parse an edited file as soon as typing pauses, so that a hover or definition asked a moment
  // later finds the tree ready; a request that comes first parses it itself.
  const timers = new Map<string, NodeJS.Timeout>();
  function prepare(uri: string, version: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const file = workspace.getFile(uri);
        if (!file || file.version !== version) return;
        try {
          void file.units;
          workspace.allUnits();
          // Fill the design units' own regions (declarations and statement labels), not the nested ones.
          for (const scope of file.scopes.unitScopes.values()) void scope.decls;
        } catch (err) {
          ctx.log(`parsing ${uri} failed: ${String(err)}`);
        }
      }, PREPARE_DELAY_MS),
    );
  }

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    // A workspace file goes back to its disk contents; a file from elsewhere leaves the index.
    void track(
      ctx,
      (async () => {
        if (!(folders.contains(uri) && (await folders.loadFromDisk(uri)))) workspace.removeFile(uri);
        changed();
      })(),
    ).catch((err) => ctx.log(`document close failed: ${String(err)}`));
  });
}
