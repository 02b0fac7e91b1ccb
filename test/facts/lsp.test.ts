// The facts section through the real language server over JSON-RPC: hover after open and after an edit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { LspClient } from '../lsp/client';
import { FIXTURES, lineOf, loadFixtures, positionOf } from './helpers';

const dir = join(FIXTURES, 'hierarchy');
const file = join(FIXTURES, 'two_domains.vhd');
const uri = pathToFileURL(file).href;
const text = loadFixtures('two_domains.vhd').text('two_domains.vhd');

let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize([dir]);
  await client.open(uri, text);
});

after(() => client.kill());

async function hover(pos: { line: number; character: number }): Promise<string> {
  const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: pos });
  return h?.contents.value ?? '';
}

test('hover over a register shows its clock, reset, drivers and the crossing', async () => {
  const md = await hover(positionOf(text, 'snap_b  :'));
  assert.ok(md.includes('signal snap_b  : unsigned(7 downto 0);'), md);
  assert.ok(md.includes('Register · clock `clk_b` (rising) · no reset'), md);
  assert.ok(md.includes(`Driven by \`p_b\` ([line ${lineOf(text, 'snap_b <= count_a;')}](${uri}#L${lineOf(text, 'snap_b <= count_a;')}))`), md);
  assert.ok(md.includes('**Possible clock-domain crossing**: takes `count_a` (clock `clk_a`)'), md);
});

test('after an edit the facts follow the new text', async () => {
  // Put a synchroniser stage in front of snap_b: the edit replaces `count_a` in p_b by `meta`.
  const line = lineOf(text, 'snap_b <= count_a;') - 1;
  const col = text.split('\n')[line].indexOf('count_a');
  await client.change(uri, { start: { line, character: col }, end: { line, character: col + 'count_a'.length } }, 'synced ');
  const md = await hover(positionOf(text, 'snap_b  :'));
  assert.ok(md.includes('Register · clock `clk_b` (rising)'), md);
  assert.ok(!md.includes('clock-domain crossing'), md);
});
