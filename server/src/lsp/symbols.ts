// Outline, workspace symbols and folding ranges.
import {
  type DocumentSymbol as LspDocumentSymbol,
  type FoldingRange as LspFoldingRange,
  FoldingRangeKind,
  SymbolKind as LspSymbolKind,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { foldingRanges } from '../ide/folding';
import { documentSymbols, workspaceSymbols } from '../ide/symbols';
import type { DocumentSymbol, SymbolKind } from '../ide/types';
import { type ServerContext, guarded } from './context';

const KIND: Record<SymbolKind, LspSymbolKind> = {
  module: LspSymbolKind.Module,
  package: LspSymbolKind.Package,
  class: LspSymbolKind.Class,
  interface: LspSymbolKind.Interface,
  typeParameter: LspSymbolKind.TypeParameter,
  variable: LspSymbolKind.Variable,
  constant: LspSymbolKind.Constant,
  struct: LspSymbolKind.Struct,
  enum: LspSymbolKind.Enum,
  enumMember: LspSymbolKind.EnumMember,
  field: LspSymbolKind.Field,
  function: LspSymbolKind.Function,
  method: LspSymbolKind.Method,
  event: LspSymbolKind.Event,
  object: LspSymbolKind.Object,
  namespace: LspSymbolKind.Namespace,
  key: LspSymbolKind.Key,
  type: LspSymbolKind.TypeParameter,
};

function toLsp(s: DocumentSymbol): LspDocumentSymbol {
  return {
    name: s.name || '?',
    detail: s.detail,
    kind: KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toLsp),
  };
}

export function registerSymbols(ctx: ServerContext): void {
  const { connection, workspace } = ctx;
  connection.onDocumentSymbol(
    guarded(ctx, 'documentSymbol', [] as LspDocumentSymbol[], (params) => documentSymbols(workspace, params.textDocument.uri).map(toLsp)),
  );
  connection.onWorkspaceSymbol(
    guarded(ctx, 'workspaceSymbol', [] as SymbolInformation[], (params, token) =>
      workspaceSymbols(workspace, params.query, () => token.isCancellationRequested).map((s) => ({
        name: s.name,
        kind: KIND[s.kind],
        containerName: s.containerName,
        location: s.location,
      })),
    ),
  );
  connection.onFoldingRanges(
    guarded(ctx, 'foldingRange', [] as LspFoldingRange[], (params) =>
      foldingRanges(workspace, params.textDocument.uri).map((f) => ({
        startLine: f.startLine,
        endLine: f.endLine,
        kind: f.kind === 'comment' ? FoldingRangeKind.Comment : f.kind === 'region' ? FoldingRangeKind.Region : undefined,
      })),
    ),
  );
}
