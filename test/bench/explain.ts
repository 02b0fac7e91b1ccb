// Explanation benchmark: hover latency (facts only; model from a warm cache; model cold), "Explain this
// entity" time to first text and total on a ~300-line design, and docs generation for the GHDL library
// sources plus the fixtures. The model is the random-weight test model (models/test-tiny) until the
// default model ships: its figures measure the pipeline, not a real model's speed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { explain } from '../../server/src/ide/explain';
import { appendFactsSection } from '../../server/src/ide/factsHover';
import { HoverExplainer } from '../../server/src/ide/modelHover';
import { createBackend } from '../../server/src/llm/index';
import { writeDesignDocs } from '../../server/src/lsp/docsWriter';
import { loadPaths } from '../../server/src/cli/load';
import { longDesign } from '../explain/helpers';

const ROOT = new URL('../../', import.meta.url).pathname;
const MODEL = join(ROOT, 'models/default/config.json');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
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
