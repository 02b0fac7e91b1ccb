// Headless Neovim (0.7's built-in LSP client) against the server over stdio: definition and hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionOf } from '../analysis/helpers';
import { ensureBuilt, ROOT } from '../lsp/client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status !== 0 && 'nvim is not installed (apt-get install neovim)';

test('neovim: definition and hover through vim.lsp', { skip: missing }, () => {
  ensureBuilt();
  const ws = join(ROOT, 'test/fixtures/workspace');
  const top = join(ws, 'src/top.vhd');
  const pos = positionOf(readFileSync(top, 'utf8'), 'DATA_WIDTH)');
  const dir = mkdtempSync(join(tmpdir(), 'vhdl-explain-nvim-'));
  try {
    const outFile = join(dir, 'out.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(ROOT, 'test/nvim/client.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        VE_SERVER: join(ROOT, 'dist/server.js'),
        VE_ROOT: ws,
        VE_FILE: top,
        VE_LINE: String(pos.line),
        VE_COL: String(pos.character),
        VE_OUT: outFile,
        XDG_STATE_HOME: dir,
        XDG_CACHE_HOME: dir,
      },
    });
    assert.equal(r.status, 0, `nvim: ${r.stderr}`);
    const out = JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>;
    assert.equal(out.error, undefined, String(out.error));
    assert.equal(out.initialized, true);
    const defs = out['textDocument/definition'] as { uri: string; range: { start: { line: number; character: number } } }[];
    assert.equal(defs.length, 1);
    assert.match(defs[0].uri, /\/src\/config_pkg\.vhd$/);
    assert.deepEqual(defs[0].range.start, positionOf(readFileSync(join(ws, 'src/config_pkg.vhd'), 'utf8'), 'DATA_WIDTH'));
    const hover = out['textDocument/hover'] as { contents: { kind: string; value: string } };
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /constant DATA_WIDTH : natural := 8;/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
