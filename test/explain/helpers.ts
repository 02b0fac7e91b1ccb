// Helpers for the explanation tests: the fixture workspace, expected-output files, a long design.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/analysis/workspace';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const DIR = join(ROOT, 'test/fixtures/explain');
export const TEST_MODEL = join(ROOT, 'models/test-tiny');

export function uriOf(name: string): string {
  return pathToFileURL(join(DIR, name)).href;
}

export function textOf(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

/** Every .vhd fixture of test/fixtures/explain in one workspace. */
export function fixtureWorkspace(): Workspace {
  const ws = new Workspace();
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.vhd')).sort()) ws.setFile(uriOf(f), textOf(f));
  return ws;
}

/** Compares with `file` beside the fixtures; UPDATE_EXPECT=1 rewrites it instead. */
export function expectFile(name: string, actual: string): void {
  const path = join(DIR, name);
  if (process.env.UPDATE_EXPECT === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_EXPECT !== '1') assert.fail(`${name} did not exist; written, review it and rerun`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs (UPDATE_EXPECT=1 to accept)`);
}

/** An architecture of about `lines` lines: many registers and one process per 10 lines. */
export function longDesign(lines: number): string {
  const n = Math.floor(lines / 10);
  const out = ['library ieee;', 'use ieee.std_logic_1164.all;', 'use ieee.numeric_std.all;', '', 'entity big is', '  port (', '    clk : in std_logic;', '    rst : in std_logic;', '    d   : in unsigned(7 downto 0);', '    q   : out unsigned(7 downto 0)', '  );', 'end entity big;', '', 'architecture rtl of big is'];
  for (let i = 0; i < n; i++) out.push(`  signal stage_${i} : unsigned(7 downto 0);`);
  out.push('begin');
  for (let i = 0; i < n; i++) {
    const src = i === 0 ? 'd' : `stage_${i - 1}`;
    out.push(`  p_stage_${i} : process (clk) is`, '  begin', '    if rising_edge(clk) then', `      if rst = '1' then stage_${i} <= (others => '0');`, `      else stage_${i} <= ${src} + ${i % 7};`, '      end if;', '    end if;', `  end process p_stage_${i};`);
  }
  out.push(`  q <= stage_${n - 1};`, 'end architecture rtl;', '');
  return out.join('\n');
}
