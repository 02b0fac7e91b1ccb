// Go to definition, references and hover across the files of test/fixtures/workspace, positions found by text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../server/src/ide/definition';
import { references } from '../../server/src/ide/references';
import { basicHover } from '../../server/src/ide/basicHover';
import { documentHighlights } from '../../server/src/ide/highlights';
import { hoverMarkdown } from '../../server/src/ide/types';
import { loadFixture, where } from './helpers';

const fx = loadFixture('workspace');

/** `[file, needle, occurrence]`: the start of that occurrence. */
type At = [string, string, number];

function loc([file, needle, occ]: At): string {
  const p = fx.pos(file, needle, occ);
  return `${file}:${p.line + 1}:${p.character + 1}`;
}

// Each case: the name at `from` goes to the declarations at `to` (in order).
const definitionCases: { name: string; from: At; to: At[] }[] = [
  { name: 'port used in its architecture', from: ['src/counter.vhd', 'clk_i)', 1], to: [['src/counter.vhd', 'clk_i', 1]] },
  { name: 'signal in the same architecture', from: ['src/counter.vhd', 'count_r + 1', 1], to: [['src/counter.vhd', 'count_r', 1]] },
  { name: 'architecture header names its entity', from: ['src/counter.vhd', 'counter is', 2], to: [['src/counter.vhd', 'counter', 2]] },
  { name: 'end label names the process', from: ['src/counter.vhd', 'tick;', 1], to: [['src/counter.vhd', 'tick', 1]] },
  { name: 'entity instantiated in another file', from: ['src/top.vhd', 'counter(rtl)', 1], to: [['src/counter.vhd', 'counter', 2]] },
  { name: 'architecture named in an entity instantiation', from: ['src/top.vhd', 'rtl)', 1], to: [['src/counter.vhd', 'rtl', 1]] },
  { name: 'library prefix goes nowhere', from: ['src/top.vhd', 'work.counter', 1], to: [] },
  { name: 'formal port of an entity instantiation', from: ['src/top.vhd', 'en_i    => status', 1], to: [['src/counter.vhd', 'en_i', 1]] },
  { name: 'formal generic of an entity instantiation', from: ['src/top.vhd', 'WIDTH => DATA', 1], to: [['src/counter.vhd', 'WIDTH', 1]] },
  { name: 'package constant through use clause', from: ['src/top.vhd', 'DATA_WIDTH)', 1], to: [['src/config_pkg.vhd', 'DATA_WIDTH', 1]] },
  { name: 'package constant in a port type', from: ['src/top.vhd', 'DATA_WIDTH - 1', 1], to: [['src/config_pkg.vhd', 'DATA_WIDTH', 1]] },
  { name: 'package name in a use clause', from: ['src/top.vhd', 'config_pkg.all', 1], to: [['src/config_pkg.vhd', 'config_pkg', 1]] },
  { name: 'selected name lib.pkg.const', from: ['src/top.vhd', 'DEPTH;', 1], to: [['src/config_pkg.vhd', 'DEPTH', 1]] },
  { name: 'type from a package', from: ['src/top.vhd', 'status_t;', 1], to: [['src/config_pkg.vhd', 'status_t', 1]] },
  { name: 'enumeration literal from a package', from: ['src/top.vhd', 'MODE_IDLE', 1], to: [['src/config_pkg.vhd', 'MODE_IDLE', 1]] },
  { name: 'record field', from: ['src/top.vhd', 'busy', 1], to: [['src/config_pkg.vhd', 'busy', 1]] },
  { name: 'record field as a target', from: ['src/top.vhd', 'count <=', 1], to: [['src/config_pkg.vhd', 'count :', 1]] },
  {
    name: 'component instantiation: the component, then its bound entity',
    from: ['src/top.vhd', 'counter\n    port map', 1],
    to: [['src/top.vhd', 'counter is', 1], ['src/counter.vhd', 'counter', 2]],
  },
  {
    name: 'formal of a component instantiation: component port, then entity port',
    from: ['src/top.vhd', 'en_i => \'1\'', 1],
    to: [['src/top.vhd', 'en_i', 1], ['src/counter.vhd', 'en_i', 1]],
  },
  { name: 'component declaration name goes to itself and the entity', from: ['src/top.vhd', 'counter is', 1], to: [['src/top.vhd', 'counter is', 1], ['src/counter.vhd', 'counter', 2]] },
  { name: 'function from a package', from: ['src/top.vhd', 'next_index', 1], to: [['src/config_pkg.vhd', 'next_index', 1]] },
  { name: 'package body sees the package constant', from: ['src/config_pkg.vhd', 'DEPTH - 1', 1], to: [['src/config_pkg.vhd', 'DEPTH', 1]] },
  { name: 'parameter inside the function body', from: ['src/config_pkg.vhd', 'i + 1', 1], to: [['src/config_pkg.vhd', 'i : natural', 2]] },
  { name: 'actual in a port map is the local signal', from: ['src/top.vhd', 'clk_i,', 1], to: [['src/top.vhd', 'clk_i', 1]] },
];

for (const c of definitionCases) {
  test(`definition: ${c.name}`, () => {
    const [file, needle, occ] = c.from;
    const got = definition(fx.ws, fx.uri(file), fx.pos(file, needle, occ)).map((l) => where(fx.root, l));
    assert.deepEqual(got, c.to.map(loc));
  });
}

test('definition: a name from a library outside the workspace has no location', () => {
  assert.deepEqual(definition(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'std_logic;')), []);
  assert.deepEqual(definition(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'rising_edge')), []);
});

test('definition: a package made visible by a library mapping', () => {
  const mapped = loadFixture('workspace', { util: ['lib/**'] });
  const got = definition(mapped.ws, mapped.uri('src/uses_util.vhd'), mapped.pos('src/uses_util.vhd', 'MAGIC'));
  assert.deepEqual(got.map((l) => where(mapped.root, l)), [`lib/util_pkg.vhd:3:12`]);
  // Without the mapping, util_pkg is in `work` and library `util` is unknown: no answer, no guess.
  assert.deepEqual(definition(fx.ws, fx.uri('src/uses_util.vhd'), fx.pos('src/uses_util.vhd', 'MAGIC')), []);
});

test('references: an entity port across files (formals in instantiations included)', () => {
  const got = references(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'en_i', 1), true).map((l) => where(fx.root, l)).sort();
  const expected = [
    loc(['src/counter.vhd', 'en_i', 1]),
    loc(['src/counter.vhd', 'en_i', 2]),
    loc(['src/top.vhd', 'en_i    => status', 1]),
    loc(['src/top.vhd', "en_i => '1'", 1]),
  ].sort();
  assert.deepEqual(got, expected);
});

test('references: a package constant used through a use clause and a selected name', () => {
  const got = references(fx.ws, fx.uri('src/config_pkg.vhd'), fx.pos('src/config_pkg.vhd', 'DEPTH', 1), false).map((l) => where(fx.root, l)).sort();
  const expected = [loc(['src/config_pkg.vhd', 'DEPTH - 1', 1]), loc(['src/top.vhd', 'DEPTH - 1', 1]), loc(['src/top.vhd', 'DEPTH;', 1])].sort();
  assert.deepEqual(got, expected);
});

test('references: the entity, from its declaration', () => {
  const got = references(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'counter', 2), false).map((l) => where(fx.root, l)).sort();
  const expected = [
    loc(['src/counter.vhd', 'counter;', 1]), // end entity counter;
    loc(['src/counter.vhd', 'counter is', 2]), // architecture rtl of counter
    loc(['src/top.vhd', 'counter(rtl)', 1]),
    loc(['src/top.vhd', 'counter\n    port map', 1]), // the component instance, bound to the entity
  ].sort();
  assert.deepEqual(got, expected);
});

test('highlights: reads and writes of a signal in one file', () => {
  const got = documentHighlights(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'count_r', 1)).map((h) => `${h.range.start.line + 1}:${h.range.start.character + 1}:${h.kind}`);
  const at = (occ: number, kind: string): string => {
    const p = fx.pos('src/counter.vhd', 'count_r', occ);
    return `${p.line + 1}:${p.character + 1}:${kind}`;
  };
  // Declaration, `count_o <= count_r`, two assignments, and the read in `count_r + 1`.
  assert.deepEqual(got, [at(1, 'write'), at(2, 'read'), at(3, 'write'), at(4, 'write'), at(5, 'read')]);
});

test('hover: a port with its trailing comment, declared in another file', () => {
  const h = basicHover(fx.ws, fx.uri('src/top.vhd'), fx.pos('src/top.vhd', "clk_i => clk_i, rst_i", 1));
  assert.ok(h);
  assert.equal(
    hoverMarkdown(h),
    [
      '```vhdl',
      'clk_i   : in  std_logic;',
      '```',
      '*port* of component `counter` — top.vhd',
      '',
      '---',
      '',
      '```vhdl',
      'clk_i  : in  std_logic;',
      '```',
      '*port* of entity `counter` — counter.vhd',
      '',
      '---',
      '',
      'rising-edge clock',
    ].join('\n'),
  );
});

test('hover: a package constant with its --! comment', () => {
  const h = basicHover(fx.ws, fx.uri('src/top.vhd'), fx.pos('src/top.vhd', 'DATA_WIDTH)', 1));
  assert.ok(h);
  assert.equal(
    hoverMarkdown(h),
    ['```vhdl', 'constant DATA_WIDTH : natural := 8;', '```', '*constant* of package `config_pkg` — config_pkg.vhd', '', '---', '', 'Width of the data path in bits.'].join('\n'),
  );
});

test('hover: an entity shows its header and the comment above it', () => {
  const h = basicHover(fx.ws, fx.uri('src/top.vhd'), fx.pos('src/top.vhd', 'counter(rtl)', 1));
  assert.ok(h);
  const md = hoverMarkdown(h);
  assert.match(md, /^```vhdl\nentity counter is\n  generic \(\n    WIDTH : natural := 4 -- counter width\n  \);\n  port \(/);
  assert.match(md, /count_o : out unsigned\(WIDTH - 1 downto 0\)\n  \);\n```/);
  assert.match(md, /A free-running counter with enable\.$/);
});

test('hover: nothing on a keyword or a predefined name', () => {
  assert.equal(basicHover(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'process')), undefined);
  assert.equal(basicHover(fx.ws, fx.uri('src/counter.vhd'), fx.pos('src/counter.vhd', 'natural')), undefined);
});
