// Every VHDL file Debian's ghdl package installs under /usr/lib/ghdl/src parses with zero syntax
// errors and round-trips byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, treeText } from '../../server/src/syntax/index';
import { renderDiagnostics } from './snapshot';

export const GHDL_SRC = '/usr/lib/ghdl/src';

export function ghdlSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.vhdl?$/i.test(name)) out.push(p);
    }
  };
  if (existsSync(GHDL_SRC)) walk(GHDL_SRC);
  return out;
}

const skip = existsSync(GHDL_SRC) ? false : `${GHDL_SRC} is absent: install Debian's ghdl package (apt-get install ghdl)`;

test('GHDL library sources: zero syntax errors, lossless', { skip }, () => {
  const files = ghdlSources();
  assert.ok(files.length >= 50, `expected the ghdl library sources, found ${files.length} files`);
  for (const file of files) {
    // The sources are ISO-8859-1; latin1 maps each byte to one char, so the round trip is byte-exact.
    const text = readFileSync(file, 'latin1');
    const { root, diagnostics } = parse(text);
    assert.equal(renderDiagnostics(text, diagnostics), '', `${relative(GHDL_SRC, file)} has syntax errors`);
    assert.ok(treeText(root) === text, `${relative(GHDL_SRC, file)} does not round-trip`);
  }
});
