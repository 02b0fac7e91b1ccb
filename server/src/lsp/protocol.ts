// The custom `vhdl/...` LSP methods, declared once: the client (client/src/) and the server handlers
// both import this file. It imports only protocol types, so either side can bundle it.
import {
  NotificationType,
  RequestType,
  type Position,
  type Range,
  type TextDocumentIdentifier,
  type WorkDoneProgressParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

// ---------------------------------------------------------------------------------------------
// Model status (server -> client). Drives the status bar item and "Show Model Status".

export type ModelState = 'off' | 'loading' | 'ready' | 'busy' | 'failed' | 'remote';

export interface ModelStatus {
  state: ModelState;
  /** Short name of the model or endpoint, e.g. `vhdl-explain-q4` or `http://host:8080/v1`. */
  model?: string;
  /** Human-readable detail: the failure reason for `failed`, what runs for `busy`. */
  detail?: string;
}

/** Sent by the server whenever the model state changes (and once after `initialized`). */
export namespace ModelStatusNotification {
  export const method = 'vhdl/modelStatus' as const;
  export const type = new NotificationType<ModelStatus>(method);
}

// ---------------------------------------------------------------------------------------------
// Explain (client -> server): "Explain This Entity" and "Explain Selection".

export interface ExplainParams extends WorkDoneProgressParams {
  textDocument: TextDocumentIdentifier;
  /** Explain the design unit (entity and its architecture) at this position. */
  position?: Position;
  /** Or explain exactly this range (a selection). When both are set, `range` wins. */
  range?: Range;
  /** Chosen by the client; tags the `vhdl/explainProgress` notifications of this request. */
  streamId: string;
}

export interface ExplainResult {
  /** Panel title, e.g. `debounce (rtl)` or `Selection, lines 12-30`. */
  title: string;
  /**
   * The whole explanation as Markdown: headings, paragraphs, `-` lists, pipe tables and `code`.
   * Links back to the source are written `[label](line:N)` or `[label](line:N-M)` (1-based lines
   * in the explained document); the panel turns them into clickable source links.
   */
  markdown: string;
  /** False when the text is facts only (no model, or the model failed). */
  modelUsed: boolean;
  /** The grounding check's verdict on the model's prose, when a model was used. */
  grounding?: { ok: boolean; dropped: string[] };
}

/** Returns null when there is nothing to explain at the position. Cancellable ($/cancelRequest). */
export namespace ExplainRequest {
  export const method = 'vhdl/explain' as const;
  export const type = new RequestType<ExplainParams, ExplainResult | null, void>(method);
}

export interface ExplainProgress {
  streamId: string;
  /** Markdown to append to what the panel shows so far. */
  delta: string;
  /** Sent with the first chunk when known, so the panel can title itself early. */
  title?: string;
}

/** Streamed text of an `ExplainRequest` while it runs; the request's result is the final text. */
export namespace ExplainProgressNotification {
  export const method = 'vhdl/explainProgress' as const;
  export const type = new NotificationType<ExplainProgress>(method);
}

// ---------------------------------------------------------------------------------------------
// Doc comments (client -> server).

export interface InsertDocCommentParams {
  textDocument: TextDocumentIdentifier;
  /** The entity, port, generic, signal, process or subprogram at (or declared on the line of) this position. */
  position: Position;
}

export interface InsertDocCommentResult {
  /** `--!` lines to insert above the declaration, as one edit the client applies (one undo step). */
  edit: WorkspaceEdit;
  /** What was documented, e.g. `signal cnt`, for the client's message. */
  target: string;
}

/** Returns null when no documentable declaration is at the position. */
export namespace InsertDocCommentRequest {
  export const method = 'vhdl/insertDocComment' as const;
  export const type = new RequestType<InsertDocCommentParams, InsertDocCommentResult | null, void>(method);
}

// ---------------------------------------------------------------------------------------------
// Design docs (client -> server), with standard work-done progress and cancellation.

export interface GenerateDocsParams extends WorkDoneProgressParams {
  /** Absolute file-system path of the output folder (the client resolves `vhdlExplain.docs.outputFolder`). */
  outputFolder: string;
  format: 'html' | 'md';
}

export interface GenerateDocsResult {
  outputFolder: string;
  /** Absolute path of the index page (the design hierarchy). */
  indexFile: string;
  /** Entity pages written in this run, and pages kept because their entity did not change. */
  written: number;
  unchanged: number;
}

/**
 * The client sends a `workDoneToken`; the server reports `$/progress` begin/report/end on it
 * (`message` like `debounce (3/12)`, `percentage`), and stops when the request is cancelled.
 */
export namespace GenerateDocsRequest {
  export const method = 'vhdl/generateDocs' as const;
  export const type = new RequestType<GenerateDocsParams, GenerateDocsResult, void>(method);
}

// ---------------------------------------------------------------------------------------------
// Commands the server may reference (CodeLens, code actions). Arguments are JSON-serialisable.

export const ClientCommands = {
  /** Arguments: `[uri: string, position: Position]`. */
  explainEntity: 'vhdlExplain.explainEntity',
  /** Arguments: `[uri: string, position: Position]`. */
  insertDocComment: 'vhdlExplain.insertDocComment',
} as const;
