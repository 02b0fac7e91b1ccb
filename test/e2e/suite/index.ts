// Runs inside VS Code's extension host (bundled to test/.tmp/e2e/suite.js and loaded through the
// `extensionTestsPath` payload): checks the packaged extension against the fixture workspace.
// Each check passes, fails, or is a TODO for a feature the server does not have yet; the results
// go to $VHDL_E2E_RESULTS as JSON and `run()` rejects when any check failed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { InsertDocCommentRequest } from '../../../server/src/lsp/protocol';
import type { VhdlExplainApi } from '../../../client/src/extension';

export type Outcome = { name: string; status: 'pass' | 'fail' | 'todo'; detail: string; ms: number };

const EXTENSION_ID = 'vhdl-explain.vhdl-explain';

class Todo extends Error {}
/** Marks a check as waiting for a feature that is not built yet (the check does not fail). */
const todo = (what: string): never => {
  throw new Todo(what);
};

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Position of the `nth` occurrence of `text` (0-based) in the document, plus `offset` characters. */
function positionOf(doc: vscode.TextDocument, text: string, nth = 0, offset = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(text, at + 1);
    check(at >= 0, `"${text}" occurs ${nth + 1} times in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position, mustContain: string): Promise<string> {
  // The server indexes the workspace after it starts: poll until the hover knows the name.
  return waitFor(`a hover containing "${mustContain}"`, async () => {
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    return text.includes(mustContain) ? text : undefined;
  });
}


/** Pids of this extension host's child processes running the language server bundle. */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

const notImplemented = (e: unknown) => e instanceof Error && /Unhandled method|MethodNotFound|-32601/.test(`${e.message} ${(e as { code?: number }).code}`);

export async function run(): Promise<void> {
  const results: Outcome[] = [];
  let api: VhdlExplainApi | undefined;
  let debouncer: vscode.TextDocument | undefined;
  let top: vscode.TextDocument | undefined;

  const steps: [string, () => Promise<string>][] = [
    ['extension activates on a .vhd file', async () => {
      const ext = vscode.extensions.getExtension<VhdlExplainApi>(EXTENSION_ID);
      check(ext, `${EXTENSION_ID} is installed`);
      check(!ext.isActive, 'not active before a VHDL file is opened (activation is onLanguage:vhdl)');
      debouncer = await vscode.workspace.openTextDocument(workspaceFile('debouncer.vhd'));
      await vscode.window.showTextDocument(debouncer);
      check(debouncer.languageId === 'vhdl', `languageId is vhdl, got ${debouncer.languageId}`);
      await waitFor('the extension to activate', () => ext.isActive);
      api = ext.exports;
      check(typeof api?.serverReady === 'function', 'activate() returns the API');
      return `active, languageId ${debouncer.languageId}`;
    }],
    ['language server starts and answers', async () => {
      check(api && debouncer, 'activated');
      const started = Date.now();
      await api.serverReady();
      const symbols = await waitFor('document symbols', async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', debouncer!.uri);
        return s && s.length > 0 ? s : undefined;
      });
      const names = JSON.stringify(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]));
      check(/debouncer/i.test(names), `the outline names the entity: ${names}`);
      return `ready in ${Date.now() - started} ms; outline ${names}`;
    }],
    ['hover over a signal shows its declaration', async () => {
      check(debouncer, 'opened');
      const text = await hoverAt(debouncer, positionOf(debouncer, 'stable_cnt <= stable_cnt + 1', 0, 15), 'stable_cnt');
      check(/unsigned\s*\(\s*15\s+downto\s+0\s*\)/i.test(text), `the hover shows the type: ${text}`);
      return text.replace(/\s+/g, ' ').slice(0, 160);
    }],
    ['hover across files shows the entity and its --! docs', async () => {
      top = await vscode.workspace.openTextDocument(workspaceFile('top.vhd'));
      await vscode.window.showTextDocument(top);
      const text = await hoverAt(top, positionOf(top, 'work.debouncer', 0, 6), 'debouncer');
      check(/entity\s+debouncer/i.test(text), `the hover shows the entity declaration: ${text}`);
      check(text.includes('Debounces a mechanical push button'), `the hover shows the --! comment: ${text}`);
      return text.replace(/\s+/g, ' ').slice(0, 160);
    }],
    ['definition across files', async () => {
      check(top, 'opened');
      const locs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider', top.uri, positionOf(top, 'work.debouncer', 0, 6));
      const uris = (locs ?? []).map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
      check(uris.some((u) => u.endsWith('/debouncer.vhd')), `goes to debouncer.vhd: ${uris.join(', ')}`);
      return uris.join(', ');
    }],
    ['the client restarts the language server when it dies', async () => {
      check(api && debouncer, 'activated');
      const [pid] = await waitFor('the language server process', () => (serverPids().length ? serverPids() : undefined));
      process.kill(pid, 'SIGKILL');
      const [next] = await waitFor('a new language server process', () => {
        const now = serverPids().filter((p) => p !== pid);
        return now.length ? now : undefined;
      });
      await vscode.window.showTextDocument(debouncer);
      await hoverAt(debouncer, positionOf(debouncer, 'stable_cnt <= stable_cnt + 1', 0, 15), 'unsigned');
      return `killed ${pid}; restarted as ${next}, hover answers again`;
    }],
    ['status bar reports the model state', async () => {
      check(api, 'activated');
      const s = api.modelStatus();
      check(!/language server (starting|stopped)/.test(s), `the status bar shows a running server: ${s}`);
      // TODO(issue 6, item 7): the server does not send vhdl/modelStatus yet.
      if (s.includes('not reported')) todo(`status bar: ${s}`);
      return s;
    }],
    ['hover over a register shows its clock (facts)', async () => {
      check(debouncer, 'opened');
      await vscode.window.showTextDocument(debouncer);
      const text = await hoverAt(debouncer, positionOf(debouncer, 'signal btn_state', 0, 8), 'btn_state');
      const facts = text.replace(/```[\s\S]*?```/g, ''); // what the hover says beyond the declaration
      // TODO(issue 6, item 3): facts and the model's sentence in the hover.
      if (!/clock/i.test(facts)) todo(`hover has no clock fact yet: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
      check(/clock\W+clk\b/i.test(facts), `the clock is clk: ${facts}`);
      check(/reset\W+rst_n\b/i.test(facts), `the reset is rst_n: ${facts}`);
      check(!/clock\W+clk_50m/i.test(facts), `no clock from another file: ${facts}`);
      return text.replace(/\s+/g, ' ').slice(0, 200);
    }],
    ['"Explain This Entity" fills the panel', async () => {
      check(api && debouncer, 'activated');
      await vscode.commands.executeCommand('vhdlExplain.explainEntity', debouncer.uri.toString(), positionOf(debouncer, 'entity debouncer', 0, 8));
      const panel = api.explainPanel();
      if (panel.status === 'failed' && panel.note.includes('not available yet')) {
        // TODO(issue 6, item 4): the server has no vhdl/explain handler yet; the client says so clearly.
        todo(`explain panel: ${panel.note}`);
      }
      check(panel.status === 'done', `the panel finished: ${panel.status}: ${panel.note}`);
      check(/debouncer/i.test(panel.markdown), `the explanation names the entity: ${panel.markdown.slice(0, 200)}`);
      return `${panel.title}: ${panel.note} ${panel.markdown.length} chars`;
    }],
    ['"Insert Doc Comment" writes --! lines above the declaration', async () => {
      check(api && debouncer, 'activated');
      const editor = await vscode.window.showTextDocument(debouncer);
      const before = debouncer.getText();
      const pos = positionOf(debouncer, 'signal btn_state', 0, 8);
      try {
        await api.client()!.sendRequest(InsertDocCommentRequest.method, {
          textDocument: { uri: debouncer.uri.toString() },
          position: { line: pos.line, character: pos.character },
        });
      } catch (e) {
        // TODO(issue 6, item 5): the server has no vhdl/insertDocComment handler yet.
        if (notImplemented(e)) todo(`insert doc comment: server answered ${(e as Error).message}`);
        throw e;
      }
      await vscode.commands.executeCommand('vhdlExplain.insertDocComment', debouncer.uri.toString(), pos);
      const after = editor.document.getText();
      const lines = after.split('\n');
      const line = lines.findIndex((l) => l.includes('signal btn_state'));
      const added = lines.length - before.split('\n').length;
      const inserted = lines.slice(line - added, line);
      check(added > 0 && inserted.every((l) => l.trim().startsWith('--!')), `--! lines right above the signal: ${inserted.join(' | ')}`);
      check([...lines.slice(0, line - added), ...lines.slice(line)].join('\n') === before, 'no other text changed');
      await vscode.commands.executeCommand('undo');
      return `${added} line(s) added`;
    }],
  ];

  for (const [name, fn] of steps) {
    const t0 = Date.now();
    try {
      const detail = await fn();
      results.push({ name, status: 'pass', detail, ms: Date.now() - t0 });
    } catch (e) {
      const status = e instanceof Todo ? 'todo' : 'fail';
      results.push({ name, status, detail: e instanceof Error ? e.message : String(e), ms: Date.now() - t0 });
    }
    const r = results[results.length - 1];
    console.log(`[e2e] ${r.status.toUpperCase()} ${r.name} (${r.ms} ms): ${r.detail}`);
  }
  if (process.env.VHDL_E2E_RESULTS) writeFileSync(process.env.VHDL_E2E_RESULTS, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.length) throw new Error(`${failed.length} e2e check(s) failed: ${failed.map((r) => r.name).join('; ')}`);
}
