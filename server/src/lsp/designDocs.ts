// "Generate design docs" over LSP: `vhdl/generateDocs` with work-done progress and cancellation.
import type { DesignUnit } from '../analysis/designUnits';
import type { Workspace } from '../analysis/workspace';
import { explain } from '../ide/explain';
import type { Backend } from '../llm/index';
import { type ServerContext, guarded } from './context';
import { writeDesignDocs } from './docsWriter';
import { models } from './model';
import { GenerateDocsRequest, type GenerateDocsResult } from './protocol';

/** Model prose for an entity page: the grounded Explanation section of "Explain this entity". */
export function docsExplainer(ws: Workspace, backend: Backend | undefined, maxTokens?: number): ((u: DesignUnit) => Promise<string | undefined>) | undefined {
  if (!backend) return undefined;
  return async (u) => {
    const a = await explain(ws, { kind: 'unit', unit: u }, { backend, maxTokens });
    if (!a.modelUsed) return undefined;
    const m = /## Explanation\n\n([\s\S]*?)(\n## |\s*$)/.exec(a.markdown);
    const text = m?.[1].trim();
    return text && !text.startsWith('_') ? text : undefined;
  };
}

export function registerDesignDocs(ctx: ServerContext): void {
  ctx.connection.onRequest(
    GenerateDocsRequest.type,
    guarded(ctx, 'generateDocs', null as unknown as GenerateDocsResult, async (params, token) => {
      const progress = await ctx.connection.window.attachWorkDoneProgress(params.workDoneToken);
      progress.begin('Generating design docs', 0, undefined, true);
      try {
        const r = await writeDesignDocs(ctx.workspace, params.outputFolder, {
          format: params.format === 'md' ? 'md' : 'html',
          explain: docsExplainer(ctx.workspace, models?.asBackend('writing design docs'), models?.settings.maxTokens),
          isCancelled: () => token.isCancellationRequested,
          onProgress: (done, total, name) => progress.report(total ? Math.round((100 * done) / total) : 100, name ? `${name} (${done + 1}/${total})` : 'index'),
        });
        return { outputFolder: r.outputFolder, indexFile: r.indexFile, written: r.written, unchanged: r.unchanged.length };
      } finally {
        progress.done();
      }
    }),
  );
}
