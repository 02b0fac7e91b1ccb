// The language server over real JSON-RPC on stdio: lifecycle, sync, navigation, and bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionOf } from '../analysis/helpers';
import { CancellationTokenSource, LspClient, ROOT } from './client';

const WS = join(ROOT, 'test/fixtures/workspace');
const TOP = join(WS, 'src/top.vhd');
const topUri = pathToFileURL(TOP).href;
const pkgUri = pathToFileURL(join(WS, 'src/config_pkg.vhd')).href;
const topText = readFileSync(TOP, 'utf8');

type Loc = { uri: string; range: { start: { line: number; character: number } } };

let client: LspClient;

before(async () => {
  client = new LspClient({ libraries: { util: ['lib/**'] } });
  const init = await client.initialize([WS]);
  assert.equal(init.capabilities.hoverProvider, true);
  assert.equal(init.capabilities.definitionProvider, true);
  await client.open(topUri, topText);
});

after(() => client.kill());

test('hover over a package constant used in another file', async () => {
  const h = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
    textDocument: { uri: topUri },
    position: positionOf(topText, 'DATA_WIDTH)'),
  });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /```vhdl\nconstant DATA_WIDTH : natural := 8;\n```/);
  assert.match(h.contents.value, /Width of the data path in bits\./);
});

test('definition across files (scanned from the workspace folder, not opened)', async () => {
  const locs = await client.request<Loc[]>('textDocument/definition', { textDocument: { uri: topUri }, position: positionOf(topText, 'DATA_WIDTH)') });
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, pkgUri);
  const pkgText = readFileSync(new URL(pkgUri), 'utf8');
  assert.deepEqual(locs[0].range.start, positionOf(pkgText, 'DATA_WIDTH'));
});

test('references across files', async () => {
  const locs = await client.request<Loc[]>('textDocument/references', {
    textDocument: { uri: topUri },
    position: positionOf(topText, 'DEPTH - 1'),
    context: { includeDeclaration: true },
  });
  const files = locs.map((l) => l.uri.slice(l.uri.lastIndexOf('/') + 1)).sort();
  assert.deepEqual(files, ['config_pkg.vhd', 'config_pkg.vhd', 'top.vhd', 'top.vhd']);
});

test('document symbols are hierarchical', async () => {
  const syms = await client.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: topUri } });
  assert.deepEqual(syms.map((s) => s.name), ['top', 'rtl']);
  assert.deepEqual(
    syms[1].children.map((c) => c.name),
    ['counter', 'status', 'mode', 'index', 'small', 'u_direct', 'u_comp', 'control'],
  );
});

test('the library mapping setting is honoured', async () => {
  const uri = pathToFileURL(join(WS, 'src/uses_util.vhd')).href;
  const text = readFileSync(new URL(uri), 'utf8');
  const locs = await client.request<Loc[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'MAGIC') });
  assert.equal(locs.length, 1);
  assert.match(locs[0].uri, /lib\/util_pkg\.vhd$/);
});

test('incremental edits: a new declaration is found, and a syntax error is published', async () => {
  // Insert a signal declaration and a use of it.
  const decl = positionOf(topText, '  signal small');
  await client.change(topUri, { start: decl, end: decl }, '  signal extra : natural;\n');
  const edited = topText.replace('  signal small', '  signal extra : natural;\n  signal small');
  const at = positionOf(edited, 'index <= next_index');
  await client.change(topUri, { start: at, end: at }, 'extra <= 1; ');
  const now = edited.replace('index <= next_index', 'extra <= 1; index <= next_index');
  const locs = await client.request<Loc[]>('textDocument/definition', { textDocument: { uri: topUri }, position: positionOf(now, 'extra <= 1') });
  assert.deepEqual(locs.map((l) => l.range.start), [positionOf(now, 'extra :')]);

  // Break it: delete the `;` after the new declaration; diagnostics come after the debounce.
  const semi = positionOf(now, 'natural;', 1, 7);
  const version = await client.change(topUri, { start: semi, end: { line: semi.line, character: semi.character + 1 } }, '');
  const d = await client.waitForDiagnostics(topUri, (p) => p.version === version);
  assert.ok(d.diagnostics.some((x) => x.severity === 1 && x.code === 'syntax/expected'), JSON.stringify(d.diagnostics));
});

test('bad input: binary junk, a 20 MB file and a cancelled request leave the server answering', async () => {
  const junkUri = 'file:///tmp/vhdl-explain-junk.vhd';
  let junk = '';
  let seed = 12345;
  for (let i = 0; i < 50_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk += String.fromCharCode(seed % 256);
  }
  await client.open(junkUri, junk);
  const syms = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: junkUri } });
  assert.ok(Array.isArray(syms));
  await client.request('textDocument/hover', { textDocument: { uri: junkUri }, position: { line: 3, character: 2 } });

  const bigUri = 'file:///tmp/vhdl-explain-big.vhd';
  const block = 'entity e is port (a : in bit); end entity;\narchitecture a of e is signal s : bit; begin s <= a; end architecture;\n';
  const big = block.repeat(Math.ceil(20_000_000 / block.length));
  await client.open(bigUri, big);
  const cts = new CancellationTokenSource();
  const pending = client.request('textDocument/references', { textDocument: { uri: bigUri }, position: { line: 1, character: 36 }, context: { includeDeclaration: true } }, cts);
  cts.cancel();
  const outcome = await pending.then(
    () => 'answered',
    (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `error ${JSON.stringify(e)}`),
  );
  assert.ok(outcome === 'answered' || outcome === 'cancelled', outcome);
  // Too large for semantic analysis: empty answers, a note among the diagnostics, and no stall.
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 1, character: 45 } }), null);
  const bigDiags = await client.waitForDiagnostics(bigUri);
  assert.deepEqual(bigDiags.diagnostics.map((d) => d.code), ['too-large']);
  const pkgText = readFileSync(new URL(pkgUri), 'utf8');
  const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: pkgUri }, position: positionOf(pkgText, 'DEPTH') });
  assert.match(h.contents.value, /constant DEPTH/);

  // Positions outside the document and unknown documents answer empty.
  assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: topUri }, position: { line: 99999, character: 5 } }), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.vhd' }, position: { line: 0, character: 0 } }), null);
  await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
  assert.equal(client.proc.exitCode, null);
});

test('shutdown and exit end the process with status 0, the model that was still loading released first', async () => {
  const c = new LspClient();
  try {
    await c.initialize([]);
    // The bundled model starts loading after `initialized`; shutdown comes before it can be ready.
    const models = () => c.logs.filter((l) => l.startsWith('model: '));
    for (let i = 0; i < 500 && !models().some((l) => l.startsWith('model: loading')); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(models().some((l) => l.startsWith('model: loading')), models().join('\n'));
    await c.conn.sendRequest('shutdown');
    assert.equal(models().at(-1), 'model: off: The language server is shutting down.', models().join('\n'));
    await c.conn.sendNotification('exit');
    assert.equal(await c.exited, 0);
  } finally {
    c.kill();
  }
});

test('file watching and closing: disk changes reach the index, a closed document reverts to the disk', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'vhdl-explain-ws-'));
  const c = new LspClient();
  try {
    const useText = 'use work.consts.all;\nentity user is port (x : out integer); end entity;\narchitecture rtl of user is begin x <= LIMIT; end architecture;\n';
    writeFileSync(join(dir, 'user.vhd'), useText);
    await c.initialize([dir]);
    const userUri = pathToFileURL(join(dir, 'user.vhd')).href;
    const at = { textDocument: { uri: userUri }, position: positionOf(useText, 'LIMIT') };
    assert.deepEqual(await c.request('textDocument/definition', at), []);

    const pkgPath = join(dir, 'consts.vhd');
    const pkgUri = pathToFileURL(pkgPath).href;
    writeFileSync(pkgPath, 'package consts is\n  constant LIMIT : integer := 10;\nend package;\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pkgUri, type: 1 }] });
    const found = await c.request<Loc[]>('textDocument/definition', at);
    assert.deepEqual(found.map((l) => [l.uri, l.range.start.line]), [[pkgUri, 1]]);

    // Open the package, move the constant in the editor only, then close: the disk text comes back.
    const edited = 'package consts is\n\n\n  constant LIMIT : integer := 10;\nend package;\n';
    await c.open(pkgUri, edited);
    assert.deepEqual((await c.request<Loc[]>('textDocument/definition', at)).map((l) => l.range.start.line), [3]);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: pkgUri } });
    // The close reloads from disk; requests that arrive meanwhile wait for the read.
    assert.deepEqual((await c.request<Loc[]>('textDocument/definition', at)).map((l) => l.range.start.line), [1]);

    rmSync(pkgPath);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pkgUri, type: 3 }] });
    assert.deepEqual(await c.request('textDocument/definition', at), []);
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same server over node IPC (what vscode-languageclient uses)', async () => {
  const { fork } = await import('node:child_process');
  const { IPCMessageReader, IPCMessageWriter, createMessageConnection } = await import('vscode-jsonrpc/node');
  const proc = fork(join(ROOT, 'dist/server.js'), ['--node-ipc'], { silent: true });
  const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(WS).href, capabilities: {} });
    await conn.sendNotification('initialized', {});
    const locs = await conn.sendRequest<Loc[]>('textDocument/definition', { textDocument: { uri: topUri }, position: positionOf(topText, 'DATA_WIDTH)') });
    assert.deepEqual(locs.map((l) => l.uri), [pkgUri]);
    await conn.sendRequest('shutdown');
    const exited = new Promise<string>((r) => proc.on('exit', (code, signal) => r(`code ${code}, signal ${signal}`)));
    await conn.sendNotification('exit');
    assert.equal(await exited, 'code 0, signal null');
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
  }
});
