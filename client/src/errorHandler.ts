// Restart policy for the language server: the library's default handler (restart unless it crashed
// too often), plus a log line for every restart and one clear message when it gives up.
import * as vscode from 'vscode';
import { CloseAction, type CloseHandlerResult, type ErrorHandler, type LanguageClient } from 'vscode-languageclient/node';

/** Restarts allowed within the library's three-minute window before the client gives up. */
export const MAX_RESTARTS = 4;

export function restartingErrorHandler(client: LanguageClient, log: vscode.LogOutputChannel): ErrorHandler {
  const base = client.createDefaultErrorHandler(MAX_RESTARTS);
  let restarts = 0;
  return {
    error: (error, message, count) => base.error(error, message, count),
    async closed(): Promise<CloseHandlerResult> {
      const verdict = await base.closed();
      if (verdict.action === CloseAction.Restart) {
        restarts++;
        log.warn(`The language server stopped unexpectedly; restarting it (restart ${restarts}).`);
        return { action: CloseAction.Restart, handled: true };
      }
      log.error(`The language server stopped unexpectedly ${MAX_RESTARTS + 1} times within 3 minutes; not restarting it.`);
      void vscode.window
        .showErrorMessage(
          `VHDL Explain: the language server crashed ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted. See the "VHDL Explain" output for details.`,
          'Restart Server',
          'Show Log',
        )
        .then((choice) => {
          if (choice === 'Restart Server') void vscode.commands.executeCommand('vhdlExplain.restartServer');
          else if (choice === 'Show Log') log.show();
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
