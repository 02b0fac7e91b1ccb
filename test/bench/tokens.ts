// Token counting benchmark: the model tokenizer's count of a whole "Explain this entity" prompt for a
// 5,000-line architecture, buildPrompt with the estimate and with the counter side by side (rounds
// interleaved), and what counting every candidate line instead would cost.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../server/src/analysis/workspace';
import { hoverPrompt } from '../../server/src/ide/modelHover';
import { buildPrompt } from '../../server/src/ide/prompt';
import { tokenCounterFromFile, type TokenCounter } from '../../server/src/llm/index';
import { longDesign } from '../explain/helpers';

const ROOT = new URL('../../', import.meta.url).pathname;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

export async function benchTokens(): Promise<void> {
  // BENCH_TOKENIZER=path/to/tokenizer.json adds another (e.g. the recipe's, before the default model ships).
  const folders = [['models/test-tiny', 'test model, 555 ids'], ['models/default', 'default model'], ...(process.env.BENCH_TOKENIZER ? [[dirname(resolve(process.env.BENCH_TOKENIZER)), 'BENCH_TOKENIZER']] : [])]
    .filter(([d]) => existsSync(join(resolve(ROOT, d), 'tokenizer.json')));
  console.log(`== tokens (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const text = longDesign(5000);
  const ws = new Workspace();
  const f = ws.setFile('file:///bench/big.vhd', text);
  const arch = f.units.find((u) => u.kind === 'architecture')!;
  const decl = f.scopes.declarations.find((d) => d.name === 'stage_400')!;
  buildPrompt(ws, { kind: 'unit', unit: arch }); // analysis warm: the rounds time the prompt, not the facts
  console.log(`design: ${text.split('\n').length} lines, ${text.length} characters`);
  for (const [dir, what] of folders) {
    let t0 = performance.now();
    const counter = tokenCounterFromFile(join(resolve(ROOT, dir), 'tokenizer.json'));
    console.log(`-- ${dir} (${what}): tokenizer read in ${ms(performance.now() - t0)}`);
    let calls = 0;
    let chars = 0;
    const spy: TokenCounter = { ...counter, count: (t) => ((calls++, (chars += t.length)), counter.count(t)) };
    const est: number[] = [];
    const counted: number[] = [];
    const chat: number[] = [];
    const hoverEst: number[] = [];
    const hoverCounted: number[] = [];
    let p = buildPrompt(ws, { kind: 'unit', unit: arch }, { tokenCounter: counter });
    for (let r = 0; r < 9; r++) {
      t0 = performance.now();
      buildPrompt(ws, { kind: 'unit', unit: arch });
      est.push(performance.now() - t0);
      calls = chars = 0;
      t0 = performance.now();
      p = buildPrompt(ws, { kind: 'unit', unit: arch }, { tokenCounter: spy });
      counted.push(performance.now() - t0);
      t0 = performance.now();
      counter.countChat(p.messages);
      chat.push(performance.now() - t0);
      t0 = performance.now();
      hoverPrompt(ws, f.uri, decl, decl.nameNode.start);
      hoverEst.push(performance.now() - t0);
      t0 = performance.now();
      hoverPrompt(ws, f.uri, decl, decl.nameNode.start, counter);
      hoverCounted.push(performance.now() - t0);
    }
    const promptChars = p.messages.reduce((n, m) => n + m.content.length, 0);
    console.log(`count of the final explain prompt (${promptChars} characters, ${p.tokens} tokens, template ${p.templateTokens}): median ${ms(median(chat))}`);
    console.log(`buildPrompt explain, estimate: median ${ms(median(est))}; counted: median ${ms(median(counted))} (${calls} counts of ${chars} characters in all; source ${p.sourceTokens} of 1200 tokens)`);
    console.log(`hover prompt, estimate: median ${ms(median(hoverEst))}; counted: median ${ms(median(hoverCounted))}`);
    const estimated = buildPrompt(ws, { kind: 'unit', unit: arch });
    const src = /```vhdl\n([\s\S]*?)\n```/.exec(estimated.messages[1].content)![1];
    console.log(`the estimate's 1200-token excerpt counts ${counter.count(src)} tokens with this tokenizer`);
    t0 = performance.now();
    let sum = 0;
    for (const line of text.split('\n')) sum += counter.count(line);
    console.log(`counting every line of the file instead: ${ms(performance.now() - t0)} (${sum} tokens)`);
  }
  if (!existsSync(join(ROOT, 'models/default/tokenizer.json'))) console.log('(models/default has no tokenizer yet; BENCH_TOKENIZER=path/to/tokenizer.json measures another)');
}
