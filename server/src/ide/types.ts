// Editor-shaped answers as plain data (0-based lines, UTF-16 characters), shared by the server and the CLI.

/** 0-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  uri: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  message: string;
  /** A stable code, e.g. `unresolved-name`; syntax diagnostics carry the parser's code. */
  code?: string;
  source: string;
}

/** Symbol kinds in editor terms; lsp/ maps them onto the protocol's numbers. */
export type SymbolKind =
  | 'module' // entity, architecture, configuration, context
  | 'package'
  | 'class' // component
  | 'interface' // port
  | 'typeParameter' // generic
  | 'variable' // signal, variable, shared variable, file
  | 'constant'
  | 'struct' // record type
  | 'enum'
  | 'enumMember'
  | 'field'
  | 'function'
  | 'method' // procedure
  | 'event' // process
  | 'object' // instance
  | 'namespace' // generate, block
  | 'key' // alias, attribute
  | 'type';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  containerName?: string;
  location: Location;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface Highlight {
  range: Range;
  kind: 'read' | 'write' | 'text';
}

/**
 * A hover as sections of Markdown joined by horizontal rules. Other layers (facts, explanations)
 * append sections to the list that `basicHover` returns.
 */
export interface HoverSection {
  /** Who wrote the section, e.g. `declaration`, `facts`. */
  id: string;
  markdown: string;
}

export interface Hover {
  range: Range;
  sections: HoverSection[];
}

export function hoverMarkdown(h: Hover): string {
  return h.sections.map((s) => s.markdown).join('\n\n---\n\n');
}
