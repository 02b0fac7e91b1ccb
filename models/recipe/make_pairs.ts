// Explanation pairs for instruction tuning, made by the server's own prompt builder (makePairs in
// server/src/ide/promptPairs.ts, the same buildPrompt the editor uses), so that training and use agree on
// the prompt. Reads <data>/{designs,val_designs,heldout}.jsonl written by `prepare.py designs`, writes
// <data>/{pairs,val_pairs,heldout_pairs}.jsonl (contract: models/recipe/README.md).
//   node --import tsx models/recipe/make_pairs.ts models/recipe/runs/data [--tokenizer runs/tok/tokenizer.json]
// With --tokenizer, prompts are trimmed in that tokenizer's tokens, as the editor trims them when the
// model that carries this tokenizer is loaded; without it, by the 3.5-characters-per-token estimate.
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makePairs, type NameDoc, type Pair } from '../../server/src/ide/promptPairs';
import { tokenCounterFromFile, type TokenCounter } from '../../server/src/llm/tokenCounter';

interface Design { id: string; source: string; vhdl: string; explanation: string; meta: { entity?: string; docs?: NameDoc[] } }

/**
 * Pairs for designs (makePairs already removes the context-guard markers, as the engine does): an
 * "Explain this entity" pair for every design, and for training designs whose generator documented
 * its names, a hover pair and a doc-comment pair.
 */
export function pairsFor(designs: Design[], nameTasks = true, tokenCounter?: TokenCounter): { pairs: Pair[]; errors: string[] } {
  const records = designs.map((d) => ({ id: d.id, source: d.source, vhdl: d.vhdl, explanation: d.explanation, target: d.meta.entity, docs: d.meta.docs }));
  return makePairs(records, (p) => readFileSync(p, 'utf8'), { nameTasks, tokenCounter });
}

export function main(dir: string, tokenizer?: string): void {
  const counter = tokenizer ? tokenCounterFromFile(tokenizer) : undefined;
  for (const [src, dst] of [['designs.jsonl', 'pairs.jsonl'], ['val_designs.jsonl', 'val_pairs.jsonl'], ['heldout.jsonl', 'heldout_pairs.jsonl']]) {
    if (!existsSync(join(dir, src))) continue;
    const designs = readFileSync(join(dir, src), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Design);
    const { pairs, errors } = pairsFor(designs, src !== 'heldout.jsonl', counter);   // held-out pairs: the entity task the evaluation scores
    if (errors.length) {   // a silently smaller training set is worse than none: keep the previous file
      for (const e of errors.slice(0, 10)) process.stderr.write(`make_pairs: ${e}\n`);
      process.stderr.write(`make_pairs: ${errors.length} of ${designs.length} designs failed; ${dst} not written\n`);
      process.exitCode = 1;
      continue;
    }
    writeFileSync(join(dir, dst + '.tmp'), pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
    renameSync(join(dir, dst + '.tmp'), join(dir, dst));
    console.log(`${dst}: ${pairs.length} pairs from the server's prompt builder, ${counter ? `trimmed in the tokens of ${tokenizer}` : 'trimmed by the estimate of 3.5 characters per token'}`);
  }
}

if (process.argv[1]?.endsWith('make_pairs.ts')) {
  const args = process.argv.slice(2);
  const t = args.indexOf('--tokenizer');
  const tokenizer = t >= 0 ? args.splice(t, 2)[1] : undefined;
  main(args[0] ?? 'models/recipe/runs/data', tokenizer);
}
