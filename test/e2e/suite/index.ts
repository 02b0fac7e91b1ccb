// Runs inside VS Code's extension host (bundled to test/.tmp/e2e/<pid>/suite.js and loaded through the
// `extensionTestsPath` payload): checks the packaged extension against the fixture workspace.
// Each check passes, fails, or is a TODO for a feature the server does not have yet; the results
// go to $VHDL_E2E_RESULTS as JSON and `run()` rejects when any check failed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
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


export async function run(): Promise<void> {
  const results: Outcome[] = [];
  let api: VhdlExplainApi | undefined;
  let debouncer: vscode.TextDocument | undefined;
  let top: vscode.TextDocument | undefined;
  let factsOnlySections = 0; // sections of a facts-only hover, before a model is configured

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
      check(!s.includes('not reported'), `the server reported the model state: ${s}`);
      return s;
    }],
    ['hover over a register shows its clock (facts)', async () => {
      check(debouncer, 'opened');
      await vscode.window.showTextDocument(debouncer);
      const text = await hoverAt(debouncer, positionOf(debouncer, 'signal btn_state', 0, 8), 'btn_state');
      const facts = text.replace(/```[\s\S]*?```/g, ''); // what the hover says beyond the declaration
      check(/clock\W+clk\b/i.test(facts), `the clock is clk: ${facts}`);
      check(/reset\W+rst_n\b/i.test(facts), `the reset is rst_n: ${facts}`);
      check(!/clock\W+clk_50m/i.test(facts), `no clock from another file: ${facts}`);
      return text.replace(/\s+/g, ' ').slice(0, 200);
    }],
    ['"Explain This Entity" fills the panel', async () => {
      check(api && debouncer, 'activated');
      await vscode.commands.executeCommand('vhdlExplain.explainEntity', debouncer.uri.toString(), positionOf(debouncer, 'entity debouncer', 0, 8));
      const panel = api.explainPanel();
      check(panel.status === 'done', `the panel finished: ${panel.status}: ${panel.note}`);
      check(/debouncer/i.test(panel.markdown), `the explanation names the entity: ${panel.markdown.slice(0, 200)}`);
      check(/clock[\s\S]*\bclk\b/i.test(panel.markdown), `the explanation gives the clock: ${panel.markdown.slice(0, 400)}`);
      check(/\]\(line:\d+(-\d+)?\)/.test(panel.markdown), 'the explanation links back to source lines');
      check(panel.streamed > 0, 'text arrived through vhdl/explainProgress before the result');
      return `${panel.title}: ${panel.note} ${panel.markdown.length} chars`;
    }],
    ['"Insert Doc Comment" writes --! lines above the declaration', async () => {
      check(api && debouncer, 'activated');
      const editor = await vscode.window.showTextDocument(debouncer);
      const before = debouncer.getText();
      const pos = positionOf(debouncer, 'signal btn_state', 0, 8);
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
    ['"Generate Design Docs" writes an index and a page per entity', async () => {
      check(debouncer, 'opened');
      const out = workspaceFile('docs/vhdl');
      await vscode.commands.executeCommand('vhdlExplain.generateDocs');
      const files = await vscode.workspace.fs.readDirectory(out).then((e) => e.map(([name]) => name), () => [] as string[]);
      const pages = files.filter((f) => /\.(html|md)$/.test(f));
      check(pages.some((f) => /^index\./.test(f)), `an index page in docs/vhdl: ${files.join(', ')}`);
      check(pages.some((f) => /debouncer/i.test(f)) && pages.some((f) => /top/i.test(f)), `a page per entity: ${files.join(', ')}`);
      const second = Date.now();
      await vscode.commands.executeCommand('vhdlExplain.generateDocs');
      return `${pages.join(', ')}; rerun ${Date.now() - second} ms`;
    }],
    ['a model folder set in the settings loads', async () => {
      check(api, 'activated');
      const folder = process.env.VHDL_E2E_MODEL;
      if (!folder) todo('VHDL_E2E_MODEL is not set: no model to load');
      factsOnlySections = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', debouncer!.uri, positionOf(debouncer!, 'signal btn_state', 0, 8))).split(/\n-{3,}\n/).length;
      // The workspace starts with the backend off (harness.ts) so that the checks above see facts only.
      await vscode.workspace.getConfiguration('vhdlExplain').update('model.folder', folder, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('vhdlExplain').update('model.backend', 'local', vscode.ConfigurationTarget.Workspace);
      return waitFor('the status bar to say the model is ready', () => (/model ready/.test(api!.modelStatus()) ? api!.modelStatus() : undefined), 60_000);
    }],
    ['"Explain Selection" with the model streams into the panel', async () => {
      check(api && debouncer, 'activated');
      if (!/model ready/.test(api.modelStatus())) todo(`no model: ${api.modelStatus()}`);
      // A one-line selection: test-tiny has a 512-token context, too small for a whole entity's prompt.
      const editor = await vscode.window.showTextDocument(debouncer);
      const start = positionOf(debouncer, 'btn_out <= btn_state;', 0, 0);
      editor.selection = new vscode.Selection(start, start.translate(0, 'btn_out <= btn_state;'.length));
      await vscode.commands.executeCommand('vhdlExplain.explainSelection');
      const panel = api.explainPanel();
      const tail = panel.markdown.slice(-300);
      check(panel.status === 'done', `the panel finished: ${panel.status}: ${panel.note}`);
      // TODO(models/default): test-tiny's 512-token context cannot hold an explain prompt; the shipped model will.
      if (/prompt needs \d+ tokens but only \d+ fit/.test(panel.markdown)) todo(`the model's context is too small: ${tail.replace(/\s+/g, ' ')}`);
      check(/facts and model/.test(panel.note), `the model was used: ${panel.note}; ${tail}`);
      check(panel.streamed > 0, 'text arrived through vhdl/explainProgress before the result');
      return `${panel.note} ${panel.streamed} chunks, ${panel.markdown.length} chars`;
    }],
    ['"Explain this entity" with the model fills the panel', async () => {
      check(api && debouncer, 'activated');
      if (!/model ready/.test(api.modelStatus())) todo(`no model: ${api.modelStatus()}`);
      await vscode.commands.executeCommand('vhdlExplain.explainEntity', debouncer.uri.toString(), positionOf(debouncer, 'entity debouncer', 0, 8));
      const panel = api.explainPanel();
      const tail = panel.markdown.slice(-300).replace(/\s+/g, ' ');
      check(panel.status === 'done', `the panel finished: ${panel.status}: ${panel.note}`);
      if (/prompt needs \d+ tokens but only \d+ fit/.test(panel.markdown)) todo(`the model's context is too small: ${tail}`);
      check(/facts and model/.test(panel.note), `the model was used: ${panel.note}; ${tail}`);
      check(panel.streamed > 0, 'text arrived through vhdl/explainProgress before the result');
      check(/btn_in/.test(panel.markdown) && /stable_cnt/.test(panel.markdown), 'the interface and registers from the facts are in the panel');
      return `${panel.note} ${panel.streamed} chunks, ${panel.markdown.length} chars`;
    }],
    ['Stop cancels a running explanation and the server carries on', async () => {
      check(api && debouncer, 'activated');
      if (!/model ready/.test(api.modelStatus())) todo(`no model: ${api.modelStatus()}`);
      const running = new Promise<void>((resolve) => {
        const sub = api!.onExplainPanelChange((p) => {
          if (p.status === 'running') {
            sub.dispose();
            resolve();
          }
        });
      });
      const command = vscode.commands.executeCommand('vhdlExplain.explainEntity', debouncer.uri.toString(), positionOf(debouncer, 'architecture rtl', 0, 14));
      await running;
      api.stopExplain();
      await command;
      const panel = api.explainPanel();
      check(panel.status === 'stopped', `the panel stopped: ${panel.status}: ${panel.note}`);
      await vscode.commands.executeCommand('vhdlExplain.explainEntity', debouncer.uri.toString(), positionOf(debouncer, 'entity debouncer', 0, 8));
      check(api.explainPanel().status === 'done', `the next explanation completes: ${api.explainPanel().note}`);
      return 'stopped, then the next request completed';
    }],
    ['hover over a register adds the model\'s explanation', async () => {
      check(api && debouncer, 'activated');
      if (!/model ready/.test(api.modelStatus())) todo(`no model: ${api.modelStatus()}`);
      const pos = positionOf(debouncer, 'signal btn_state', 0, 8);
      // Within the hover budget the answer may be "being prepared"; the next hover serves it from the cache.
      const text = await waitFor('a hover with the explanation', async () => {
        const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', debouncer!.uri, pos));
        return !/being prepared/.test(t) && t.split(/\n-{3,}\n/).length > factsOnlySections ? t : undefined;
      }, 60_000);
      return text.replace(/\s+/g, ' ').slice(-160);
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
