// "Insert doc comment" over LSP: the `vhdl/insertDocComment` request (one WorkspaceEdit) and a code
// action that runs the client command (so the model's summary is made only when asked for).
import { type CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { docCommentTarget, insertDocComment } from '../ide/insertDocComment';
import { type ServerContext, guarded } from './context';
import { models } from './model';
import { ClientCommands, InsertDocCommentRequest, type InsertDocCommentResult } from './protocol';

export function registerDocComment(ctx: ServerContext): void {
  ctx.connection.onRequest(
    InsertDocCommentRequest.type,
    guarded(ctx, 'insertDocComment', null as InsertDocCommentResult | null, async (params, token) => {
      const uri = params.textDocument.uri;
      const e = await insertDocComment(ctx.workspace, uri, params.position, models?.asBackend('writing a doc comment'), token);
      if (!e) return null;
      const version = ctx.documents.get(uri)?.version;
      const edit = { range: e.range, newText: e.newText };
      return {
        target: e.target,
        edit: version !== undefined
          ? { documentChanges: [{ textDocument: { uri, version }, edits: [edit] }] }
          : { changes: { [uri]: [edit] } },
      };
    }),
  );

  ctx.connection.onCodeAction(
    guarded(ctx, 'codeAction', [] as CodeAction[], (params) => {
      const plan = docCommentTarget(ctx.workspace, params.textDocument.uri, params.range.start);
      if (!plan) return [];
      return [
        {
          title: `Insert doc comment for ${plan.target}`,
          kind: CodeActionKind.RefactorRewrite,
          command: { title: 'Insert doc comment', command: ClientCommands.insertDocComment, arguments: [params.textDocument.uri, params.range.start] },
        },
      ];
    }),
  );
}
