// A minimal LSP client for tests and benchmarks: spawns `node dist/server.js --stdio` and speaks
// JSON-RPC over its stdin/stdout with vscode-jsonrpc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export const ROOT = new URL('../../', import.meta.url).pathname;
const SERVER = join(ROOT, 'dist/server.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/** Builds dist/ with esbuild.mjs unless dist/server.js is newer than every server source. */
export function ensureBuilt(): void {
  const built = statSync(SERVER, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > newestSource(join(ROOT, 'server/src'))) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return;
  // Another layer's half-written change can break the bundle for a moment; an existing build still serves.
  if (built > 0) process.stderr.write(`warning: esbuild failed, using the existing dist/server.js:\n${r.stderr}\n`);
  else throw new Error(`esbuild failed: ${r.stderr}`);
}

export interface Diagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number } }; severity?: number; message: string; code?: string }[];
}

export class LspClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly logs: string[] = [];
  readonly diagnostics = new Map<string, Diagnostics>();
  private diagnosticWaiters: { test: (d: Diagnostics) => boolean; resolve: (d: Diagnostics) => void }[] = [];
  readonly exited: Promise<number | null>;
  private versions = new Map<string, number>();

  constructor(settings: Record<string, unknown> = {}) {
    ensureBuilt();
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => void this.logs.push(d.toString()));
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Diagnostics) => {
      this.diagnostics.set(p.uri, p);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  async initialize(folders: string[]): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, synchronization: { dynamicRegistration: false } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vhdl', version: 1, text } });
  }

  /** An incremental edit: replace `range` with `text`. */
  async change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  request<R>(method: string, params: unknown, token?: CancellationTokenSource): Promise<R> {
    return token ? this.conn.sendRequest<R>(method, params, token.token) : this.conn.sendRequest<R>(method, params);
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `test` (or the current ones, if they do). */
  waitForDiagnostics(uri: string, test: (d: Diagnostics) => boolean = () => true): Promise<Diagnostics> {
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve) => this.diagnosticWaiters.push({ test: (d) => d.uri === uri && test(d), resolve }));
  }

  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

export { CancellationTokenSource };
