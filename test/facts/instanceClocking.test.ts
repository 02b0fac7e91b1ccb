// Clocks and resets passed up the hierarchy: a structural design and a testbench know the clocks and
// resets of what they instantiate, by their own signal names; what cannot be known is said to be unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { architectureFacts, clockingOf, factsAt } from '../../server/src/analysis/facts/index';
import { factsMarkdown } from '../../server/src/ide/factsHover';
import { Workspace } from '../../server/src/analysis/workspace';

const LANE = `
library ieee; use ieee.std_logic_1164.all; use ieee.numeric_std.all;
entity lane is
  port (clk, rst, en : in std_logic; x : in unsigned(7 downto 0); acc : out unsigned(15 downto 0));
end entity;
architecture rtl of lane is
  signal a : unsigned(15 downto 0);
begin
  process (clk) begin
    if rising_edge(clk) then
      if rst = '1' then a <= (others => '0'); elsif en = '1' then a <= a + x; end if;
    end if;
  end process;
  acc <= a;
end architecture;
`;

const SLOW = `
library ieee; use ieee.std_logic_1164.all;
entity slow is
  port (ck, arst_n, d : in std_logic; q : out std_logic);
end entity;
architecture rtl of slow is
begin
  process (ck, arst_n) begin
    if arst_n = '0' then q <= '0';
    elsif falling_edge(ck) then q <= d;
    end if;
  end process;
end architecture;
`;

const TOP = `
library ieee; use ieee.std_logic_1164.all; use ieee.numeric_std.all;
entity pair is
  port (sys_clk, sys_rst, go : in std_logic; x : in unsigned(7 downto 0); y0, y1 : out unsigned(15 downto 0));
end entity;
architecture structural of pair is
begin
  g : for k in 0 to 1 generate
    u_lane : entity work.lane port map (clk => sys_clk, rst => sys_rst, en => go, x => x, acc => y0);
  end generate;
end architecture;

library ieee; use ieee.std_logic_1164.all; use ieee.numeric_std.all;
entity chip is
  port (clk_i, rst_i, rstn_i, go, d : in std_logic; x : in unsigned(7 downto 0); y : out unsigned(15 downto 0); q : out std_logic);
end entity;
architecture top of chip is
  component slow port (ck, arst_n, d : in std_logic; q : out std_logic); end component;
  component vendor_pll port (clkin : in std_logic; clkout : out std_logic); end component;
  signal fast : std_logic;
begin
  u_pair : entity work.pair port map (sys_clk => clk_i, sys_rst => rst_i, go => go, x => x, y0 => y, y1 => open);
  u_slow : slow port map (clk_i, rstn_i, d, q);
  u_pll : vendor_pll port map (clkin => clk_i, clkout => fast);
  u_inv : entity work.slow port map (ck => fast, arst_n => not rst_i, d => d, q => open);
end architecture;
`;

function workspace(...texts: [string, string][]): Workspace {
  const ws = new Workspace();
  for (const [name, text] of texts) ws.setFile(`file:///h/${name}`, text);
  return ws;
}

function facts(ws: Workspace, file: string, arch: string) {
  const unit = ws.getFile(`file:///h/${file}`)!.units.find((u) => u.kind === 'architecture' && u.name === arch)!;
  return architectureFacts(ws, unit);
}

test('a structural design: the clock and reset of its lanes, named by its own ports, with the instance labels', () => {
  const ws = workspace(['lane.vhd', LANE], ['top.vhd', TOP]);
  const a = facts(ws, 'top.vhd', 'structural');
  assert.equal(a.processes.length, 0);
  assert.deepEqual(a.instanceClocking, {
    clocks: [{ signal: 'sys_clk', edge: 'rising', instances: ['u_lane'] }],
    resets: [{ signal: 'sys_rst', kind: 'sync', activeLevel: '1', instances: ['u_lane'] }],
    unknown: [],
  });
  const c = clockingOf(a);
  assert.equal(c.complete, true);
  assert.deepEqual(c.clocks.map((k) => k.signal), ['sys_clk']);
});

test('two levels down, positional maps, an unknown design and an expression actual', () => {
  const ws = workspace(['lane.vhd', LANE], ['slow.vhd', SLOW], ['top.vhd', TOP]);
  const a = facts(ws, 'top.vhd', 'top');
  // u_pair's lane (two levels) and u_slow (a component, mapped by position) are followed; the falling
  // edge and the active-low asynchronous reset come from `slow`.
  assert.deepEqual(a.instanceClocking.clocks, [
    { signal: 'clk_i', edge: 'rising', instances: ['u_pair'] },
    { signal: 'clk_i', edge: 'falling', instances: ['u_slow'] },
    { signal: 'fast', edge: 'falling', instances: ['u_inv'] },
  ]);
  assert.deepEqual(a.instanceClocking.resets, [
    { signal: 'rst_i', kind: 'sync', activeLevel: '1', instances: ['u_pair'] },
    { signal: 'rstn_i', kind: 'async', activeLevel: '0', instances: ['u_slow'] },
  ]);
  // The PLL is not in the workspace; u_inv's reset is `not rst_i`, whose level the facts do not invert.
  assert.deepEqual(a.instanceClocking.unknown, ['u_pll', 'u_inv']);
  assert.equal(clockingOf(a).complete, false);
});

test('without the instantiated design in the workspace nothing is guessed', () => {
  const ws = workspace(['top.vhd', TOP]);
  const a = facts(ws, 'top.vhd', 'structural');
  assert.deepEqual(a.instanceClocking, { clocks: [], resets: [], unknown: ['u_lane'] });
});

test('a design that instantiates itself stops at the architecture being built', () => {
  const rec = `
library ieee; use ieee.std_logic_1164.all;
entity tree is
  generic (N : natural := 3);
  port (clk, d : in std_logic; q : out std_logic);
end entity;
architecture rtl of tree is
  signal r : std_logic;
begin
  process (clk) begin if rising_edge(clk) then r <= d; end if; end process;
  g : if N > 0 generate
    u_sub : entity work.tree generic map (N => N - 1) port map (clk => clk, d => r, q => q);
  end generate;
end architecture;
`;
  const ws = workspace(['tree.vhd', rec]);
  const a = facts(ws, 'tree.vhd', 'rtl');
  assert.deepEqual(a.instanceClocking, { clocks: [], resets: [], unknown: ['u_sub'] });
  assert.deepEqual(clockingOf(a).clocks, [{ signal: 'clk', edge: 'rising' }]);
});

test('the hover over a port says what it clocks and resets, through the instances too', () => {
  const ws = workspace(['lane.vhd', LANE], ['slow.vhd', SLOW], ['top.vhd', TOP]);
  const file = ws.getFile('file:///h/top.vhd')!;
  const head = (text: string) => factsMarkdown(factsAt(ws, file, file.text.indexOf(text))!).split('  \n')[0];
  assert.equal(head('clk_i, rst_i'), 'Port `in` · clock of `u_pair` (rising edge) · clock of `u_slow` (falling edge)');
  assert.equal(head('rstn_i, go'), "Port `in` · reset of `u_slow`, asynchronous, active '0'");
  // `not rst_i` is an expression: u_inv's reset is not claimed for rst_i.
  assert.equal(head('rst_i, rstn_i'), "Port `in` · reset of `u_pair`, synchronous, active '1'");
  assert.equal(head('go, d : in'), 'Port `in`');
});

test('a very deep hierarchy is followed to a bounded depth and never overflows the stack', () => {
  const levels = 200;
  const parts = [`library ieee; use ieee.std_logic_1164.all;
entity l0 is port (clk, d : in std_logic; q : out std_logic); end entity;
architecture rtl of l0 is begin
  process (clk) begin if rising_edge(clk) then q <= d; end if; end process;
end architecture;`];
  for (let k = 1; k <= levels; k++) {
    parts.push(`library ieee; use ieee.std_logic_1164.all;
entity l${k} is port (clk, d : in std_logic; q : out std_logic); end entity;
architecture rtl of l${k} is begin
  u : entity work.l${k - 1} port map (clk => clk, d => d, q => q);
end architecture;`);
  }
  const ws = workspace(['deep.vhd', parts.join('\n')]);
  const near = facts(ws, 'deep.vhd', 'rtl');   // l0
  assert.equal(near.processes.length, 1);
  const top = architectureFacts(ws, ws.getFile('file:///h/deep.vhd')!.units.filter((u) => u.kind === 'architecture').pop()!);
  assert.equal(top.partial, false);
  assert.deepEqual(top.instanceClocking.unknown, ['u']);
  const mid = architectureFacts(ws, ws.getFile('file:///h/deep.vhd')!.units.filter((u) => u.kind === 'architecture')[10]);
  assert.deepEqual(mid.instanceClocking, { clocks: [{ signal: 'clk', edge: 'rising', instances: ['u'] }], resets: [], unknown: [] });
});
