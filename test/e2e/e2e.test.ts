// End-to-end tests in a real VS Code (1.139 web workbench from code-server, headless chromium):
// the packaged .vsix installed into the server, a fixture workspace, the in-editor suite
// (suite/index.ts) through the extension-test payload, and one pass through the real UI.
// Runs when VHDL_E2E=1 (.ci/run sets it after test/e2e/setup.sh); skipped otherwise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSuite, freshWorkspace, launchBrowser, missingSetup, packageVsix, removeStaleRuns, root, runSuiteInWorkbench, tmp, trimRun, VsCodeServer } from './harness';
import type { Outcome } from './suite/index';

const enabled = process.env.VHDL_E2E === '1';
const notSetUp = missingSetup();
const skip = enabled ? false : `e2e skipped: set VHDL_E2E=1 to run it${notSetUp ? ` (and first: ${notSetUp})` : ''}`;

const timings: Record<string, number> = {};
async function timed<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Date.now() - t0;
  }
}

describe('e2e: the extension in VS Code', { skip }, () => {
  let server: VsCodeServer;
  let browser: Browser;
  let extensionDir: string;
  let suiteJs: string;
  let workspace: string;

  before(async () => {
    if (notSetUp) throw new Error(`VHDL_E2E=1 but ${notSetUp}`);
    removeStaleRuns();
    const vsix = await timed('package .vsix', () => packageVsix());
    server = new VsCodeServer();
    extensionDir = await timed('install .vsix', () => server.install(vsix));
    suiteJs = await timed('bundle suite', () => buildSuite());
    workspace = freshWorkspace();
    // The model the in-editor suite turns on: the default model once it ships, else the tiny
    // random-weight test model (models/testgen), which still runs real ONNX generation.
    const env: Record<string, string> = { VHDL_E2E_RESULTS: join(tmp, 'results.json') };
    const model = ['models/default', 'models/test-tiny'].map((m) => join(root, m)).find((m) => existsSync(join(m, 'onnx/model_q4.onnx')));
    if (model) env.VHDL_E2E_MODEL = model;
    await timed('start VS Code server', () => server.start(env));
    browser = await timed('launch chromium', () => launchBrowser());
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (existsSync(tmp)) {
      trimRun();
      writeFileSync(join(tmp, 'timings.json'), JSON.stringify(timings, null, 2));
    }
    console.log(`e2e timings (ms): ${JSON.stringify(timings)}; logs and screenshots in ${tmp}`);
  });

  test('extension integration tests in the workbench', async (t) => {
    const page = await browser.newPage();
    const log: string[] = [];
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remote(extensionDir)],
      ['extensionTestsPath', server.remote(suiteJs)],
      ['skipWelcome', 'true'],
    ]);
    const resultsFile = join(tmp, 'results.json');
    let code: number;
    try {
      code = await timed('extension tests', () => runSuiteInWorkbench(page, url, log, 150_000));
    } finally {
      writeFileSync(join(tmp, 'workbench.log'), log.join('\n'));
      await page.close();
    }
    assert.ok(existsSync(resultsFile), `the suite wrote ${resultsFile} (exit code ${code}); see ${join(tmp, 'workbench.log')}`);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Outcome[];
    for (const r of results) {
      await t.test(r.name, { todo: r.status === 'todo' ? r.detail : undefined }, () => {
        t.diagnostic(`${r.status} ${r.name} (${r.ms} ms): ${r.detail}`);
        if (r.status === 'fail') assert.fail(r.detail);
      });
    }
    assert.equal(code, 0, `codeAutomationExit reported ${code}; see ${join(tmp, 'workbench.log')}`);
  });

  test('real UI: open a file from the Explorer, hover a signal, screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await timed('UI: open from Explorer and hover', () => openAndHover(page, server.url(workspace, [['skipWelcome', 'true']])));
      await page.screenshot({ path: join(tmp, 'hover.png') });
      const note = await timed('UI: explain from the command palette', () => explainFromPalette(page));
      assert.match(note, /^Done in/, `the panel's status line: ${note}`);
      await page.screenshot({ path: join(tmp, 'explain.png') });
    } catch (e) {
      await page.screenshot({ path: join(tmp, 'failure.png') }).catch(() => undefined);
      throw e;
    } finally {
      await page.close();
    }
  });
});

/** Opens debouncer.vhd from the Explorer, hovers `stable_cnt` and waits for the hover's text. */
async function openAndHover(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'debouncer.vhd' });
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  const lines = page.locator('.monaco-editor .view-lines');
  await lines.filter({ hasText: 'architecture' }).waitFor({ timeout: 30_000 });
  const target = "stable_cnt <= (others => '0');";
  // The server indexes the workspace after it starts; until then a hover has no answer and no widget
  // shows, so hover again (leaving the word in between) until the declaration appears.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const at = await page.evaluate((lineText) => {
      // Runs in the page; the project's TypeScript setup has no DOM types, hence the loose typing.
      const doc = (globalThis as any).document;
      for (const line of Array.from(doc.querySelectorAll('.monaco-editor .view-line')) as any[]) {
        if (!String(line.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText)) continue;
        const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = String(n.textContent ?? '').indexOf('stable_cnt');
          if (i < 0) continue;
          const r = doc.createRange();
          r.setStart(n, i + 2);
          r.setEnd(n, i + 8);
          const box = r.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
      }
      return undefined;
    }, target);
    assert.ok(at, `the editor shows the line ${target}`);
    await page.mouse.click(at.x, at.y); // the cursor goes inside the architecture for the next step
    await page.mouse.move(at.x, at.y, { steps: 3 });
    const hover = page.locator('.monaco-hover', { hasText: 'unsigned' });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      const text = await hover.first().innerText();
      assert.match(text, /stable_cnt/);
      assert.match(text, /unsigned\s*\(\s*15\s+downto\s+0\s*\)/i);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.mouse.move(5, 5);
    }
  }
}

/**
 * Runs "VHDL Explain: Explain This Entity" from the command palette and returns the status line
 * of the webview panel once it is no longer running (read from inside the webview's frames, so
 * this also checks that the panel's script runs under its content security policy).
 */
async function explainFromPalette(page: Page): Promise<string> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill('>VHDL Explain: Explain This Entity');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain This Entity' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const frame of page.frames()) {
      const note = await frame.evaluate(() => {
        const doc = (globalThis as any).document;
        const el = doc.getElementById('note');
        return el && doc.body.dataset.status && doc.body.dataset.status !== 'running' ? String(el.textContent) : undefined;
      }).catch(() => undefined);
      if (note) return note;
    }
    if (Date.now() > deadline) throw new Error('the explain panel did not settle in 60 s');
    await page.waitForTimeout(200); // poll the frames; the webview's iframes appear asynchronously
  }
}
