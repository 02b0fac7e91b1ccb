// The "Explain" side panel: a webview that shows the streamed explanation (`vhdl/explainProgress`),
// a Stop button that cancels the request, and source links that reveal lines in the editor.
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainRequest, type ExplainParams, type ExplainProgress } from '../../server/src/lsp/protocol';
import { escapeHtml, renderMarkdown } from './markdown';
import { classifyFailure, reportFailure } from './requestErrors';

export type PanelStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface PanelState {
  status: PanelStatus;
  title: string;
  markdown: string;
  /** One line under the title: what is happening, or why it stopped. */
  note: string;
  /** `vhdl/explainProgress` chunks received for the current (or last) run. */
  streamed: number;
}

export type ExplainTarget = { position: vscode.Position } | { range: vscode.Range };

const RENDER_INTERVAL_MS = 50; // coalesce streamed chunks into at most ~20 renders a second

export class ExplainPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: PanelState = { status: 'idle', title: 'Explain', markdown: '', note: '', streamed: 0 };
  private run: { streamId: string; cts: vscode.CancellationTokenSource; uri: vscode.Uri } | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<PanelState>();
  /** Fires after each render with the panel's state (tests wait on it). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  snapshot(): PanelState {
    return { ...this.state };
  }

  /** Streamed chunk from the server; chunks of other (older, stopped) runs are ignored. */
  onProgress(p: ExplainProgress): void {
    if (!this.run || p.streamId !== this.run.streamId) return;
    this.state.markdown += p.delta;
    this.state.streamed++;
    if (p.title) this.state.title = p.title;
    this.scheduleRender();
  }

  async explain(document: vscode.TextDocument, target: ExplainTarget): Promise<void> {
    const client = this.getClient();
    if (!client) {
      void vscode.window.showErrorMessage('VHDL Explain: the language server is not running.');
      return;
    }
    this.stop('Replaced by a new request.');
    const run = { streamId: randomUUID(), cts: new vscode.CancellationTokenSource(), uri: document.uri };
    this.run = run;
    this.state = { status: 'running', title: vscode.workspace.asRelativePath(document.uri), markdown: '', note: 'Explaining…', streamed: 0 };
    this.reveal();
    this.renderNow();

    const c2p = client.code2ProtocolConverter;
    const params: ExplainParams = {
      textDocument: c2p.asTextDocumentIdentifier(document),
      streamId: run.streamId,
      ...('range' in target ? { range: c2p.asRange(target.range) } : { position: c2p.asPosition(target.position) }),
    };
    const started = Date.now();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'VHDL Explain: explaining' },
      async () => {
        try {
          const result = await client.sendRequest(ExplainRequest.type, params, run.cts.token);
          if (this.run !== run) return;
          if (!result) {
            this.finish('done', 'Nothing to explain here: place the cursor in an entity or architecture, or select some code.');
            return;
          }
          this.state.title = result.title;
          this.state.markdown = result.markdown;
          const secs = ((Date.now() - started) / 1000).toFixed(1);
          const source = result.modelUsed ? 'facts and model' : 'facts only (no model)';
          const grounding = result.grounding && !result.grounding.ok ? `; ${result.grounding.dropped.length} unsupported sentence(s) removed` : '';
          this.finish('done', `Done in ${secs} s, ${source}${grounding}.`);
        } catch (e) {
          if (this.run !== run) return; // stop() already said why
          const failure = classifyFailure(e, 'Explain', ExplainRequest.method);
          if (failure.kind === 'cancelled') this.finish('stopped', 'Stopped.');
          else {
            this.finish('failed', failure.message.replace(/^VHDL Explain: /, ''));
            reportFailure(failure, this.log);
          }
        } finally {
          run.cts.dispose();
          if (this.run === run) this.run = undefined;
        }
      },
    );
  }

  /** Cancels the running request, if any. */
  stop(note = 'Stopped.'): void {
    const run = this.run;
    if (!run) return;
    run.cts.cancel();
    this.run = undefined;
    this.finish('stopped', note);
  }

  private finish(status: PanelStatus, note: string): void {
    this.state.status = status;
    this.state.note = note;
    this.renderNow();
  }

  private reveal(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'vhdlExplain.explain',
      'VHDL Explain',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    panel.webview.html = panelHtml(panel.webview);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.stop('Panel closed.');
    });
    this.panel = panel;
  }

  private onMessage(m: unknown): void {
    const msg = m as { type?: string; line?: unknown; end?: unknown };
    if (msg.type === 'ready') this.renderNow();
    else if (msg.type === 'stop') this.stop();
    else if (msg.type === 'reveal' && typeof msg.line === 'number') void this.revealSource(msg.line, typeof msg.end === 'number' ? msg.end : msg.line);
  }

  private lastUri: vscode.Uri | undefined;

  private async revealSource(line: number, end: number): Promise<void> {
    const uri = this.run?.uri ?? this.lastUri;
    if (!uri) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const from = Math.max(0, Math.min(line - 1, doc.lineCount - 1));
    const to = Math.max(from, Math.min(end - 1, doc.lineCount - 1));
    const range = new vscode.Range(from, 0, to, doc.lineAt(to).text.length);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
  }

  private scheduleRender(): void {
    this.renderTimer ??= setTimeout(() => this.renderNow(), RENDER_INTERVAL_MS);
  }

  private renderNow(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    if (this.run) this.lastUri = this.run.uri;
    if (this.panel) {
      this.panel.title = `Explain: ${this.state.title}`;
      void this.panel.webview.postMessage({
        type: 'render',
        title: this.state.title,
        status: this.state.status,
        note: this.state.note,
        html: renderMarkdown(this.state.markdown),
      });
    }
    this.changed.fire(this.snapshot());
  }

  dispose(): void {
    this.stop();
    this.panel?.dispose();
    this.changed.dispose();
  }
}

/**
 * The panel's page. CSP: nothing loads except our nonce'd style and script; the HTML the script
 * inserts was escaped by renderMarkdown, and inline scripts in it could not run anyway.
 */
function panelHtml(webview: vscode.Webview): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>VHDL Explain</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 24px; line-height: 1.5; }
  header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; border-bottom: 1px solid var(--vscode-panel-border); }
  h1 { font-size: 1.3em; margin: 0 0 4px; }
  #note { opacity: 0.8; margin-right: 12px; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 12px; cursor: pointer; }
  button:disabled { opacity: 0.4; cursor: default; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; }
  code { font-family: var(--vscode-editor-font-family); }
  blockquote { margin: 8px 0; padding: 0 12px; border-left: 3px solid var(--vscode-textBlockQuote-border); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow-x: auto; }
  a.src { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
<header>
  <h1 id="title">VHDL Explain</h1>
  <span id="note"></span><button id="stop" hidden>Stop</button>
</header>
<main id="content" aria-live="polite"></main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');
  const note = document.getElementById('note');
  const stop = document.getElementById('stop');
  const title = document.getElementById('title');
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'render') return;
    title.textContent = m.title;
    note.textContent = m.note;
    stop.hidden = m.status !== 'running';
    content.innerHTML = m.html;
    document.body.dataset.status = m.status;
  });
  stop.addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
  content.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a.src') : null;
    if (!a) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', line: Number(a.dataset.line), end: Number(a.dataset.end) });
  });
  vscode.postMessage({ type: 'ready' });
</script>
</body>
</html>`;
}
