// The status bar item: the model's state as the server reports it (`vhdl/modelStatus`), and the
// language server's own state when it is not running.
import * as vscode from 'vscode';
import type { ModelState, ModelStatus } from '../../server/src/lsp/protocol';

const ICONS: Record<ModelState, string> = {
  off: '$(circle-slash)',
  loading: '$(loading~spin)',
  ready: '$(check)',
  busy: '$(sync~spin)',
  failed: '$(error)',
  remote: '$(cloud)',
};

const LABELS: Record<ModelState, string> = {
  off: 'model off',
  loading: 'loading model',
  ready: 'model ready',
  busy: 'model busy',
  failed: 'model failed',
  remote: 'remote model',
};

export type ServerState = 'starting' | 'running' | 'stopped';

export class ModelStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vhdlExplain.modelStatus', vscode.StatusBarAlignment.Right, 100);
  private server: ServerState = 'starting';
  status: ModelStatus | undefined;

  constructor() {
    this.item.name = 'VHDL Explain Model';
    this.item.command = 'vhdlExplain.showModelStatus';
    this.render();
    this.item.show();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    this.render();
  }

  setModelStatus(status: ModelStatus): void {
    this.status = status;
    this.render();
  }

  /** One line for messages and tests, e.g. `model ready (vhdl-explain-q4)`. */
  describe(): string {
    if (this.server !== 'running') return `language server ${this.server}`;
    if (!this.status) return 'model state not reported by the server yet';
    const s = this.status;
    return `${LABELS[s.state] ?? s.state}${s.model ? ` (${s.model})` : ''}${s.detail ? `: ${s.detail}` : ''}`;
  }

  private render(): void {
    this.item.backgroundColor = undefined;
    if (this.server !== 'running') {
      this.item.text = this.server === 'starting' ? '$(loading~spin) VHDL' : '$(debug-disconnect) VHDL';
      this.item.tooltip = `VHDL Explain: ${this.describe()}`;
      if (this.server === 'stopped') this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    const state = this.status?.state;
    this.item.text = state ? `${ICONS[state] ?? ''} VHDL`.trim() : '$(book) VHDL';
    this.item.tooltip = `VHDL Explain: ${this.describe()}\nClick for details.`;
    if (state === 'failed') this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}
