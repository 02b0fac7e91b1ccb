// State shared by the server's concern modules, and the wrapper that makes every handler safe.
import {
  type CancellationToken,
  type Connection,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../analysis/workspace';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: Workspace;
  /** Resolves once the initial workspace scan has loaded every file's text. */
  ready: Promise<void>;
  /** Disk reads in flight (watched files, closed documents); requests wait for them. */
  pending: Set<Promise<unknown>>;
  /** Called after any change to the workspace's contents, so that dependent answers refresh. */
  onWorkspaceChanged: Set<() => void>;
  /**
   * Run, and awaited, when the client asks the server to shut down. The connection keeps a single
   * shutdown handler, so concerns add theirs here instead of calling `connection.onShutdown`.
   */
  onShutdown: Set<() => void | Promise<void>>;
  log(message: string): void;
}

/** Thrown to leave a handler when the client cancels the request. */
export class Cancelled extends Error {}

export function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}

const failedOnce = new Set<string>();

/**
 * Wraps a request handler: waits for the workspace, answers `empty` when the handler throws (logging
 * the first failure of each handler), and a RequestCancelled error when the client cancelled.
 */
export function guarded<P, R>(
  ctx: ServerContext,
  name: string,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    try {
      await ctx.ready;
      if (ctx.pending.size) await Promise.all([...ctx.pending]);
      checkCancelled(token);
      const result = await handler(params, token);
      checkCancelled(token);
      return result;
    } catch (e) {
      if (e instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (!failedOnce.has(name)) {
        failedOnce.add(name);
        ctx.log(`${name} failed (further failures of this handler are not logged): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      return empty;
    }
  };
}

/** Wraps a notification handler so that an exception is logged instead of crashing the server. */
export function guardedNotification<P>(ctx: ServerContext, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const r = handler(params);
      if (r instanceof Promise) r.catch((e) => logOnce(ctx, name, e));
    } catch (e) {
      logOnce(ctx, name, e);
    }
  };
}

function logOnce(ctx: ServerContext, name: string, e: unknown): void {
  if (failedOnce.has(name)) return;
  failedOnce.add(name);
  ctx.log(`${name} failed (further failures are not logged): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}

/** Runs a disk read so that requests arriving meanwhile wait for it (and see its result). */
export function track<T>(ctx: ServerContext, work: Promise<T>): Promise<T> {
  const p = work.finally(() => ctx.pending.delete(p));
  ctx.pending.add(p);
  return p;
}
