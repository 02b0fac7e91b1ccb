// Hover: the sections that ide/ composes, joined into one Markdown answer.
import { type Hover, MarkupKind } from 'vscode-languageserver/node';
import { basicHover } from '../ide/basicHover';
import { appendFactsSection } from '../ide/factsHover';
import { hoverMarkdown } from '../ide/types';
import { type ServerContext, guarded } from './context';
import { explanationHoverSection } from './explain';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded(ctx, 'hover', null as Hover | null, async (params) => {
      const h = basicHover(ctx.workspace, params.textDocument.uri, params.position);
      appendFactsSection(ctx.workspace, params.textDocument.uri, params.position, h);
      if (!h || h.sections.length === 0) return null;
      const explanation = await explanationHoverSection(ctx, params).catch(() => undefined);
      if (explanation) h.sections.push(explanation);
      return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(h) }, range: h.range };
    }),
  );
}
