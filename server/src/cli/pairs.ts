// `vhdl-explain pairs --in DESIGNS.jsonl --out PAIRS.jsonl [--names]`: training pairs made with the server's
// prompt builders ("Explain this entity"; with --names also hover and doc-comment pairs for records with `docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { makePairs } from '../ide/promptPairs';
import type { Command } from './main';
import { parseArgs } from './load';

export const pairsCommand: Command = {
  usage: 'pairs --in DESIGNS.jsonl --out PAIRS.jsonl [--names]   chat prompts for training, from the same prompt builders as the editor',
  run(args) {
    const { values, flags } = parseArgs(args, ['in', 'out']);
    const input = values.get('in')?.[0];
    const output = values.get('out')?.[0];
    if (!input || !output) {
      process.stderr.write('usage: vhdl-explain pairs --in DESIGNS.jsonl --out PAIRS.jsonl [--names]\n');
      return 2;
    }
    const lines = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim());
    const { pairs, errors } = makePairs(lines.map((l) => JSON.parse(l)), (p) => readFileSync(p, 'utf8'), { nameTasks: flags.has('names') });
    writeFileSync(output, pairs.map((p) => JSON.stringify(p)).join('\n') + (pairs.length ? '\n' : ''));
    for (const e of errors) process.stderr.write(`vhdl-explain pairs: ${e}\n`);
    process.stdout.write(`${pairs.length} pairs written to ${output}${errors.length ? `, ${errors.length} records skipped` : ''}\n`);
    return errors.length && !pairs.length ? 1 : 0;
  },
};
