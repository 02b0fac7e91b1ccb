// `npm run bench [name...]`: runs every benchmark in turn and prints its figures (add yours to the list).
import { benchLlm } from './llm';

const benches: [string, () => Promise<void>][] = [
  ['llm', benchLlm],
];

async function main(only: string[]): Promise<void> {
  for (const [name, run] of benches) {
    if (only.length && !only.includes(name)) continue;
    await run();
    process.stdout.write('\n');
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
