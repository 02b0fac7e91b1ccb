// Facts-hover benchmark: a 10,000-line file is edited, then hovered; prints how long the hover takes
// (parse and name resolution included, then the facts section alone), for one huge architecture and
// for many small ones in one file.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../server/src/analysis/workspace';
import { basicHover } from '../../server/src/ide/basicHover';
import { appendFactsSection } from '../../server/src/ide/factsHover';

const TARGET_LINES = 10_000;
const EDITS = 60; // edits measured per layout

/** One block of ~60 lines: a counter, a two-process FSM and a combinational output, all on signal names with suffix `i`. */
function block(i: number): string {
  return `
  -- block ${i}: counter, state machine and decoder
  signal cnt_${i} : unsigned(7 downto 0);
  signal st_${i}, nst_${i} : state_t;
  signal y_${i} : std_logic;
`;
}

function body(i: number): string {
  return `
  p_cnt_${i} : process (clk, rst_n)
  begin
    if rst_n = '0' then
      cnt_${i} <= (others => '0');
    elsif rising_edge(clk) then
      if en = '1' then
        cnt_${i} <= cnt_${i} + 1;
      end if;
    end if;
  end process p_cnt_${i};

  p_st_${i} : process (clk, rst_n)
  begin
    if rst_n = '0' then
      st_${i} <= IDLE;
    elsif rising_edge(clk) then
      st_${i} <= nst_${i};
    end if;
  end process p_st_${i};

  p_nst_${i} : process (all)
  begin
    nst_${i} <= st_${i};
    case st_${i} is
      when IDLE => if en = '1' then nst_${i} <= RUN; end if;
      when RUN  => if cnt_${i} = 255 then nst_${i} <= DONE; end if;
      when DONE => nst_${i} <= IDLE;
    end case;
  end process p_nst_${i};

  y_${i} <= '1' when st_${i} = DONE and cnt_${i}(0) = '1' else '0';
`;
}

const HEADER = `library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;
`;

function entity(name: string): string {
  return `entity ${name} is
  port (clk, rst_n, en : in std_logic; q : out std_logic);
end entity ${name};
`;
}

/** One architecture with as many blocks as fit in the target line count. */
export function oneBigArchitecture(): string {
  const per = (block(0) + body(0)).split('\n').length;
  const n = Math.floor((TARGET_LINES - 20) / per);
  const decls: string[] = [];
  const stmts: string[] = [];
  for (let i = 0; i < n; i++) {
    decls.push(block(i));
    stmts.push(body(i));
  }
  return `${HEADER}${entity('big')}
architecture rtl of big is
  type state_t is (IDLE, RUN, DONE);
${decls.join('')}
begin
${stmts.join('')}
  q <= y_0;
end architecture rtl;
`;
}

/** Many small entity/architecture pairs. */
function manySmallUnits(): string {
  const unit = (i: number) => `${entity(`small_${i}`)}
architecture rtl of small_${i} is
  type state_t is (IDLE, RUN, DONE);
${block(i)}
begin
${body(i)}
  q <= y_${i};
end architecture rtl;
`;
  const per = unit(0).split('\n').length + 3;
  const n = Math.floor(TARGET_LINES / per);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(HEADER + unit(i));
  return parts.join('\n');
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

const median = (xs: number[]) => quantile(xs, 0.5);

function measure(label: string, text: string): void {
  const uri = 'file:///bench/facts.vhd';
  const lines = text.split('\n').length;
  // Hover the counter of a block in the middle of the file; edit a line just above it each time.
  const mid = Math.floor(text.length / 2);
  const sig = text.indexOf('signal cnt_', mid) >= 0 ? text.indexOf('signal cnt_', mid) : text.indexOf('signal cnt_');
  const use = text.indexOf('<= cnt_', sig) + 3; // after the edit point, so the edit shifts it by a known amount
  // Before/after in one run, rounds interleaved: full reparse of every edit, incremental reparse
  // with the regions rebuilt, and incremental reparse with unchanged regions copied (the default).
  // One heap for all three: each one's garbage can pause the others (bench lsp separates them).
  const modes = [
    { name: 'full reparse', incremental: false, reuse: false },
    { name: 'incremental reparse, regions rebuilt', incremental: true, reuse: false },
    { name: 'incremental reparse, regions copied', incremental: true, reuse: true },
  ].map((m) => {
    const ws = new Workspace();
    ws.incrementalParsing = m.incremental;
    ws.reuseScopes = m.reuse;
    return { ...m, ws, full: [] as number[], factsOnly: [] as number[], warm: [] as number[] };
  });
  for (let k = 0; k <= EDITS; k++) {
    for (const m of modes) {
      const ws = m.ws;
      // The edit: a comment line above the declaration whose text changes with k.
      const edited = text.slice(0, sig) + `-- edit ${String(k % 10)}\n  ` + text.slice(sig);
      ws.setFile(uri, edited, { version: k + 1 });
      const file = ws.getFile(uri)!;
      const at = use + `-- edit ${String(k % 10)}\n  `.length;
      const pos = file.lines.positionAt(at);
      const t0 = performance.now();
      const h = basicHover(ws, uri, pos);
      const t1 = performance.now();
      appendFactsSection(ws, uri, pos, h);
      const t2 = performance.now();
      const h2 = basicHover(ws, uri, pos);
      const t3 = performance.now();
      appendFactsSection(ws, uri, pos, h2);
      const t4 = performance.now();
      if (!h || !h.sections.some((s) => s.id === 'facts')) throw new Error(`${label}: no facts section in the hover`);
      if (k === 0) continue; // first round warms up the JIT
      m.full.push(t2 - t0);
      m.factsOnly.push(t2 - t1);
      m.warm.push(t4 - t3);
    }
  }
  const f = (x: number) => `${x.toFixed(2)} ms`;
  process.stdout.write(`${label}: ${lines} lines, ${EDITS} edits\n`);
  for (const m of modes) {
    process.stdout.write(
      `  [${m.name}]\n` +
        `  hover after edit (parse + resolve + facts): median ${f(median(m.full))}, p90 ${f(quantile(m.full, 0.9))}, p95 ${f(quantile(m.full, 0.95))}, max ${f(Math.max(...m.full))}\n` +
        `  facts section after edit (only the statements naming the signal): median ${f(median(m.factsOnly))}, p90 ${f(quantile(m.factsOnly, 0.9))}, max ${f(Math.max(...m.factsOnly))}\n` +
        `  hover again, same version (cached facts): median ${f(median(m.warm))}\n`,
    );
  }
}

export async function benchFacts(): Promise<void> {
  process.stdout.write(`facts hover on a 10,000-line file (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})\n`);
  measure('one architecture', oneBigArchitecture());
  measure('many small architectures', manySmallUnits());
}


