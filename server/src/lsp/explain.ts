// Explanation features over LSP: `vhdl/explain` with streamed progress, the hover explainer (hover.ts asks it),
// CodeLenses above entities and architectures, and background hover preparation for open files.
import { type CancellationToken, type CodeLens } from 'vscode-languageserver/node';
import { explain, explainTargetAt } from '../ide/explain';
import { HoverExplainer } from '../ide/modelHover';
import { type ServerContext, checkCancelled, guarded } from './context';
import { models } from './model';
import { ClientCommands, ExplainProgressNotification, ExplainRequest, type ExplainParams, type ExplainResult } from './protocol';

/** The hover explainer of this server (set by registerExplain). */
export let hoverExplainer: HoverExplainer | undefined;

export function registerExplain(ctx: ServerContext): void {
  hoverExplainer = new HoverExplainer(() => models?.asBackend('hover'));
  const prepareTimers = new Map<string, NodeJS.Timeout>();
  const schedulePrepare = (uri: string) => {
    hoverExplainer?.textChanged(uri);
    clearTimeout(prepareTimers.get(uri));
    if (!models?.settings.prepareHovers || !models.backend()) return;
    // Wait for typing to pause; the newest text wins (older preparation stops on textChanged).
    prepareTimers.set(uri, setTimeout(() => {
      prepareTimers.delete(uri);
      void hoverExplainer?.prepare(ctx.workspace, uri).catch(() => 0);
    }, 1000));
  };
  ctx.documents.onDidOpen((e) => schedulePrepare(e.document.uri));
  ctx.documents.onDidChangeContent((e) => schedulePrepare(e.document.uri));
  ctx.documents.onDidClose((e) => {
    hoverExplainer?.textChanged(e.document.uri);
    clearTimeout(prepareTimers.get(e.document.uri));
  });
  ctx.onShutdown.add(() => {
    for (const t of prepareTimers.values()) clearTimeout(t);
  });

  // Not `guarded`: a cancelled explanation still answers with what it produced (the panel keeps it).
  ctx.connection.onRequest(ExplainRequest.type, async (params, token) => {
    try {
      await ctx.ready;
      return await explainHandler(params, token);
    } catch (e) {
      ctx.log(`explain failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return null;
    }
  });
  const explainHandler = async (params: ExplainParams, token: CancellationToken): Promise<ExplainResult | null> => {
    {
      const target = explainTargetAt(ctx.workspace, params.textDocument.uri, params.position, params.range);
      if (!target) return null;
      let first = true;
      let answer0Title: string | undefined;
      const backend = models?.asBackend(`explaining ${params.textDocument.uri.split('/').pop()}`);
      const answer = await explain(ctx.workspace, target, {
        backend,
        noModelReason: models?.unavailableReason ?? 'explanations are off',
        maxTokens: models?.settings.maxTokens,
        token,
        onDelta: (delta) => {
          if (first) answer0Title = /^# (.*)/.exec(delta)?.[1];
          void ctx.connection.sendNotification(ExplainProgressNotification.type, { streamId: params.streamId, delta, ...(first ? { title: answer0Title } : {}) });
          first = false;
        },
      });
      // A cancelled request still answers with what was produced (the client may show it).
      return {
        title: answer.title,
        markdown: answer.markdown,
        modelUsed: answer.modelUsed,
        ...(answer.grounding ? { grounding: { ok: answer.grounding.ok, dropped: answer.grounding.dropped } } : {}),
      };
    }
  };

  ctx.connection.onCodeLens(
    guarded(ctx, 'codeLens', [] as CodeLens[], (params, token) => {
      const file = ctx.workspace.getFile(params.textDocument.uri);
      if (!file) return [];
      checkCancelled(token);
      const out: CodeLens[] = [];
      for (const u of file.units) {
        if (u.kind !== 'entity' && u.kind !== 'architecture') continue;
        const pos = file.lines.positionAt(u.node.start);
        out.push({
          range: { start: pos, end: pos },
          command: { title: 'Explain this entity', command: ClientCommands.explainEntity, arguments: [params.textDocument.uri, pos] },
        });
      }
      return out;
    }),
  );
}
