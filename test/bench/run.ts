// `npm run bench [name...]`: runs every benchmark in turn and prints its figures. Each benchmark is
// a module here exporting an async function; one that is missing is skipped with a message.

/** [name, module file in test/bench/, exported function]. */
const benches: [string, string, string][] = [
  ['parse', 'parse', 'benchParse'],
  ['lsp', 'lsp', 'benchLsp'],
  ['facts', 'facts', 'benchFacts'],
  ['explain', 'explain', 'benchExplain'],
  ['llm', 'llm', 'benchLlm'],
  ['tokens', 'tokens', 'benchTokens'],
];

async function load(file: string, fn: string): Promise<(() => Promise<void>) | string> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(`./${file}`)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return `test/bench/${file}.ts is not there yet`;
    throw e;
  }
  const run = mod[fn];
  return typeof run === 'function' ? (run as () => Promise<void>) : `test/bench/${file}.ts does not export ${fn}()`;
}

async function main(only: string[]): Promise<void> {
  for (const [name, file, fn] of benches) {
    if (only.length && !only.includes(name)) continue;
    const run = await load(file, fn);
    if (typeof run === 'string') {
      process.stdout.write(`== ${name}: skipped (${run})\n\n`);
      continue;
    }
    await run();
    process.stdout.write('\n');
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
