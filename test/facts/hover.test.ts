// The facts section of the hover, rendered as the editor shows it, compared with templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicHover } from '../../server/src/ide/basicHover';
import { accessList, appendFactsSection, factsHoverSection } from '../../server/src/ide/factsHover';
import { Workspace } from '../../server/src/analysis/workspace';
import { hoverMarkdown } from '../../server/src/ide/types';
import { lineOf, loadFixtures, positionOf } from './helpers';

const fx = loadFixtures('counters.vhd', 'fsm_two.vhd', 'record_fsm.vhd', 'procedures.vhd', 'comb.vhd', 'two_domains.vhd', 'hierarchy/leaf_reg.vhd', 'hierarchy/leaf_inv.vhd', 'hierarchy/leaf_cfg.vhd', 'hierarchy/top.vhd');

/** The facts section of the hover at `snippet` (+delta) in `file`. */
function facts(file: string, snippet: string, delta = 0): string {
  const pos = positionOf(fx.text(file), snippet, delta);
  const h = basicHover(fx.ws, fx.uri(file), pos);
  appendFactsSection(fx.ws, fx.uri(file), pos, h);
  assert.ok(h, `hover at ${snippet}`);
  const s = h.sections.find((x) => x.id === 'facts');
  assert.ok(s, `facts section at ${snippet}:\n${hoverMarkdown(h)}`);
  return s.markdown;
}

const link = (file: string, line: number, text = `line ${line}`) => `[${text}](${fx.uri(file)}#L${line})`;

test('hover over a register: clock, reset with value, drivers and readers with line links', () => {
  const f = 'counters.vhd';
  const t = fx.text(f);
  const reset = lineOf(t, "cnt_a <= (others => '0');");
  const count = lineOf(t, 'cnt_a <= cnt_a + 1;');
  const out = lineOf(t, 'count_a <= cnt_a;');
  assert.equal(
    facts(f, 'cnt_a : unsigned'),
    [
      "Register · clock `clk` (rising) · reset `rst_n`, asynchronous, active '0' → `(others => '0')`",
      `Driven by \`p_count_a\` (${link(f, reset, `lines ${reset}`)}, ${link(f, count, String(count))}) · read by \`p_count_a\` (${link(f, count)}), \`count_a\` (${link(f, out)})`,
    ].join('  \n'),
  );
  // The same facts from a use of the name.
  assert.equal(facts(f, 'count_a <= cnt_a', 'count_a <= '.length), facts(f, 'cnt_a : unsigned'));
});

test('hover over a port: direction and readers inside the architecture', () => {
  const f = 'counters.vhd';
  const t = fx.text(f);
  assert.equal(facts(f, 'srst    : in'), `Port \`in\` · reset of \`p_count_b\`, synchronous, active '1'  \nRead by \`p_count_b\` (${link(f, lineOf(t, "if srst = '1' then"))})`);
});

test('hover over an output that only copies a register: combinational, naming the register', () => {
  const f = 'counters.vhd';
  const out = lineOf(fx.text(f), 'count_a <= cnt_a;');
  assert.equal(facts(f, 'count_a : out'), `Port \`out\` · Combinational: a copy of register \`cnt_a\`  \nDriven by \`count_a\` (${link(f, out)}) · never read`);
});

test('hover over a process label: classification, missing sensitivity, latch', () => {
  assert.equal(
    facts('comb.vhd', 'p_bad : process'),
    'Combinational process · sensitive to `a`, `sel`  \nDrives: `y_latch`, `y_mux`  \n**Missing from the sensitivity list:** `b`  \n**Latch risk:** not assigned on every path: `y_latch`',
  );
  assert.equal(facts('counters.vhd', 'p_count_b : process'), "Clocked process · clock `clk` (rising) · reset `srst`, synchronous, active '1'  \nRegisters: `cnt_b`");
});

test('hover over the state signal and its type: the state machine with transitions', () => {
  const f = 'fsm_two.vhd';
  const t = fx.text(f);
  const md = facts(f, 'state, next_state');
  assert.ok(md.includes('**State register** of a two-process state machine: 3 states (S_IDLE, S_REQ, S_GRANT) · reset state S_IDLE · 4 transitions'), md);
  assert.ok(md.includes(`S_IDLE → S_REQ when \`req = '1'\` (${link(f, lineOf(t, 'next_state <= S_REQ;'))})`), md);
  assert.ok(facts(f, 'state_t is').startsWith('**State type** of `state`, a two-process state machine'));
  assert.ok(facts(f, 'next_state : state_t', 0).length > 0);
});

test('hover over an instance label and an entity name: connections and where it is used', () => {
  const top = fx.text('hierarchy/top.vhd');
  assert.equal(
    facts('hierarchy/top.vhd', 'u_reg :'),
    `Entity instance of ${link('hierarchy/leaf_reg.vhd', 5, '`leaf_reg`')} (architecture \`rtl\`) · 1 generic, 3 ports connected  \n\`clk\` (in) ⇐ \`clk\`, \`d\` (in) ⇐ \`inverted\`, \`q\` (out) ⇒ \`dout\``,
  );
  assert.equal(
    facts('hierarchy/leaf_reg.vhd', 'leaf_reg is'),
    `Instantiated 3 times: \`u_reg\` in struct of top (${link('hierarchy/top.vhd', lineOf(top, 'u_reg :'))}), \`u_cfg\` in struct of top (${link('hierarchy/top.vhd', lineOf(top, 'u_cfg :'))}), \`u_lane\` in struct of top (${link('hierarchy/top.vhd', lineOf(top, 'u_lane :'))})`,
  );
});

test('hover over a register fed from another clock domain: the candidate crossing', () => {
  const md = facts('two_domains.vhd', 'snap_b  :');
  assert.ok(md.endsWith('**Possible clock-domain crossing**: takes `count_a` (clock `clk_a`) without a recognised synchroniser'), md);
  assert.ok(facts('two_domains.vhd', 'meta    :').endsWith('Clock-domain crossing from `flag` (clock `clk_a`) through a two-flop synchroniser'));
});

test('long access lists are summarised: four statements, three lines each, then counts', () => {
  const acc = (label: string, line: number) => ({ line, statement: 'process' as const, label, statementLine: 1, offset: 0 });
  const list = [acc('p1', 10), acc('p1', 11), acc('p1', 12), acc('p1', 13), acc('p1', 14), acc('p2', 20), acc('p3', 30), acc('p4', 40), acc('p5', 50), acc('p6', 60)];
  assert.equal(
    accessList(list, 'file:///x.vhd'),
    '`p1` ([lines 10](file:///x.vhd#L10), [11](file:///x.vhd#L11), [12](file:///x.vhd#L12) +2), `p2` ([line 20](file:///x.vhd#L20)), `p3` ([line 30](file:///x.vhd#L30)), `p4` ([line 40](file:///x.vhd#L40)), and 2 more statements',
  );
});

test('hover over a port in an entity whose architecture is in another file links to that file', () => {
  const ws = new Workspace();
  const e = 'library ieee; use ieee.std_logic_1164.all;\nentity r is port (clk, d : in std_logic; q : out std_logic); end;\n';
  const a = 'architecture rtl of r is\nbegin\n  p : process (clk) begin if rising_edge(clk) then q <= d; end if; end process;\nend;\n';
  ws.setFile('file:///e.vhd', e);
  ws.setFile('file:///a.vhd', a);
  const s = factsHoverSection(ws, 'file:///e.vhd', positionOf(e, 'q :'));
  assert.equal(s?.markdown, 'Port `out` · Register · clock `clk` (rising) · no reset  \nDriven by `p` ([line 3](file:///a.vhd#L3)) · never read');
});

test('hover over a record register, its state field and its next-state record: fields and the state machine on r.state', () => {
  const f = 'record_fsm.vhd';
  const t = fx.text(f);
  const l = (snippet: string) => link(f, lineOf(t, snippet));
  const machine = [
    "IDLE → RUN when `start = '1'` (" + l('v.state := RUN;') + ')',
    "RUN → DONE when `stop = '1' or r.cnt = 15` (" + l('v.state := DONE;') + ')',
    'DONE → IDLE (' + l('v.state := IDLE;') + ')',
    'FAIL → IDLE (' + l('v.state := IDLE;') + ')',
    'Never entered: FAIL',
  ];
  const r = facts(f, 'r, rin : reg_t').split('  \n');
  assert.equal(r[0], "Register · clock `clk` (rising) · reset `rst`, synchronous, active '1' → `REG_RESET`");
  assert.equal(r[1], "Record fields, each a register: `state` → `IDLE`, `cnt` → `(others => '0')`");
  assert.equal(r[3], '**State register** (field `state`) of a two-process state machine: 4 states (IDLE, RUN, DONE, FAIL) · reset state IDLE · 4 transitions');
  assert.deepEqual(r.slice(4), machine);
  const field = facts(f, 'case r.state is', 'case r.'.length).split('  \n');
  assert.equal(field[0], "Field `state` of `r` · Register · clock `clk` (rising) · reset `rst`, synchronous, active '1' → `IDLE`");
  assert.equal(field[2], '**State register** of a two-process state machine: 4 states (IDLE, RUN, DONE, FAIL) · reset state IDLE · 4 transitions');
  assert.deepEqual(field.slice(3), machine);
  const rin = facts(f, 'rin : reg_t').split('  \n');
  assert.equal(rin[2], '**Next-state record** (field `state`) of a two-process state machine: 4 states (IDLE, RUN, DONE, FAIL) · reset state IDLE · 4 transitions');
});

test('hover over a port driven through procedures: the calling process at the call lines, via the procedures', () => {
  const f = 'procedures.vhd';
  const t = fx.text(f);
  const idle = lineOf(t, '        idle;');
  const send = lineOf(t, '        send(din);');
  assert.equal(
    facts(f, 'tx    : out'),
    [
      "Port `out` · Register · clock `clk` (rising) · reset `rst`, synchronous, active '1' → `'1'`",
      `Driven by \`p_tx\` (${link(f, idle, `lines ${idle}`)}, ${link(f, send, String(send))}) via procedure \`idle → send\`, \`send\` · never read`,
    ].join('  \n'),
  );
  const md = facts(f, 'level : std_logic');
  assert.ok(md.includes(`\`p_comb\` (${link(f, lineOf(t, '    drive;'))}) via procedure \`drive\``), md);
  assert.ok(md.includes('**Missing from the sensitivity list** of `p_comb`'), md);
});
