// Text document sync: open documents override the disk; each edit replaces only that file's text.
import { type ServerContext, track } from './context';
import type { WorkspaceFolders } from './workspace';

export function registerDocuments(ctx: ServerContext, folders: WorkspaceFolders): void {
  const { documents, workspace } = ctx;
  const changed = (): void => {
    for (const f of ctx.onWorkspaceChanged) f();
  };

  // Fires for didOpen and every didChange; the text is already the incrementally patched document.
  documents.onDidChangeContent((e) => {
    try {
      const doc = e.document;
      workspace.setFile(doc.uri, doc.getText(), { version: doc.version, library: folders.libraryOf(doc.uri) });
      changed();
    } catch (err) {
      ctx.log(`document change failed: ${String(err)}`);
    }
  });

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
