// Explanation benchmark: hover latency in-process (facts only; model from a warm cache; model cold)
// and over real JSON-RPC with the default model and the hover budget (facts only, cold, warm, during
// background preparation), "Explain this entity" time to first text and total on a ~300-line design,
// and docs generation for the GHDL library sources plus the fixtures. Without models/default the
// in-process part uses the random-weight test model (models/test-tiny): pipeline figures only.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { explain } from '../../server/src/ide/explain';
import { appendFactsSection } from '../../server/src/ide/factsHover';
import { HoverExplainer } from '../../server/src/ide/modelHover';
import { DEFAULT_MODEL_SETTINGS } from '../../server/src/lsp/model';
import { createBackend } from '../../server/src/llm/index';
import { writeDesignDocs } from '../../server/src/lsp/docsWriter';
import { loadPaths } from '../../server/src/cli/load';
import { longDesign } from '../explain/helpers';
import { LspClient } from '../lsp/client';

const ROOT = new URL('../../', import.meta.url).pathname;
const MODEL = join(ROOT, 'models/default/config.json');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function spread(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} hovers)`;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

interface HoverReply {
  contents: { value: string };
}

/** A server over stdio with the given settings; resolves once the model is ready (or off). */
async function startServer(settings: Record<string, unknown>, uri: string, text: string): Promise<{ client: LspClient; status: { state: string }[] }> {
  const client = new LspClient(settings);
  const status: { state: string }[] = [];
  const settled = new Promise<void>((resolve) => {
    client.conn.onNotification('vhdl/modelStatus', (s: { state: string }) => {
      status.push(s);
      if (s.state === 'ready' || s.state === 'off' || s.state === 'failed') resolve();
    });
  });
  await client.initialize([]);
  await settled;
  await client.open(uri, text);
  return { client, status };
}

/** Resolves when the server next reports the model `ready` (its queue ran dry). */
function nextIdle(status: { state: string }[], client: LspClient): Promise<void> {
  return new Promise((resolve) => {
    const seen = status.length;
    const t = setInterval(() => {
      const last = status[status.length - 1];
      if (status.length > seen && last?.state === 'ready') {
        clearInterval(t);
        resolve();
      }
    }, 2);
    void client;
  });
}

/**
 * Hover over real JSON-RPC (the bundled server over stdio) with the default model: facts only (model
 * off), cold (first hover of a name: the facts and a "being prepared" note by the budget), warm (the
 * explanation from the cache), and while the open file's explanations are prepared in the background.
 */
export async function benchHoverRpc(names = 16): Promise<void> {
  if (!existsSync(MODEL)) {
    console.log('hover over JSON-RPC with the model: skipped (models/default is not there)');
    return;
  }
  // The setting's default; VX_BENCH_HOVER_BUDGET measures another (a slower model, a slower machine).
  const budget = Number(process.env.VX_BENCH_HOVER_BUDGET) || DEFAULT_MODEL_SETTINGS.hoverBudgetMs;
  const text = longDesign(300);
  const uri = 'file:///tmp/vhdl-explain-bench/big.vhd';
  const lines = text.split('\n');
  // The signal name in each `stage_N <= ...` assignment: one hover per distinct name.
  const positions = lines.flatMap((l, i) => (/else stage_\d+ <=/.test(l) ? [{ line: i, character: l.indexOf('stage_') + 2 }] : [])).slice(0, names);
  const hoverAt = async (client: LspClient, pos: { line: number; character: number }): Promise<{ ms: number; value: string }> => {
    const t0 = performance.now();
    const h = await client.request<HoverReply | null>('textDocument/hover', { textDocument: { uri }, position: pos });
    return { ms: performance.now() - t0, value: h?.contents.value ?? '' };
  };
  console.log(`hover over JSON-RPC (server over stdio, ~300-line design, budget ${budget} ms), load average before: ${loadAverage()}`);

  // Facts only: the model backend off.
  {
    const { client } = await startServer({ model: { backend: 'off' } }, uri, text);
    try {
      await hoverAt(client, positions[0]);
      const ms: number[] = [];
      for (let r = 0; r < 3; r++) for (const p of positions) ms.push((await hoverAt(client, p)).ms);
      console.log(`  facts only (model off):                 ${spread(ms)}`);
    } finally {
      await client.shutdown();
    }
  }

  // The default model, no background preparation: cold then warm, one name at a time; with the
  // default budget (the model usually finishes inside it) and a tight one (it usually does not).
  for (const b of [budget, 100]) {
    const { client, status } = await startServer({ model: { backend: 'local' }, hover: { budgetMs: b, prepare: false } }, uri, text);
    try {
      const cold: number[] = [];
      const warm: number[] = [];
      let notes = 0;
      let served = 0;
      for (const p of positions) {
        const idle = nextIdle(status, client);
        const c = await hoverAt(client, p);
        cold.push(c.ms);
        if (/being prepared/.test(c.value)) {
          notes++;
          await idle;
        }
        const w = await hoverAt(client, p);
        warm.push(w.ms);
        if (/Explanation \(model\)|withheld/.test(w.value)) served++;
      }
      console.log(`  budget ${b} ms, model cold (first hover of a name): ${spread(cold)}; ${notes} answered with the "being prepared" note`);
      console.log(`  budget ${b} ms, model warm (from the cache):        ${spread(warm)}; ${served} with the model's section`);
    } finally {
      await client.shutdown();
    }
  }

  // The default model with the open file's explanations prepared in the background (ports and
  // registers from the top of the file first): hover names from the bottom, first (cold) and again.
  {
    const { client } = await startServer({ model: { backend: 'local' }, hover: { budgetMs: budget, prepare: true } }, uri, text);
    try {
      // Preparation starts a second after the open.
      await new Promise((r) => setTimeout(r, 1500));
      const far = lines.flatMap((l, i) => (/else stage_\d+ <=/.test(l) ? [{ line: i, character: l.indexOf('stage_') + 2 }] : [])).slice(-names);
      for (const round of ['first hover of a name', 'second hover']) {
        const ms: number[] = [];
        let notes = 0;
        for (const p of far) {
          const h = await hoverAt(client, p);
          ms.push(h.ms);
          if (/being prepared/.test(h.value)) notes++;
        }
        console.log(`  during background preparation, ${round}: ${spread(ms)}; ${notes} with the "being prepared" note`);
      }
    } finally {
      await client.shutdown();
    }
  }
  console.log(`  load average after: ${loadAverage()}`);
}

export async function benchExplain(): Promise<void> {
  const useDefault = existsSync(MODEL);
  const modelDir = useDefault ? join(ROOT, 'models/default') : join(ROOT, 'models/test-tiny');
  console.log(`== explain (model: ${useDefault ? 'models/default' : 'models/test-tiny, the random-weight TEST model: the default model has not shipped'})`);
  const text = longDesign(300);
  const ws = new Workspace();
  const uri = 'file:///bench/big.vhd';
  ws.setFile(uri, text);
  const lines = text.split('\n');
  const positions = lines.map((l, i) => ({ line: i, character: l.indexOf('stage_') + 1 })).filter((p) => p.character > 0);

  // Facts only.
  const facts: number[] = [];
  for (const pos of positions.slice(0, 60)) {
    const t0 = performance.now();
    const h = basicHover(ws, uri, pos);
    appendFactsSection(ws, uri, pos, h);
    facts.push(performance.now() - t0);
  }
  console.log(`hover, facts only: median ${median(facts).toFixed(2)} ms, max ${Math.max(...facts).toFixed(2)} ms over ${facts.length} hovers`);

  const backend = createBackend({ modelDir, threads: 2 });
  const hover = new HoverExplainer(() => backend, 96);
  try {
    // Cold: first request for each name (the model load is measured separately on the first one).
    const cold: number[] = [];
    const targets = positions.filter((_, i) => i % 9 === 0).slice(0, 8);
    for (const pos of targets) {
      const t0 = performance.now();
      await hover.answer(ws, uri, pos, Infinity);
      cold.push(performance.now() - t0);
    }
    console.log(`hover, model cold: first ${cold[0].toFixed(0)} ms (includes the model load), then median ${median(cold.slice(1)).toFixed(1)} ms over ${cold.length - 1}`);
    const warm: number[] = [];
    for (const pos of targets) {
      const t0 = performance.now();
      const a = await hover.answer(ws, uri, pos, 300);
      warm.push(performance.now() - t0);
      if (a.pending) console.log('  (a warm hover was not in the cache)');
    }
    console.log(`hover, model from the warm cache: median ${median(warm).toFixed(2)} ms, max ${Math.max(...warm).toFixed(2)} ms`);

    const file = ws.getFile(uri)!;
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      let first = -1;
      const a = await explain(ws, { kind: 'unit', unit: file.units[0] }, { backend, maxTokens: 256, onDelta: () => undefined });
      const total = performance.now() - t0;
      first = a.model?.firstTextMs ?? -1;
      console.log(`explain entity (~300 lines, ${run === 0 ? 'first' : 'second, result cache'}): facts sections ${(total - (a.model?.totalMs ?? 0)).toFixed(0)} ms, model first token ${a.model?.firstTokenMs ?? '-'} ms, first checked text ${first < 0 ? 'none (nothing passed the check)' : `${first} ms`}, model total ${a.model?.totalMs ?? 0} ms, ${a.model?.completionTokens ?? 0} tokens, ${a.grounding?.dropped.length ?? 0} sentences dropped${a.model?.error ? `; model error: ${a.model.error}` : ""}`);
    }
  } finally {
    await backend.dispose();
  }
  await benchHoverRpc();

  const ghdl = '/usr/lib/ghdl/src';
  const paths = [join(ROOT, 'test/fixtures/explain'), ...(existsSync(ghdl) ? [ghdl] : [])];
  const t0 = performance.now();
  const loaded = loadPaths(paths);
  const loadMs = performance.now() - t0;
  const out = mkdtempSync(join(tmpdir(), 'vx-docs-'));
  try {
    const t1 = performance.now();
    const r = await writeDesignDocs(loaded.ws, out, { format: 'html' });
    const gen = performance.now() - t1;
    const t2 = performance.now();
    const again = await writeDesignDocs(loaded.ws, out, { format: 'html' });
    const rerun = performance.now() - t2;
    console.log(`docs (facts only, ${loaded.files.length} files${existsSync(ghdl) ? ' incl. GHDL library sources' : ''}): load ${loadMs.toFixed(0)} ms, generate ${gen.toFixed(0)} ms for ${r.written} entity pages; unchanged rerun ${rerun.toFixed(0)} ms (${again.unchanged.length} skipped)`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  void pathToFileURL;
}
