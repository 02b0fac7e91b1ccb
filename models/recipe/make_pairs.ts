// Explanation pairs for instruction tuning, made by the server's own prompt builder (server/src/ide/prompt.ts),
// so that training and use agree on the prompt. Reads <data>/{designs,val_designs,heldout}.jsonl written by
// `prepare.py designs`, writes <data>/{pairs,val_pairs,heldout_pairs}.jsonl (contract: models/recipe/README.md).
//   node --import tsx models/recipe/make_pairs.ts models/recipe/runs/data
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../server/src/analysis/workspace';
import { buildPrompt } from '../../server/src/ide/prompt';
import { stripContextMarkers } from '../../server/src/llm/contextGuard';

interface Design { id: string; source: string; vhdl: string; explanation: string; meta: { entity?: string } }

/** The unit a design's explanation is about: its named entity or package, else the file's first unit. */
function targetUnit(ws: Workspace, uri: string, entity: string | undefined) {
  const units = ws.getFile(uri)?.units.filter((u) => u.kind !== 'configuration' && u.kind !== 'context') ?? [];
  const name = entity?.toLowerCase();
  return units.find((u) => (u.kind === 'entity' || u.kind === 'package') && u.name === name) ?? units[0];
}

export function pairFor(d: Design) {
  const ws = new Workspace();
  const uri = `file:///recipe/${d.id}.vhd`;
  ws.setFile(uri, d.vhdl);
  const unit = targetUnit(ws, uri, d.meta.entity);
  if (!unit) return undefined;
  const prompt = buildPrompt(ws, { kind: 'unit', unit }, { task: 'entity' });
  // what the engine sends when nothing needs trimming: the context markers removed
  return { id: d.id, source: d.source, prompt_messages: stripContextMarkers(prompt.messages), target: d.explanation };
}

export function main(dir: string): void {
  for (const [src, dst] of [['designs.jsonl', 'pairs.jsonl'], ['val_designs.jsonl', 'val_pairs.jsonl'], ['heldout.jsonl', 'heldout_pairs.jsonl']]) {
    if (!existsSync(join(dir, src))) continue;
    const lines = readFileSync(join(dir, src), 'utf8').split('\n').filter((l) => l.trim());
    const out: string[] = [];
    let skipped = 0;
    for (const l of lines) {
      const p = pairFor(JSON.parse(l) as Design);
      if (p) out.push(JSON.stringify(p));
      else skipped++;
    }
    writeFileSync(join(dir, dst + '.tmp'), out.join('\n') + '\n');
    renameSync(join(dir, dst + '.tmp'), join(dir, dst));
    console.log(`${dst}: ${out.length} pairs from the server's prompt builder${skipped ? `, ${skipped} designs without a unit skipped` : ''}`);
  }
}

if (process.argv[1]?.endsWith('make_pairs.ts')) main(process.argv[2] ?? 'models/recipe/runs/data');
