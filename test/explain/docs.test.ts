// Design docs: HTML for the fixtures opened in headless Chromium (block symbol and state diagram
// render, every link resolves, hostile comments stay text), a screenshot, and incremental reruns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeDesignDocs } from '../../server/src/lsp/docsWriter';
import { fixtureWorkspace, ROOT } from './helpers';

const OUT = join(ROOT, 'test/.tmp/explain-docs');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
let browser: Browser | undefined;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  if (existsSync('/usr/bin/chromium')) browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
});
after(() => browser?.close());

test('HTML docs render in Chromium with symbols, diagrams and working links', async () => {
  const r = await writeDesignDocs(fixtureWorkspace(), OUT, { format: 'html' });
  assert.equal(r.unchanged.length, 0);
  assert.ok(r.written >= 6);
  const pages = readdirSync(OUT).filter((f) => f.endsWith('.html'));
  assert.ok(pages.includes('index.html') && pages.includes('work.traffic.html') && pages.includes('work.hostile.html'));
  // Hostile comments are text, not markup.
  const hostile = readFileSync(join(OUT, 'work.hostile.html'), 'utf8');
  assert.ok(!hostile.includes('<script>'));
  assert.ok(hostile.includes('&lt;script&gt;alert(&#39;doc&#39;)&lt;/script&gt;'));
  assert.ok(!/href="javascript:/i.test(hostile) && !/<img/i.test(hostile));
  assert.ok(browser, 'chromium is needed for this test (apt-get install -y chromium)');
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const name of pages) {
    await page.goto(pathToFileURL(join(OUT, name)).href);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
    for (const href of links) {
      const [file, hash] = href.split('#');
      assert.ok(existsSync(join(OUT, file || name)), `${name}: broken link ${href}`);
      if (hash) {
        await page.goto(pathToFileURL(join(OUT, file || name)).href);
        assert.equal(await page.locator(`[id="${hash}"]`).count(), 1, `${name}: missing anchor ${href}`);
        await page.goto(pathToFileURL(join(OUT, name)).href);
      }
    }
  }
  await page.goto(pathToFileURL(join(OUT, 'work.traffic.html')).href);
  const symbol = await page.locator('svg.block-symbol').boundingBox();
  const fsm = await page.locator('svg.fsm-diagram').boundingBox();
  assert.ok(symbol && symbol.width > 100 && symbol.height > 50, `block symbol ${JSON.stringify(symbol)}`);
  assert.ok(fsm && fsm.width > 100 && fsm.height > 100, `state diagram ${JSON.stringify(fsm)}`);
  assert.equal(await page.locator('svg.fsm-diagram g.state').count(), 4);
  assert.equal(await page.locator('svg.fsm-diagram g.state.reset').count(), 1);
  const stateBox = await page.locator('svg.fsm-diagram g.state').first().boundingBox();
  assert.ok(stateBox && stateBox.width > 20);
  await page.screenshot({ path: join(ROOT, 'test/.tmp/explain-docs-traffic.png'), fullPage: true });
  await page.goto(pathToFileURL(join(OUT, 'work.hostile.html')).href);
  assert.deepEqual(dialogs, [], 'a script in a comment ran');
  assert.match(await page.locator('.doc').innerText(), /<script>alert\('doc'\)<\/script>/);
  await page.close();
});

test('a rerun skips unchanged entities; a changed file rewrites only its page', async () => {
  const ws = fixtureWorkspace();
  const first = await writeDesignDocs(ws, OUT, { format: 'html' });
  assert.equal(first.written, 0);
  assert.ok(first.unchanged.length >= 6);
  const uri = [...ws.files()].find((f) => f.uri.endsWith('/empty.vhd'))!.uri;
  ws.setFile(uri, ws.getFile(uri)!.text + '\n-- changed\n');
  const second = await writeDesignDocs(ws, OUT, { format: 'html' });
  assert.equal(second.written, 1);
  assert.deepEqual(second.pages.map((p) => p.path).sort(), ['index.html', 'work.empty_box.html']);
});

test('Markdown docs with SVG files beside them', async () => {
  const out = join(OUT, 'md');
  const r = await writeDesignDocs(fixtureWorkspace(), out, { format: 'md' });
  assert.ok(r.written >= 6);
  const idx = readFileSync(join(out, 'index.md'), 'utf8');
  assert.match(idx, /- \[top\]\(work\.top\.md\)\n  - u\\_debouncer: \[debouncer\]\(work\.debouncer\.md\)/);
  assert.ok(existsSync(join(out, 'work.traffic.rtl.state_q.fsm.svg')));
  assert.ok(readFileSync(join(out, 'work.traffic.md'), 'utf8').includes('![State diagram](work.traffic.rtl.state_q.fsm.svg)'));
  // A structural design's page gives the clock and reset of its instances, by its own port names.
  const bank = readFileSync(join(out, 'work.mac_bank.md'), 'utf8');
  assert.ok(bank.includes('- clock clk\\_i (rising) of instances u\\_mac0, u\\_mac1'), bank);
  assert.ok(bank.includes('- reset rst\\_i (sync, active 1) of instances u\\_mac0, u\\_mac1'), bank);
});

test('a cancelled run stops between pages and keeps the cache consistent', async () => {
  const out = join(OUT, 'cancel');
  let pages = 0;
  const r = await writeDesignDocs(fixtureWorkspace(), out, { format: 'html', isCancelled: () => pages >= 2, onProgress: (_d, _t, name) => { if (name) pages++; } });
  assert.equal(r.cancelled, true);
  assert.equal(r.written, 2);
  const cache = JSON.parse(readFileSync(join(out, '.vhdl-explain-docs.json'), 'utf8')) as { pages: Record<string, string> };
  assert.deepEqual(Object.keys(cache.pages).sort(), r.pages.filter((p) => p.path !== 'index.html').map((p) => p.path).sort());
  // The next run writes only the pages the cancelled run did not reach.
  const again = await writeDesignDocs(fixtureWorkspace(), out, { format: 'html' });
  assert.equal(again.unchanged.length, 2);
});
