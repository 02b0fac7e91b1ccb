// The grounding check: planted wrong names, clocks, edges, resets, drivers and roles are caught; true sentences pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ground, StreamingGrounder } from '../../server/src/ide/grounding';
import { unsupportedDetail } from '../../server/src/ide/groundingVocabulary';
import { buildPrompt } from '../../server/src/ide/prompt';
import { HoverExplainer, hoverPrompt } from '../../server/src/ide/modelHover';
import { fixtureWorkspace, uriOf } from './helpers';

/** The grounding context of "Explain this entity" on `file` (its first entity, or `file#entity`). */
function contextOf(at: string) {
  const [file, name] = at.split('#');
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf(file))!;
  return buildPrompt(ws, { kind: 'unit', unit: f.units.find((u) => u.kind === 'entity' && (!name || u.name === name)) ?? f.units[0] }).grounding;
}

const CASES: { file: string; sentence: string; reason: RegExp | null }[] = [
  { file: 'debouncer.vhd', sentence: 'The counter `stable_cnt` restarts whenever `btn_in` changes.', reason: null },
  { file: 'debouncer.vhd', sentence: 'All registers change on the rising edge of `clk`.', reason: null },
  { file: 'debouncer.vhd', sentence: '`rst_n` is an asynchronous, active-low reset.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The process `p_debounce` drives `stable_cnt`.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter `debounce_count` holds the number of stable cycles.', reason: /`debounce_count` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'It compares against max_cycles_q before it switches.', reason: /`max_cycles_q` is not a name/ },
  { file: 'debouncer.vhd', sentence: 'Everything is clocked by `sys_clk` at the top level.', reason: /`sys_clk` is not a name/ },
  { file: 'top.vhd', sentence: 'The LEDs toggle on the rising edge of `btn_clean`.', reason: /`btn_clean` is not a clock here/ },
  { file: 'debouncer.vhd', sentence: 'The registers update on the falling edge of `clk`.', reason: /rising edge, not falling/ },
  { file: 'debouncer.vhd', sentence: 'The reset `rst_n` is synchronous to the clock.', reason: /asynchronous reset/ },
  { file: 'debouncer.vhd', sentence: 'The design is cleared when `rst_n` is active-high.', reason: /active low/ },
  { file: 'traffic.vhd', sentence: '`rst_i` is an asynchronous reset that forces the red light.', reason: /synchronous reset/ },
  { file: 'debouncer.vhd', sentence: 'The flag `btn_state` is purely combinational logic.', reason: /register \(clocked\), not combinational/ },
  { file: 'traffic.vhd', sentence: 'The output `green_o` is a registered flip-flop output.', reason: /combinational, not a register/ },
  { file: 'traffic.vhd', sentence: 'The process `p_state` drives `state_d` every cycle.', reason: /`p_state` does not drive `state_d`/ },
  { file: 'debouncer.vhd', sentence: 'The design is purely combinational: it has no clock and no reset.', reason: /the design is clocked \(clock: clk\)/ },
  { file: 'debouncer.vhd', sentence: 'A package has no clock or reset; its functions are evaluated wherever they are called.', reason: /the design declares no functions/ },
  { file: 'debouncer.vhd', sentence: 'A package has no clock or reset.', reason: /the design is clocked/ },
  { file: 'debouncer.vhd', sentence: 'There is no reset: registers start from their initial values.', reason: /the design has a reset \(rst_n\)/ },
  { file: 'debouncer.vhd', sentence: 'The reset is synchronous: it takes effect at the next clock edge.', reason: /the reset is asynchronous \(rst_n\)/ },
  { file: 'traffic.vhd', sentence: 'The reset acts asynchronously, without waiting for a clock edge.', reason: /the reset is synchronous \(rst_i\)/ },
  { file: 'traffic.vhd', sentence: 'An active-low reset returns the light to red.', reason: /the reset is active high \(rst_i\)/ },
  { file: 'debouncer.vhd', sentence: 'The reset is asynchronous and active low.', reason: null },
  { file: 'traffic.vhd', sentence: 'A synchronous, active-high reset returns the light to red.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The output `btn_out` is purely combinational: a copy of `btn_state`.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Purpose.** A small combinational debouncer for one push button.', reason: /the design is clocked \(1 clocked process\)/ },
  { file: 'debouncer.vhd', sentence: '**Purpose.** A debouncer whose output is a combinational copy of a registered level.', reason: null },
  { file: 'debouncer.vhd', sentence: '`G_STABLE_CYCLES` is the number of clocks per clock.', reason: /says nothing: a word measured by itself/ },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` is the width of the width.', reason: /says nothing/ },
  { file: 'debouncer.vhd', sentence: '`G_STABLE_CYCLES` is the number of clock cycles the input must stay stable.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Purpose.** A gate orbarse frequency for the button.', reason: /unreadable: "orbarse" is not a word/ },
  { file: 'debouncer.vhd', sentence: 'The debounced level is re-synchronised and deasserted only after the bounce has died down.', reason: null },
  // The interface layout's description is the port's role.
  { file: 'debouncer.vhd', sentence: '`rst_n` is an input (std_logic): clock; all registers update on its rising edge.', reason: /`rst_n` is not a clock/ },
  { file: 'debouncer.vhd', sentence: '`rst_n` (in std_logic): level signal from another clock domain.', reason: /`rst_n` is the reset/ },
  { file: 'debouncer.vhd', sentence: '`clk` (in std_logic): request to sample the button.', reason: /`clk` is the clock/ },
  { file: 'debouncer.vhd', sentence: '`rst_n` (in std_logic): asynchronous reset, active low.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_out` is high whenever `btn_out` is high.', reason: /says nothing: a condition that is its own consequence/ },
  { file: 'debouncer.vhd', sentence: '`btn_out` is high whenever `btn_state` is high.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Interface.** `shift_right` (bit 0 = a), active low.', reason: /`shift_right` is a standard name/ },
  { file: 'debouncer.vhd', sentence: '`rst_n` clears `sync_ff`, `stable_cnt` and `sync_ff`.', reason: /repeats itself/ },
  { file: 'debouncer.vhd', sentence: '`rst_n` clears `sync_ff`, `stable_cnt` and `btn_state`.', reason: null },
  { file: 'debouncer.vhd', sentence: '`rst_n` is the reset that clears the registers from the registers.', reason: /says nothing/ },
  { file: 'debouncer.vhd', sentence: 'The valid bit is `btn_state` shifted by `-1_valid`.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'The port `std_logic): ( and when` is high.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'The count restarts at `1aturate` of the button.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'The counter stops at 0xC34F, one below `G_STABLE_CYCLES`.', reason: null },
  // A `*` between two names is a multiplier; hardware acronyms are prose.
  { file: 'mac_bank.vhd', sentence: 'Each `mac_unit` is a multiplier feeding an accumulator.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The debouncer is a multiplier of the button input.', reason: /the design never mentions "multiplier"/ },
  { file: 'debouncer.vhd', sentence: 'The clock comes from a PLL or an ASCII terminal.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter could index 65535 entries.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter could index 65534 entries.', reason: /"65534 entries": the design has no such number/ },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` is written by one process and read by the same one.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The design is written in the two-process style.', reason: /not written in the two-process style/ },
  { file: 'debouncer.vhd', sentence: 'It is written as a two process design.', reason: /not written in the two-process style/ },
  { file: 'debouncer.vhd', sentence: 'The counter holds `0x0` after reset.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'The counter is compared with `1e3` and loaded with `16x"FFFF"`.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter is compared with `G_STABLE_CYCLES - 1` and cleared with `(others => \'0\')`.', reason: null },
  { file: 'debouncer.vhd', sentence: '`rtl` is high while the button bounces.', reason: /`rtl` is the architecture's name/ },
  { file: 'debouncer.vhd', sentence: '`rtl` is the only architecture of `debouncer`.', reason: null },
  { file: 'debouncer.vhd', sentence: '`o"01"` is an input (std_logic): bit valid.', reason: /`o"01"` is called an input, but it is a literal/ },
  { file: 'debouncer.vhd', sentence: '`sync_ff` is registered into `sync_ff` bits.', reason: /a name as its own source or destination/ },
  { file: 'debouncer.vhd', sentence: '`btn_state` is copied into `btn_out`.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_in` is the sampled register of the button.', reason: /`btn_in` is an input port, not a register/ },
  { file: 'debouncer.vhd', sentence: '`btn_in` is the raw button input; `sync_ff` is the register that samples it.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The combinational `stable_cnt integer\'s` value.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'Then `sync_ff:\'s(0)` is one-hot.', reason: /a broken `code` quote: not VHDL/ },
  { file: 'debouncer.vhd', sentence: 'The count `stable_cnt\'high` is reached; `stable_cnt <= stable_cnt + 1;` counts.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The input `btn_in` is not checked by the start bit.', reason: /the design never mentions "start bit"/ },
  // Libraries, packages, standard types and functions are not the design's objects.
  { file: 'debouncer.vhd', sentence: '`ieee` is an output that tells the button state.', reason: /`ieee` is a standard name/ },
  { file: 'debouncer.vhd', sentence: 'When `std_logic` is high the counter restarts.', reason: /`std_logic` is a standard name/ },
  { file: 'debouncer.vhd', sentence: '`NUMERIC_STD` is the width of `stable_cnt`.', reason: /`numeric_std` is a standard name/ },
  { file: 'debouncer.vhd', sentence: '`unsigned` is the type of `stable_cnt`, from `numeric_std`.', reason: null },
  // Sizes: a width is one of the design's numbers or one more; a count may be a power of two of one.
  { file: 'debouncer.vhd', sentence: 'A 16-bit counter `stable_cnt` measures how long the input has been stable.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The two-stage synchroniser `sync_ff` is 2 bits wide.', reason: null },
  { file: 'debouncer.vhd', sentence: 'A 32-bit counter `stable_cnt` measures how long the input has been stable.', reason: /"32-bit": the design has no such number/ },
  { file: 'debouncer.vhd', sentence: 'The input passes a 3-stage synchroniser.', reason: /"3-stage": the design has no such number/ },
  { file: 'debouncer.vhd', sentence: 'The input must stay stable for 50000 cycles, counted in `stable_cnt` (a width of 16).', reason: null },
  // Roles are claims about a subject: `x` is/are ..., "the registered output `x`", "so it is ...".
  { file: 'debouncer.vhd', sentence: '`btn_out` is the registered, debounced level.', reason: null },
  { file: 'traffic.vhd', sentence: '`green_o` is derived from the state register, so it follows `state_q` without delay.', reason: null },
  { file: 'traffic.vhd', sentence: 'The clocked process `p_state` stores the state that `green_o` decodes.', reason: null },
  { file: 'traffic.vhd', sentence: '`green_o` is not registered: it is decoded from the state.', reason: null },
  { file: 'traffic.vhd', sentence: 'The registered output `green_o` shows the light.', reason: /`green_o` is combinational, not a register/ },
  { file: 'traffic.vhd', sentence: '`red_o` and `green_o` are registered outputs.', reason: /`red_o` is combinational, not a register/ },
  { file: 'debouncer.vhd', sentence: '`btn_state` holds the level, so it is combinational.', reason: /`btn_state` is a register/ },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` and `btn_out` are combinational.', reason: /`stable_cnt` is a register/ },
  { file: 'debouncer.vhd', sentence: 'The input is synchronised before it is counted, so the design has no metastability problem.', reason: null },
  { file: 'util_pkg.vhd', sentence: 'All registers are clocked on the rising edge of the clock.', reason: /the design has no clocked process/ },
  { file: 'util_pkg.vhd', sentence: 'It has an asynchronous reset, active low.', reason: /the design has no reset/ },
  { file: 'util_pkg.vhd', sentence: 'A package has no clock or reset; its functions are evaluated wherever they are called.', reason: null },
  { file: 'traffic.vhd', sentence: 'A UART receiver for 8N1 frames at 115200 baud from a 50 MHz clock.', reason: /the design never mentions UART/ },
  { file: 'traffic.vhd', sentence: 'IDLE -> START on a low line; START returns to IDLE if the line is high again.', reason: /`IDLE` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'A synchronous FIFO with registered outputs.', reason: /the design never mentions FIFO/ },
  { file: 'debouncer.vhd', sentence: 'The block debounces a push button, as its comment says.', reason: null },
  { file: 'debouncer.vhd', sentence: '**State machine.** The design steps through three states on each press.', reason: /the facts found no state machine/ },
  { file: 'debouncer.vhd', sentence: 'There is no state machine: one clocked process holds the counter.', reason: null },
  { file: 'traffic.vhd', sentence: '**State machine.** The lights cycle through their states on a timer.', reason: null },
  { file: 'debouncer.vhd', sentence: 'All functions are pure and synthesise to combinational logic.', reason: /the design declares no functions/ },
  { file: 'util_pkg.vhd', sentence: 'All functions are pure and synthesise to combinational logic.', reason: null },
  { file: 'traffic.vhd', sentence: 'A combinational process computes the next values (the signals suffixed _next) and a clocked process stores them.', reason: /no signal of the design ends in _next/ },
  { file: 'traffic.vhd', sentence: 'The next state is in the signal suffixed `_d`.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The generic `s the last bits.', reason: /unclosed `code` quote/ },
  { file: 'debouncer.vhd', sentence: '                         b xor (clock interrupt pulse), active high.', reason: /does not start like a sentence/ },
  { file: 'debouncer.vhd', sentence: 'zq xvbrt 🎉 lkjh ñ¿ qqq.', reason: /unreadable/ },
  { file: 'debouncer.vhd', sentence: 'on, The', reason: /fragment/ },
  { file: 'debouncer.vhd', sentence: 'The counter counts the clock and the counter counts the clock and the counter counts.', reason: /repeats itself/ },
  { file: 'debouncer.vhd', sentence: 'The output follows the stable input once the counter', reason: /not a complete sentence/ },
  { file: 'debouncer.vhd', sentence: '**Interface.** `G_STABLE_CYCLES` (generic positive, default 50000): cycles the input must be stable.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_in` (in std_logic): the raw button; `btn_out` (out std_logic): the debounced level.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The generic `clk` (positive, default 8) is the number of stable cycles.', reason: /`clk` is called a generic, but it is a port of mode in/ },
  { file: 'debouncer.vhd', sentence: '`clk` (generic positive, default 8): number of stable cycles.', reason: /`clk` is called a generic/ },
  // "(default N)" ends a generic's description (session 10's model: "`clk` is the odd ratio (default 50000)").
  { file: 'debouncer.vhd', sentence: '**Interface.** `clk` is the odd ratio (default 50000).', reason: /`clk` is called a generic \(given a default\), but it is a port of mode in/ },
  { file: 'debouncer.vhd', sentence: '`G_STABLE_CYCLES` is the number of `clk` cycles the input must be stable (default 50000).', reason: null },
  { file: 'debouncer.vhd', sentence: '`G_STABLE_CYCLES` is the hold time (default 50000) and `stable_cnt` the counter (default 0).', reason: /`stable_cnt` is called a generic/ },
  { file: 'debouncer.vhd', sentence: '`btn_out` (in std_logic): the raw button.', reason: /`btn_out` is called an `in` port, but it is a port of mode out/ },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` (out std_logic): the debounced level.', reason: /`stable_cnt` is called an `out` port, but it is a signal/ },
  { file: 'debouncer.vhd', sentence: '`2` (in std_logic): arms the counter.', reason: /`2` is called an `in` port, but it is a literal/ },
  { file: 'debouncer.vhd', sentence: '`btn_in` is an output of the block.', reason: /`btn_in` is called an output/ },
  { file: 'debouncer.vhd', sentence: 'The input `btn_out` is sampled twice.', reason: /`btn_out` is called an input/ },
  { file: 'debouncer.vhd', sentence: '`sync_ff` is the input synchroniser: two flip-flops in a row.', reason: null },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` (in the process `p_debounce`) counts stable cycles.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Purpose.** A package of helpers.', reason: /the design is an entity, not a package/ },
  { file: 'debouncer.vhd', sentence: 'It uses the constants of the package `numeric_std`.', reason: null },
  { file: 'util_pkg.vhd', sentence: 'A small entity that counts events.', reason: /the design is a package, not an entity/ },
  { file: 'util_pkg.vhd', sentence: 'A package of helper functions.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Interface.** `NAK` is the width.', reason: /`NAK` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'The counter `stable_cnt` is an `unsigned`, compared with a `natural` generic.', reason: null },
  { file: 'debouncer.vhd', sentence: 'Segments g..a (bit 0 = a), active high.', reason: /the design never mentions "Segments": a detail/ },
  { file: 'debouncer.vhd', sentence: 'One request per requester, granted in turn.', reason: /the design never mentions "requester"/ },
  { file: 'traffic.vhd', sentence: 'A pedestrian request is served after the current phase.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The debounced level of the push button.', reason: null },
  { file: 'debouncer.vhd', sentence: 'Byte to send, sampled when the line is idle.', reason: /the design never mentions "Byte"/ },
  { file: 'debouncer.vhd', sentence: 'The counter is in one clocked `process`, its reset branch before the `elsif`.', reason: null },
  { file: 'debouncer.vhd', sentence: 'A file that cannot be opened gives NAME_ERROR.', reason: /`NAME_ERROR` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'The input is of subtype `x01z`.', reason: /`x01z` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'The count `stable_cnt is the counter` runs up.', reason: /`the` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: '`rol` is an input (std_logic): the raw button.', reason: /`rol` is called an input, but it is a reserved word/ },
  { file: 'debouncer.vhd', sentence: '`return` (out std_logic): the debounced level.', reason: /`return` is called an `out` port, but it is a reserved word/ },
  { file: 'debouncer.vhd', sentence: 'It resets `stable_cnt` to `(others => \'0\')` when `rst_n = \'0\'`.', reason: null },
  { file: 'debouncer.vhd', sentence: 'A 16x8 ROM holding the squares of the indices 0 .. 15.', reason: /the design never mentions "ROM": a detail/ },
  { file: 'traffic.vhd', sentence: 'The lights are kept in a dual-port RAM.', reason: /the design never mentions "RAM"/ },
  { file: 'debouncer.vhd', sentence: 'The counter ramps up while the input is stable.', reason: null },
  { file: 'debouncer.vhd', sentence: '**Interface.** `rst_n` (in std_logic): read clock, asynchronous to the write clock.', reason: /`rst_n` is not a clock/ },
  { file: 'debouncer.vhd', sentence: '`btn_in` (in std_logic): synchronous reset, active high.', reason: /`btn_in` is not a reset/ },
  { file: 'debouncer.vhd', sentence: '`rst_n` (in std_logic): synchronous reset, active low.', reason: /`rst_n` is an asynchronous reset/ },
  { file: 'debouncer.vhd', sentence: '`clk` (in std_logic): clock; all registers update on its rising edge.', reason: null },
  { file: 'debouncer.vhd', sentence: '`rst_n` (in std_logic): asynchronous reset, active low; it clears the counter.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_in` (in std_logic): the raw button, sampled on each clock.', reason: null },
  // Text that ran together, and names given roles they do not have (what a small model writes).
  { file: 'debouncer.vhd', sentence: '**Interface.** `N_CH (x `clk`(0) and `inc`WORK` (in std_logic): source clock.', reason: /a broken `code` quote/ },
  { file: 'debouncer.vhd', sentence: 'The reset The reset clears the counter.', reason: /repeats itself/ },
  { file: 'debouncer.vhd', sentence: '`stable_cnt` and `stable_cnt` are the counter.', reason: /repeats itself/ },
  { file: 'debouncer.vhd', sentence: '`rst_n`, `clk`, `rst_n`.', reason: /names without a sentence/ },
  { file: 'debouncer.vhd', sentence: 'The controller of the for the input.', reason: /not grammatical/ },
  { file: 'debouncer.vhd', sentence: 'A read on port A is a write with the enable low.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter maps a to the output and a is cleared by the reset.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_out` is a level that changes at most once per clock.', reason: null },
  { file: 'debouncer.vhd', sentence: 'The counter follows asynchronousxampleOut.', reason: /`asynchronousxampleOut` is not a name in the design/ },
  { file: 'debouncer.vhd', sentence: 'A 16-bit maximal-length linear feedback shift register producing a pseudo-random sequence.', reason: /the design never mentions "maximal-length"/ },
  { file: 'debouncer.vhd', sentence: '`clk` is the clock and `btn_in` the clock.', reason: /`btn_in` is not a clock \(clock: clk\)/ },
  { file: 'debouncer.vhd', sentence: '`btn_in` is the asynchronous, active-low reset.', reason: /`btn_in` is not a reset \(reset: rst_n\)/ },
  { file: 'debouncer.vhd', sentence: '`std_logic` is the reset of the counter.', reason: /`std_logic` is a standard name/ },
  { file: 'debouncer.vhd', sentence: '`clk` and `rst_n` are reset and reset.', reason: /`clk` and `rst_n` cannot be the reset and the reset/ },
  { file: 'debouncer.vhd', sentence: '`btn_in` and `rst_n` are clock and reset.', reason: /`btn_in` is not a clock/ },
  { file: 'debouncer.vhd', sentence: '`clk` and `rst_n` are clock and reset.', reason: null },
  { file: 'debouncer.vhd', sentence: '`btn_out` is the debounced level; `G_STABLE_CYCLES` sets how long, in cycles of the clock frequency source.', reason: null },
  { file: 'debouncer.vhd', sentence: '`std_logic` (2 of the operand).', reason: /`std_logic` is a type, not a port or generic/ },
  { file: 'debouncer.vhd', sentence: '`to_integer` (generic positive): the width.', reason: /`to_integer` is a standard name/ },
  { file: 'debouncer.vhd', sentence: 'A two-process style: `clk` and `rst_n` are clock and reset.', reason: /the design is not written in the two-process style/ },
  { file: 'traffic.vhd', sentence: 'The state machine is written in the two-process style.', reason: null },
  { file: 'debouncer.vhd', sentence: 'A single clocked process.', reason: null },
  { file: 'traffic.vhd', sentence: 'Two clocked processes update the lights.', reason: /the design has 1 clocked process\b/ },
  { file: 'mac_bank.vhd#mac_bank', sentence: 'A single clocked process updates both sums.', reason: /the design has no clocked processes/ },
  // "Explain this entity" lists the entity's own ports: `btn_in` is a port of the debouncer that `top` instantiates.
  { file: 'top.vhd', sentence: '`btn_in` (in std_logic): the raw button.', reason: /`btn_in` is not a port of `top`/ },
  { file: 'top.vhd', sentence: '`btn` (in std_logic_vector(1 downto 0)): the raw buttons.', reason: null },
  // A structural design: its lanes' clock and reset, through the port maps, are its own.
  { file: 'mac_bank.vhd#mac_bank', sentence: 'Both lanes accumulate on the rising edge of `clk_i`.', reason: null },
  { file: 'mac_bank.vhd#mac_bank', sentence: '`rst_i` is a synchronous, active-high reset that clears both sums.', reason: null },
  { file: 'mac_bank.vhd#mac_bank', sentence: '`rst_i` (in std_logic): asynchronous, active high per clock.', reason: /`rst_i` is a synchronous reset/ },
  { file: 'mac_bank.vhd#mac_bank', sentence: 'The lanes update on the falling edge of `clk_i`.', reason: /`clk_i` is used on its rising edge, not falling/ },
  { file: 'mac_bank.vhd#mac_bank', sentence: '`load_i` (in std_logic): the clock of the lanes.', reason: /`load_i` is not a clock \(clock: clk_i\)/ },
  { file: 'mac_bank.vhd#mac_bank', sentence: 'There is no reset: the sums start from their initial values.', reason: /the design has a reset \(rst_i\)/ },
  { file: 'mac_bank.vhd#mac_bank', sentence: '`u_mac1` has no reset of its own: it shares `rst_i` with `u_mac0`.', reason: null },
  { file: 'mac_bank.vhd#mac_bank', sentence: 'Each lane is clocked on the rising edge of `clk_i`; `u_mac1` has no clock enable.', reason: null },
];

test('a bus channel\'s prefix does not hide an address or a strobe (`awaddr`, `wstrb`)', () => {
  assert.equal(unsupportedDetail('Writes to the read-only addresses are ignored.', new Set(['s', 'axi', 'awaddr'])), undefined);
  assert.equal(unsupportedDetail('Writes to the read-only addresses are ignored.', new Set(['s', 'axi', 'awvalid'])), 'addresses');
  assert.equal(unsupportedDetail('Each byte lane has a strobe.', new Set(['s', 'axi', 'wstrb'])), undefined);
});

test('a sentence said again later in the answer is dropped; the first stays', () => {
  const r = ground('**Interface.** `rst_n` is the reset. `clk` is the clock.\n\n**Notes.** `rst_n` is the reset.', contextOf('debouncer.vhd'));
  assert.equal(r.text, '**Interface.** `rst_n` is the reset. `clk` is the clock.');
  assert.deepEqual(r.verdict.reasons, ['says again what an earlier sentence said']);
});

test('an interface layout that describes a port twice keeps the first description', () => {
  const r = ground('**Interface.** `clk` (in std_logic): the clock. `btn_in` (in std_logic): the raw button. `clk` (in std_logic): the clock of the counter.', contextOf('debouncer.vhd'));
  assert.equal(r.text, '**Interface.** `clk` (in std_logic): the clock. `btn_in` (in std_logic): the raw button.');
  assert.deepEqual(r.verdict.reasons, ['describes `clk` a second time']);
});

test('a memory is grounded by the words a memory design uses for it', () => {
  assert.equal(unsupportedDetail('A 16x8 ROM holding the squares.', new Set(['sq', 'lut', 'addr'])), undefined);
  assert.equal(unsupportedDetail('A 16x8 ROM holding the squares.', new Set(['sq', 'addr'])), 'ROM');
  assert.equal(unsupportedDetail('Two RAMs share the address.', new Set(['mem', 'addr'])), undefined);
  assert.equal(unsupportedDetail('Two RAMs share the address.', new Set(['addr'])), 'RAMs');
  assert.equal(unsupportedDetail('The ramp rises; a random seed.', new Set(['addr'])), undefined);
});

for (const c of CASES) {
  test(`${c.reason ? 'catches' : 'keeps'}: ${c.sentence}`, () => {
    const r = ground(c.sentence, contextOf(c.file));
    if (!c.reason) {
      assert.equal(r.text, c.sentence, JSON.stringify(r.verdict));
      assert.equal(r.verdict.ok, true);
    } else {
      assert.equal(r.text, '');
      assert.equal(r.verdict.ok, false);
      assert.match(r.verdict.reasons[0], c.reason);
      assert.deepEqual(r.verdict.dropped, [c.sentence.trim()]);
    }
  });
}

/** The grounding context of a hover on the declaration at `text` (a hover answer is about that name). */
function hoverContextOf(file: string, text: string) {
  const ws = fixtureWorkspace();
  const f = ws.getFile(uriOf(file))!;
  const t = HoverExplainer.targetAt(ws, f.uri, f.lines.positionAt(f.text.indexOf(text)))!;
  return hoverPrompt(ws, f.uri, t.decl, t.offset).grounding;
}

const HOVER_CASES: { file: string; at: string; sentence: string; reason: RegExp | null }[] = [
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Synchronous reset, active high.', reason: /`btn_in` is not a reset \(reset: rst_n\)/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Clock; all registers update on its rising edge.', reason: /`btn_in` is not a clock \(clock: clk\)/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'The system clock.', reason: /not a clock/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Raw button input, asynchronous to the clock.', reason: null },
  { file: 'debouncer.vhd', at: 'clk     :', sentence: 'Clock; all registers update on its rising edge.', reason: null },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'Asynchronous reset, active low.', reason: null },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'Synchronous reset, active low.', reason: /`rst_n` is an asynchronous reset/ },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'Asynchronous reset, active high.', reason: /`rst_n` is active low/ },
  { file: 'debouncer.vhd', at: 'stable_cnt :', sentence: 'Counts clock cycles for which the synchronised input has not changed.', reason: null },
  { file: 'debouncer.vhd', at: 'stable_cnt :', sentence: 'It is the reset of the debouncer.', reason: /`stable_cnt` is not a reset/ },
  // Another port's description (the model's next choice once "Asynchronous reset" was refuted).
  { file: 'debouncer.vhd', at: 'clk     :', sentence: 'At least one request is active.', reason: /says nothing of `clk` as a clock/ },
  { file: 'debouncer.vhd', at: 'clk     :', sentence: 'System clock from the board oscillator.', reason: null },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'Debounced button level.', reason: /says nothing of `rst_n` as a reset/ },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'Clears every register while low.', reason: null },
  // A port's direction and role: other ports' descriptions that the model wrote for these.
  { file: 'debouncer.vhd', at: 'btn_out :', sentence: 'The input, synchronised to the destination clock.', reason: /`btn_out` is not an input \(mode out\)/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'The output of the debouncer.', reason: /`btn_in` is not an output \(mode in\)/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'The shift register.', reason: /`btn_in` is an input port, not a register/ },
  { file: 'debouncer.vhd', at: 'btn_out :', sentence: 'Registered debounced level.', reason: null },
  // No role where a preposition or a count stands before the noun.
  { file: 'debouncer.vhd', at: 'stable_cnt :', sentence: 'Increments on every clock while the input differs.', reason: null },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Keeps its level during reset.', reason: null },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'The system clock.', reason: /not a clock/ },
  // A role the hover opens on before it names anything is its subject's, names later in the sentence or not.
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'A synchronous, active-high reset that clears `stable_cnt`.', reason: /`btn_in` is not a reset \(reset: rst_n\)/ },
  { file: 'debouncer.vhd', at: 'rst_n   :', sentence: 'A synchronous reset that clears `stable_cnt` and `btn_out`.', reason: /`rst_n` is an asynchronous reset/ },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Marks a clock in which `sync_ff` changed.', reason: null },
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'Sampled into `sync_ff`, whatever the reset does.', reason: null },
  // Combinational or concurrent, said of an input port or of a register (session 10's model: "A concurrent slice.").
  { file: 'debouncer.vhd', at: 'btn_in  :', sentence: 'A concurrent slice.', reason: /`btn_in` is an input port: the design does not drive it/ },
  { file: 'debouncer.vhd', at: 'btn_state  :', sentence: 'Combinational decode of the synchroniser.', reason: /`btn_state` is a register, not combinational/ },
  { file: 'debouncer.vhd', at: 'btn_state  :', sentence: 'The debounced level, updated when the counter expires.', reason: null },
];

for (const c of HOVER_CASES) {
  test(`hover on ${c.at.split(/\s/)[0]}: ${c.reason ? 'catches' : 'keeps'}: ${c.sentence}`, () => {
    const r = ground(c.sentence, hoverContextOf(c.file, c.at));
    if (!c.reason) assert.equal(r.text, c.sentence, JSON.stringify(r.verdict));
    else {
      assert.equal(r.text, '');
      assert.match(r.verdict.reasons[0], c.reason);
    }
  });
}

test('a paragraph keeps its true sentences and its Markdown structure', () => {
  const g = contextOf('debouncer.vhd');
  const text = '**Purpose.** The block debounces `btn_in`. It is clocked by `clk_fast`.\n\n**Clocking and reset.** `rst_n` is synchronous. All registers use the rising edge of `clk`.\n\n- `btn_out` follows `btn_state`.\n- `p_glitch` removes spikes entirely.';
  const r = ground(text, g);
  assert.equal(r.text, '**Purpose.** The block debounces `btn_in`.\n\n**Clocking and reset.** All registers use the rising edge of `clk`.\n\n- `btn_out` follows `btn_state`.');
  assert.equal(r.verdict.dropped.length, 3);
});

test('streaming in small pieces gives the same text and verdict as checking at once', () => {
  const g = contextOf('traffic.vhd');
  const text = '**Purpose.** A controller for `red_o` and `green_o`. The state `state_q` is combinational. It waits for `req_i` in S_GREEN.\n\n**Notes.** `tick_i` advances S_RED to S_WALK.';
  const whole = ground(text, g);
  for (const size of [1, 3, 7, 40]) {
    const s = new StreamingGrounder(g);
    let out = '';
    for (let i = 0; i < text.length; i += size) out += s.push(text.slice(i, i + size));
    out += s.end();
    assert.equal(out, whole.text, `piece size ${size}`);
    assert.deepEqual(s.verdict, whole.verdict);
  }
  assert.equal(whole.verdict.dropped.length, 1);
});

test('links in model text lose their target unless they point at a source line', () => {
  const g = contextOf('debouncer.vhd');
  const r = ground('See [the counter](https://example.com/x) and [`stable_cnt`](line:22) for the delay.', g);
  assert.equal(r.text, 'See the counter and [`stable_cnt`](line:22) for the delay.');
});
