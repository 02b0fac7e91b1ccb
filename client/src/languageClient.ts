// Creates the language client: the server bundle (dist/server.js) runs in a Node child process and
// talks JSON-RPC over IPC; settings under `vhdlExplain` are synchronised to it.
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { restartingErrorHandler } from './errorHandler';

export const CLIENT_ID = 'vhdlExplain'; // also the settings prefix: `vhdlExplain.trace.server`

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'vhdl' },
      { scheme: 'untitled', language: 'vhdl' },
    ],
    synchronize: { configurationSection: 'vhdlExplain' },
    // cacheDir: where the server keeps model explanations between editor sessions.
    initializationOptions: { vhdlExplain: settingsSnapshot(), cacheDir: context.globalStorageUri.fsPath },
    outputChannel: log,
    // Our commands report their own failures; the library's pop-ups would double them.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  const client = new LanguageClient(CLIENT_ID, 'VHDL Explain', serverOptions, clientOptions);
  client.clientOptions.errorHandler = restartingErrorHandler(client, log);
  return client;
}

/** The `vhdlExplain` settings as a plain object (what `workspace/configuration` would answer). */
function settingsSnapshot(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('vhdlExplain')));
}
