// Hover: the sections that ide/ composes, joined into one Markdown answer.
import { performance } from 'node:perf_hooks';
import { type Hover, MarkupKind } from 'vscode-languageserver/node';
import { basicHover } from '../ide/basicHover';
import { appendFactsSection } from '../ide/factsHover';
import { hoverMarkdown } from '../ide/types';
import { type ServerContext, guarded } from './context';
import { hoverExplainer } from './explain';
import { models } from './model';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded(ctx, 'hover', null as Hover | null, async (params) => {
      // The hover budget counts from here: the facts and the prompt are inside it.
      const startedAt = performance.now();
      const h = basicHover(ctx.workspace, params.textDocument.uri, params.position);
      appendFactsSection(ctx.workspace, params.textDocument.uri, params.position, h);
      if (!h || h.sections.length === 0) return null;
      if (hoverExplainer && models?.backend()) {
        const a = await hoverExplainer.answer(ctx.workspace, params.textDocument.uri, params.position, models.settings.hoverBudgetMs, undefined, startedAt).catch(() => undefined);
        if (a?.section) h.sections.push(a.section);
      }
      return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(h) }, range: h.range };
    }),
  );
}
