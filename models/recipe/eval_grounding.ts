// The exported models as the extension runs them: on each held-out gold design, "Explain this entity"
// and a hover over every port, through the engine (onnxruntime-node) and the server's grounding check
// against the analysis facts. Writes a Markdown table (eval.py scores the same designs in torch).
//   node --import tsx models/recipe/eval_grounding.ts DATA_DIR OUT.md MODEL_DIR[=NAME[=free]] ...
// `=free` runs that model without the engine's name and claim constraints (GenerateRequest.names,
// refutations), as it would run behind a remote server.
// Also writes OUT.outputs.jsonl: each "Explain this entity" answer as the model wrote it and as shown
// after the grounding check, for `eval.py --score-outputs` (the same identifier and contradiction
// metrics as eval.py's table, on what the engine produced), with each port hover's answer (`hovers`:
// port, what the model wrote, what is shown) to read.
import { readFileSync, writeFileSync } from 'node:fs';
import { Workspace } from '../../server/src/analysis/workspace';
import { explain } from '../../server/src/ide/explain';
import { sentences } from '../../server/src/ide/grounding';
import { HoverExplainer } from '../../server/src/ide/modelHover';
import { createBackend } from '../../server/src/llm/index';
import type { Backend } from '../../server/src/llm/types';

interface Design { id: string; vhdl: string; meta: { entity?: string } }

interface Score {
  model: string;
  designs: number;
  written: number;
  kept: number;
  designsWithKept: number;
  reasons: Map<string, number>;
  hovers: number;
  hoversShown: number;
  seconds: number;
  /**
   * Per design: the "Explain this entity" answer as the model wrote it, and its explanation as shown
   * after the check; and per port hover, what the model wrote and what is shown.
   */
  outputs: { id: string; raw: string; shown: string; hovers: { port: string; raw: string; shown: string }[] }[];
}

/** A verdict reason, without the names in it: `\`x\` is not a name in the design` -> `not a name in the design`. */
function reasonKind(r: string): string {
  if (/is not a name in the design/.test(r)) return 'name not in the design';
  if (/never mentions/.test(r)) return 'kind of design or detail not in its text';
  if (/unreadable|fragment|not a complete sentence|repeats itself|unclosed/.test(r)) return 'broken text';
  return 'contradicts the facts';
}

function explanationOf(markdown: string): string {
  const i = markdown.indexOf('## Explanation');
  if (i < 0) return '';
  const rest = markdown.slice(i + '## Explanation'.length);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * @param free the requests go without their `names` and `refutations`: the model's own choice of names and claims, unconstrained
 *   (what a remote server does), to compare with the engine's name-constrained decoding
 */
export async function score(designs: Design[], modelDir: string, name: string, free = false): Promise<Score> {
  const local = createBackend({ modelDir, threads: 1 });
  // Every request goes through here: the answer as the model wrote it is kept (the last one).
  let written = '';
  const backend: Backend = {
    id: local.id,
    generate: async (req, onText, token) => {
      const r = await local.generate(free ? { ...req, names: undefined, refutations: undefined, refutationSubject: undefined } : req, onText, token);
      written = r.text;
      return r;
    },
    tokenCounter: () => local.tokenCounter?.(),
    dispose: () => local.dispose(),
  };
  const hover = new HoverExplainer(() => backend, 96);
  const s: Score = { model: name, designs: 0, written: 0, kept: 0, designsWithKept: 0, reasons: new Map(), hovers: 0, hoversShown: 0, seconds: 0, outputs: [] };
  const t0 = performance.now();
  try {
    for (const d of designs) {
      const ws = new Workspace();
      const uri = `file:///heldout/${d.id}.vhd`;
      const f = ws.setFile(uri, d.vhdl);
      const unit = f.units.find((u) => u.kind === 'entity' && (!d.meta.entity || u.name === d.meta.entity.toLowerCase())) ?? f.units[0];
      if (!unit) continue;
      s.designs++;
      written = '';
      const a = await explain(ws, { kind: 'unit', unit }, { backend, maxTokens: 256 });
      const shownSentences = sentences(explanationOf(a.markdown)).filter((x) => x.trim() && !x.trim().startsWith('_'));
      const kept = shownSentences.length;
      const shown = shownSentences.join(' ').trim();
      const hovers: Score['outputs'][number]['hovers'] = [];
      s.outputs.push({ id: d.id, raw: written, shown, hovers });
      const dropped = a.grounding?.dropped.length ?? 0;
      s.written += kept + dropped;
      s.kept += kept;
      if (kept) s.designsWithKept++;
      for (const r of a.grounding?.reasons ?? []) s.reasons.set(reasonKind(r), (s.reasons.get(reasonKind(r)) ?? 0) + 1);
      // A hover over each port, at its declaration.
      const ports = unit.node.text.match(/^\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s*(in|out|inout|buffer)\b/gim) ?? [];
      for (const p of ports) {
        const at = f.text.indexOf(p.trim(), unit.node.start);
        if (at < 0) continue;
        const h = await hover.answer(ws, uri, f.lines.positionAt(at), Infinity);
        if (!h.explanation) continue;
        s.hovers++;
        if (h.explanation.text.trim()) s.hoversShown++;
        const dropped = h.explanation.verdict.dropped.join(' ');
        hovers.push({ port: p.trim().split(/\s|:/)[0], raw: [h.explanation.text, dropped].filter((x) => x.trim()).join(' / dropped: '), shown: h.explanation.text });
      }
    }
  } finally {
    await backend.dispose();
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}

export function table(scores: Score[]): string {
  const kinds = ['name not in the design', 'kind of design or detail not in its text', 'contradicts the facts', 'broken text'];
  const lines = [
    '| model (engine, int4 where named) | entity: sentences kept / written | designs with a kept sentence | dropped: ' + kinds.join(' / ') + ' | hovers shown / asked | time |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of scores) {
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
    lines.push(`| ${s.model} | ${s.kept} / ${s.written} (${pct(s.kept, s.written)}) | ${s.designsWithKept} / ${s.designs} | ${kinds.map((k) => s.reasons.get(k) ?? 0).join(' / ')} | ${s.hoversShown} / ${s.hovers} (${pct(s.hoversShown, s.hovers)}) | ${s.seconds.toFixed(0)} s |`);
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<void> {
  const [data, out, ...models] = args;
  if (!data || !out || !models.length) {
    process.stderr.write('usage: eval_grounding.ts DATA_DIR OUT.md MODEL_DIR[=NAME[=free]] ...\n');
    process.exitCode = 2;
    return;
  }
  const designs = readFileSync(`${data}/heldout.jsonl`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Design);
  const scores: Score[] = [];
  for (const m of models) {
    const [dir, name, how] = m.split('=');
    scores.push(await score(designs, dir, name ?? dir, how === 'free'));
    process.stderr.write(`eval_grounding: ${name ?? dir} done\n`);
  }
  const md = `On the ${designs.length} held-out gold designs, through the engine and the server's grounding check ` +
    '(what a user sees): sentences of "Explain this entity" that pass, why the others were dropped, and how many port hovers ' +
    'show an explanation rather than withholding it. Rows run as the extension does, with the engine\'s name-constrained ' +
    'decoding (a name in `code` quotes, or a snake_case word, can only be one of the design\'s) and claim-constrained decoding ' +
    '(no edge, reset kind or level, or mode the facts refute), unless they say "not constrained": the same model choosing ' +
    'names and claims freely, as it would behind a remote server.\n\n' + table(scores) + '\n';
  writeFileSync(out, md);
  writeFileSync(`${out}.outputs.jsonl`, scores.flatMap((x) => x.outputs.map((o) => JSON.stringify({ model: x.model, ...o }))).join('\n') + '\n');
  process.stdout.write(md);
}

if (process.argv[1]?.endsWith('eval_grounding.ts')) void main(process.argv.slice(2));
