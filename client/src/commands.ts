// The `vhdlExplain.*` commands: each gathers its arguments from the editor, calls the server's
// custom request and shows the answer. No VHDL knowledge here: the server decides what a target is.
import { randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { GenerateDocsRequest, InsertDocCommentRequest } from '../../server/src/lsp/protocol';
import type { ExplainPanel } from './explainPanel';
import { classifyFailure, reportFailure } from './requestErrors';
import type { ModelStatusItem } from './statusBar';

export interface CommandContext {
  client(): LanguageClient | undefined;
  restartServer(): Promise<void>;
  log: vscode.LogOutputChannel;
  status: ModelStatusItem;
  panel: ExplainPanel;
}

/** Position arguments as the server's CodeLenses send them: `[uri, { line, character }]`. */
type LocationArgs = [uri?: string | vscode.Uri, position?: { line: number; character: number }];

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg('vhdlExplain.explainEntity', (...args: LocationArgs) => explainEntity(ctx, args)),
    reg('vhdlExplain.explainSelection', () => explainSelection(ctx)),
    reg('vhdlExplain.insertDocComment', (...args: LocationArgs) => insertDocComment(ctx, args)),
    reg('vhdlExplain.generateDocs', (folder?: vscode.Uri) => generateDocs(ctx, folder)),
    reg('vhdlExplain.showModelStatus', () => showModelStatus(ctx)),
    reg('vhdlExplain.selectModelFolder', () => selectModelFolder()),
    reg('vhdlExplain.restartServer', () => ctx.restartServer()),
  ];
}

/** The document and position a command acts on: its arguments, or the active VHDL editor. */
async function target(args: LocationArgs): Promise<{ document: vscode.TextDocument; position: vscode.Position } | undefined> {
  const [uri, pos] = args;
  if (uri && pos && typeof pos.line === 'number') {
    const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    return { document, position: new vscode.Position(pos.line, pos.character) };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'vhdl') {
    void vscode.window.showInformationMessage('VHDL Explain: open a VHDL file and place the cursor in it first.');
    return undefined;
  }
  return { document: editor.document, position: editor.selection.active };
}

async function explainEntity(ctx: CommandContext, args: LocationArgs): Promise<void> {
  const t = await target(args);
  if (t) await ctx.panel.explain(t.document, { position: t.position });
}

async function explainSelection(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'vhdl' || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('VHDL Explain: select some VHDL code to explain.');
    return;
  }
  await ctx.panel.explain(editor.document, { range: editor.selection });
}

async function insertDocComment(ctx: CommandContext, args: LocationArgs): Promise<void> {
  const client = ctx.client();
  const t = await target(args);
  if (!client || !t) return;
  try {
    const c2p = client.code2ProtocolConverter;
    const result = await client.sendRequest(InsertDocCommentRequest.type, {
      textDocument: c2p.asTextDocumentIdentifier(t.document),
      position: c2p.asPosition(t.position),
    });
    if (!result) {
      void vscode.window.showInformationMessage(
        'VHDL Explain: nothing to document here; place the cursor on an entity, port, generic, signal, process or subprogram.',
      );
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('VHDL Explain: the doc comment could not be inserted (the file changed meanwhile?).');
      return;
    }
    vscode.window.setStatusBarMessage(`VHDL Explain: documented ${result.target}`, 4000);
  } catch (e) {
    reportFailure(classifyFailure(e, 'Insert Doc Comment', InsertDocCommentRequest.method), ctx.log);
  }
}

async function generateDocs(ctx: CommandContext, folderArg?: vscode.Uri): Promise<void> {
  const client = ctx.client();
  if (!client) return;
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (folderArg && vscode.workspace.getWorkspaceFolder(folderArg)) ??
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('VHDL Explain: open a folder with VHDL files to generate its docs.');
    return;
  }
  const setting = vscode.workspace.getConfiguration('vhdlExplain', folder.uri).get<string>('docs.outputFolder') || 'docs/vhdl';
  const outputFolder = isAbsolute(setting) ? setting : join(folder.uri.fsPath, setting);
  const token = `vhdlExplain/generateDocs/${randomUUID()}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'VHDL Explain: generating design docs', cancellable: true },
    async (progress, cancel) => {
      let done = 0;
      const sub = client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') return;
        const pct = value.percentage;
        progress.report({ message: value.message, increment: pct === undefined ? undefined : Math.max(0, pct - done) });
        if (pct !== undefined) done = Math.max(done, pct);
      });
      try {
        return await client.sendRequest(GenerateDocsRequest.type, { outputFolder, format: 'html', workDoneToken: token }, cancel);
      } catch (e) {
        reportFailure(classifyFailure(e, 'Generate Design Docs', GenerateDocsRequest.method), ctx.log);
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
  if (!result) return;
  ctx.log.info(`design docs: ${result.written} written, ${result.unchanged} unchanged, index ${result.indexFile}`);
  // Not awaited: the command is finished once the docs are written, whatever the user does with the message.
  void vscode.window
    .showInformationMessage(`VHDL Explain: design docs in ${result.outputFolder} (${result.written} written, ${result.unchanged} unchanged).`, 'Open Index')
    .then((choice) => choice === 'Open Index' && vscode.env.openExternal(vscode.Uri.file(result.indexFile)));
}

async function showModelStatus(ctx: CommandContext): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('vhdlExplain.model');
  const backend = cfg.get<string>('backend');
  const where = backend === 'remote' ? cfg.get<string>('remoteUrl') || '(no remote URL set)' : cfg.get<string>('folder') || 'the default model';
  const choice = await vscode.window.showInformationMessage(
    `VHDL Explain: ${ctx.status.describe()}. Backend: ${backend}, model: ${where}.`,
    'Select Model Folder',
    'Show Log',
  );
  if (choice === 'Select Model Folder') await selectModelFolder();
  else if (choice === 'Show Log') ctx.log.show();
}

async function selectModelFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Use This Model',
    title: 'Folder with config.json, tokenizer.json and the ONNX model',
  });
  if (!picked?.[0]) return;
  await vscode.workspace.getConfiguration('vhdlExplain').update('model.folder', picked[0].fsPath, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`VHDL Explain: model folder set to ${picked[0].fsPath}.`);
}
