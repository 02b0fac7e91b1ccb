// Parse throughput on the GHDL library sources, side by side with `ghdl -i --std=08` on the same
// files in one GHDL process. Run alone: `node --import tsx test/bench/parse.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const GHDL_SRC = '/usr/lib/ghdl/src';
const WARMUP = 5; // untimed runs after the first, so the JIT has compiled the parser
const RUNS = 9; // timed repetitions, interleaved with GHDL's

type ParseFn = (text: string) => { diagnostics: unknown[] };

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.vhdl?$/i.test(name)) out.push(p);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** The parser as it ships: server/src/syntax bundled by esbuild, like dist/server.js. */
async function loadBundledParser(work: string): Promise<ParseFn> {
  const outfile = join(work, 'syntax.mjs');
  await esbuild.build({
    entryPoints: [new URL('../../server/src/syntax/index.ts', import.meta.url).pathname],
    bundle: true, platform: 'node', target: 'node20', format: 'esm', outfile, logLevel: 'warning',
  });
  return ((await import(pathToFileURL(outfile).href)) as { parse: ParseFn }).parse;
}

function rate(bytes: number, lines: number, ms: number): string {
  return `${((lines / ms) * 1000).toFixed(0).padStart(9)} lines/s  ${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6)} MB/s  (${ms.toFixed(1)} ms)`;
}

export async function benchParse(): Promise<void> {
  console.log('== parse: throughput on the GHDL library sources');
  if (!existsSync(GHDL_SRC)) {
    console.log(`skipped: ${GHDL_SRC} is absent (apt-get install ghdl)`);
    return;
  }
  const files = sources(GHDL_SRC);
  const texts = files.map((f) => readFileSync(f, 'latin1'));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const lines = texts.reduce((n, t) => n + t.split('\n').length - 1, 0);
  console.log(`${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB`);

  const work = mkdtempSync(join(tmpdir(), 'vhdl-explain-bench-'));
  try {
    const parse = await loadBundledParser(work);
    const parseAll = (): number => {
      const t0 = performance.now();
      let diags = 0;
      for (const t of texts) diags += parse(t).diagnostics.length;
      const ms = performance.now() - t0;
      if (diags !== 0) throw new Error(`the GHDL sources gave ${diags} syntax diagnostics`);
      return ms;
    };
    const cold = parseAll();
    for (let i = 0; i < WARMUP; i++) parseAll();

    // GHDL: one process parses every file (`-i` imports: parse only, then writes the library index).
    const ghdlRun = (args: string[]): { ms: number; status: number | null } => {
      const dir = mkdtempSync(join(work, 'ghdl-'));
      const t0 = performance.now();
      const r = spawnSync('ghdl', ['-i', '--std=08', `--workdir=${dir}`, ...args], { encoding: 'utf8' });
      const ms = performance.now() - t0;
      rmSync(dir, { recursive: true, force: true });
      if (r.error) throw r.error;
      return { ms, status: r.status };
    };
    const hasGhdl = spawnSync('ghdl', ['--version']).status === 0;
    const tiny = join(work, 'tiny.vhd');
    writeFileSync(tiny, 'entity t is end;\n');

    // Interleaved, so that load from other processes hits both sides alike.
    const ours: number[] = [], ghdl: number[] = [], startup: number[] = [];
    let status: number | null = null;
    for (let i = 0; i < RUNS; i++) {
      ours.push(parseAll());
      if (!hasGhdl) continue;
      const r = ghdlRun(files);
      ghdl.push(r.ms);
      status = r.status;
      startup.push(ghdlRun([tiny]).ms);
    }
    console.log(`vhdl-explain, first run (cold JIT)       ${rate(bytes, lines, cold)}`);
    console.log(`vhdl-explain, warm: median of ${RUNS}       ${rate(bytes, lines, median(ours))}`);
    console.log(`vhdl-explain, warm: best of ${RUNS}         ${rate(bytes, lines, Math.min(...ours))}`);
    if (!hasGhdl) {
      console.log('ghdl: not installed, no comparison');
      return;
    }
    const net = ghdl.map((ms, i) => Math.max(ms - startup[i], 0.001));
    console.log(`ghdl -i --std=08 (one process): median  ${rate(bytes, lines, median(ghdl))}  exit ${status}: it rejects std/*/standard.vhdl, which it builds in`);
    console.log(`ghdl, minus its start-up (median ${median(startup).toFixed(1)} ms) ${rate(bytes, lines, median(net))}`);
    console.log(`ghdl: best of ${RUNS}                       ${rate(bytes, lines, Math.min(...ghdl))}`);
    console.log(`ratio vhdl-explain / ghdl throughput: ${(median(ghdl) / median(ours)).toFixed(2)}x (medians, wall), ${(median(net) / median(ours)).toFixed(2)}x (ghdl start-up removed), ${(Math.min(...ghdl) / Math.min(...ours)).toFixed(2)}x (best runs)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchParse().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
