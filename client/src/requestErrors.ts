// Turns a failed custom request into one user-facing sentence: cancelled, not implemented by this
// server version, server not running, or a real error (whose details go to the log).
import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';

export type Failure =
  | { kind: 'cancelled' }
  | { kind: 'notImplemented'; message: string }
  | { kind: 'error'; message: string };

export function classifyFailure(error: unknown, feature: string, method: string): Failure {
  if (error instanceof vscode.CancellationError) return { kind: 'cancelled' };
  if (error instanceof ResponseError) {
    if (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled) return { kind: 'cancelled' };
    if (error.code === ErrorCodes.MethodNotFound) {
      return {
        kind: 'notImplemented',
        message: `VHDL Explain: "${feature}" is not available yet: this language server does not implement ${method}.`,
      };
    }
    if (error.code === ErrorCodes.ConnectionInactive) {
      return { kind: 'error', message: `VHDL Explain: "${feature}" failed: the language server is not running (try "VHDL Explain: Restart Server").` };
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'error', message: `VHDL Explain: "${feature}" failed: ${detail}` };
}

/** Shows the failure (nothing for a cancellation) and logs it. */
export function reportFailure(failure: Failure, log: vscode.LogOutputChannel): void {
  if (failure.kind === 'cancelled') return;
  log.warn(failure.message);
  if (failure.kind === 'notImplemented') void vscode.window.showInformationMessage(failure.message);
  else void vscode.window.showErrorMessage(failure.message);
}
