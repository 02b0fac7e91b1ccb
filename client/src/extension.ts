// VS Code entry point: starts the language server, wires its notifications to the status bar and
// the explain panel, registers the commands, and returns a small API the e2e tests use.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ExplainProgressNotification, ModelStatusNotification } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { ExplainPanel, type PanelState } from './explainPanel';
import { createLanguageClient } from './languageClient';
import { ModelStatusItem } from './statusBar';

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`). */
export interface VhdlExplainApi {
  /** Resolves once the language server has started (rejects when it could not start). */
  serverReady(): Promise<void>;
  client(): LanguageClient | undefined;
  /** The status bar's text in words, e.g. `model ready (vhdl-explain-q4)`. */
  modelStatus(): string;
  explainPanel(): PanelState;
  onExplainPanelChange: vscode.Event<PanelState>;
  /** What the panel's Stop button does. */
  stopExplain(): void;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): VhdlExplainApi {
  const log = vscode.window.createOutputChannel('VHDL Explain', { log: true });
  const status = new ModelStatusItem();
  const panel = new ExplainPanel(() => client, log);
  context.subscriptions.push(log, status, panel);

  let ready: Promise<void> = Promise.resolve();
  const start = (): Promise<void> => {
    const c = createLanguageClient(context, log);
    client = c;
    c.onDidChangeState((e) => {
      if (client !== c) return;
      status.setServerState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    c.onNotification(ModelStatusNotification.type, (s) => status.setModelStatus(s));
    c.onNotification(ExplainProgressNotification.type, (p) => panel.onProgress(p));
    ready = c.start().catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      log.error(`The language server did not start: ${msg}`);
      status.setServerState('stopped');
      void vscode.window.showErrorMessage(`VHDL Explain: the language server did not start (${msg}). See the "VHDL Explain" output.`);
      throw e;
    });
    ready.catch(() => undefined); // reported above; callers of serverReady() still see the rejection
    return ready;
  };

  const restartServer = async (): Promise<void> => {
    const old = client;
    client = undefined;
    status.setServerState('starting');
    if (old) await old.dispose(2000).catch((e: unknown) => log.warn(`stopping the old server: ${String(e)}`));
    log.info('Restarting the language server.');
    await start().catch(() => undefined);
  };

  context.subscriptions.push(...registerCommands({ client: () => client, restartServer, log, status, panel }));
  void start().catch(() => undefined);

  return {
    serverReady: () => ready,
    client: () => client,
    modelStatus: () => status.describe(),
    explainPanel: () => panel.snapshot(),
    onExplainPanelChange: panel.onDidChange,
    stopExplain: () => panel.stop(),
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop(2000).catch(() => undefined);
}
