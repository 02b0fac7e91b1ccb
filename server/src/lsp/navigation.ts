// Go to definition, find references and document highlights.
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver/node';
import { definition } from '../ide/definition';
import { documentHighlights } from '../ide/highlights';
import { references } from '../ide/references';
import { type ServerContext, guarded } from './context';

export function registerNavigation(ctx: ServerContext): void {
  const { connection, workspace } = ctx;
  connection.onDefinition(
    guarded(ctx, 'definition', [] as Location[], (params) => definition(workspace, params.textDocument.uri, params.position)),
  );
  connection.onReferences(
    guarded(ctx, 'references', [] as Location[], (params, token) =>
      references(workspace, params.textDocument.uri, params.position, params.context.includeDeclaration, () => token.isCancellationRequested),
    ),
  );
  connection.onDocumentHighlight(
    guarded(ctx, 'documentHighlight', [] as DocumentHighlight[], (params) =>
      documentHighlights(workspace, params.textDocument.uri, params.position).map((h) => ({
        range: h.range,
        kind: h.kind === 'write' ? DocumentHighlightKind.Write : h.kind === 'read' ? DocumentHighlightKind.Read : DocumentHighlightKind.Text,
      })),
    ),
  );
}
