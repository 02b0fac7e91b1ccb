// The grounding check: a model's sentences are kept only when every name they use exists in the
// design and nothing they say contradicts the analysis facts (clock, edge, reset, drivers, roles).
import { clockingOf, type DomainClock, sameClock, sameReset } from '../analysis/facts/index';
import type { ArchitectureFacts, ClockFact, ResetFact } from '../analysis/facts/types';
import type { SourceFile } from '../analysis/sourceFile';
import { STANDARD_NAMES } from '../analysis/standardNames';
import type { Refutation } from '../llm/claimConstraint';
import type { GenerateRequest } from '../llm/types';
import { CAMEL_CASE_WORD, PREDEFINED_ATTRIBUTES, SNAKE_CASE_WORD } from '../llm/nameConstraint';
import { TokenKind as T } from '../syntax/tokenKind';
import { isEnglishWord } from './lexicon';
import { isActiveLow } from './promptFacts';
import { declarationClaim, declaredKinds, LIBRARY_NAMES, MODES, modesOf, standardNameAsObject, type DeclaredKinds, interfaceClaim, RESERVED_WORDS } from './groundingDeclarations';
import { unsupportedDetail } from './groundingVocabulary';

/** What the check compares against: the design's names and the facts, lower-cased. */
export interface GroundingContext {
  identifiers: Set<string>;
  /** The design's own spellings of its identifiers where they are neither lower nor upper case (`dataValid`). */
  spellings: Set<string>;
  /** The design's clocks and resets, with those its instances use through their port maps. */
  clocks: ClockFact[];
  resets: ResetFact[];
  /** False when an instance may use clocks or resets that are not known (its design is not in the workspace). */
  clockingKnown: boolean;
  /** Signals connected to such instances: the check cannot say they are not a clock or a reset. */
  unknownConnections: Set<string>;
  /** Instance labels and the entities they instantiate: a sentence about one is not about the whole design. */
  instances: Set<string>;
  /** Processes, and clocked processes, of the design's own architectures. */
  processes: number;
  clockedProcesses: number;
  /** The styles of its state machines (`one-process`, `two-process`). */
  fsmStyles: Set<string>;
  /** Whether the design has processes that wait (a testbench's stimulus), whose edges are not the instances'. */
  waits: boolean;
  /** Registers and clocked processes. */
  registers: Set<string>;
  /** Combinationally driven signals and combinational processes. */
  combinational: Set<string>;
  /** Signal -> labels of the statements that drive it. */
  drivers: Map<string, Set<string>>;
  /** Labels of statements (processes, instances, assignments, generates). */
  labels: Set<string>;
  /** What a hover or doc comment is about (lower-case): a sentence that names nothing is about it. */
  subject?: string;
  /** Every word of the design's text (identifiers, their `_`/camelCase parts, comments), lower-case. */
  words: Set<string>;
  /** Whether the facts found a state machine (undefined: no architecture facts, e.g. a package). */
  hasFsm?: boolean;
  /** Whether the design's text declares or defines a function. */
  hasFunctions: boolean;
  /**
   * Every number the design's text has: integer literals, the bit lengths of string and bit-string
   * literals, and the digits in its names and comments (`crc32`, "-- 16 entries").
   */
  numbers: Set<number>;
  /** What "Explain this ..." explains: a design entity (with its architecture) or a package; unset for hovers. */
  unit?: 'entity' | 'package';
  /** What each name is declared as (generic, signal, port and its mode). */
  declared: DeclaredKinds;
  /** The design's architecture names (lower case): names of a body, not of a signal. */
  architectures: Set<string>;
  /** "Explain this entity": the entity's own ports and generics (lower case), which its interface layout lists. */
  interface?: { entity: string; ports: Set<string>; generics: Set<string> };
}

export interface GroundingVerdict {
  ok: boolean;
  /** The sentences removed, as the model wrote them. */
  dropped: string[];
  /** One reason per dropped sentence, same order. */
  reasons: string[];
}

export interface GroundedText {
  text: string;
  verdict: GroundingVerdict;
}

/**
 * STD.STANDARD's names an explanation may use without the design declaring them: its types, time
 * units and common functions; not the character literals' names (`NAK`, `ACK`, `CR`, `C128`) nor
 * the file-handling literals and subprograms (`NAME_ERROR`, `read_mode`, `endfile`), which an
 * explanation of a design that does not use them never means.
 */
const STANDARD_PROSE = new Set(
  [...STANDARD_NAMES].filter(
    (n) =>
      !/^(nul|soh|stx|etx|eot|enq|ack|bel|bs|ht|lf|vt|ff|cr|so|si|dle|dc[1-4]|nak|syn|etb|can|em|sub|esc|fsp|gsp|rsp|usp|del|c1[2-5]\d)$/.test(n) &&
      !/^(read_mode|write_mode|append_mode|open_ok|status_error|name_error|mode_error|file_\w+|endfile|flush|deallocate|foreign|universal_\w+)$/.test(n),
  ),
);

/** VHDL's reserved words: quoting one (`process`, `others`) names a construct, not a design name. */
const RESERVED = RESERVED_WORDS;

/** Names an explanation may use without them being in the design: libraries, packages, standard functions. */
const WELL_KNOWN = new Set([
  'ieee', 'std', 'work', 'std_logic', 'std_ulogic', 'std_logic_vector', 'std_ulogic_vector', 'std_logic_1164', 'numeric_std',
  'numeric_bit', 'math_real', 'std_logic_unsigned', 'std_logic_signed', 'std_logic_arith', 'textio', 'env', 'unsigned', 'signed',
  'to_unsigned', 'to_signed', 'to_integer', 'resize', 'shift_left', 'shift_right', 'rotate_left', 'rotate_right',
  'conv_integer', 'conv_std_logic_vector', 'to_slv', 'to_stdlogicvector', 'to_stdulogicvector', 'to_bitvector', 'to_x01', 'is_x',
  'rising_edge', 'falling_edge', 'others', 'downto', 'vhdl_2008', 'vhdl_93', 'read_mode', 'write_mode',
  'i2c', 'axi4', 'axi4_lite', 'crc32', 'crc16', 'crc8', 'utf8', 'base64', 'ieee754', 'spi', 'pwm', 'apb3', 'apb4', 'axi3', 'ddr3', 'ddr4',
]);

/**
 * The reserved words an expression in a quote needs (`cnt(3 downto 0)`, `(others => '0')`,
 * `rst_n = '0' and en`), given to the engine as `quoteWords`: a quote may use them after its first
 * word. Offered as names, a small model quoted `NAND` and `downto` as if they were signals, and
 * strung quotes of nothing but reserved words (`disconnect with ...`).
 */
export const QUOTE_WORDS = ['downto', 'to', 'others', 'and', 'or', 'not', 'xor', 'xnor', 'nand', 'nor', 'mod', 'rem', 'abs', 'sll', 'srl', 'sla', 'sra', 'rol', 'ror', 'open', 'when', 'else'];

/**
 * The names a model may quote, given to the engine as `names` (sorted): the design's identifiers
 * (the standard names it uses among them), but not its libraries and packages: offered, a small model
 * wrote "`NUMERIC_STD` is the width" and "`ieee` is an output". Not the well-known and
 * standard names the check lets through without the design using them: offered to a small model
 * they were written where nothing called for them (`NAME_ERROR`, `x01z`).
 */
export function groundingNames(g: GroundingContext): string[] {
  return [...new Set([...g.identifiers, ...g.spellings])].filter((n) => !LIBRARY_NAMES.has(n.toLowerCase()) || g.declared.has(n.toLowerCase())).sort();
}

/**
 * What the facts refute about the design's names, given to the engine as `refutations`: a clock used
 * on its rising edge only is not written of with "falling edge" (and the other way round), a
 * synchronous reset is not "asynchronous", an active-high one not "active low", and the other way
 * round; a register is not "combinational" nor a combinational signal "registered" (as the
 * subject of "is"); a name is not given a mode or "generic" it is not declared with (the grounding check drops
 * such sentences; the engine then does not write them). A clock used on both edges, or a reset used
 * both ways or at both levels, gets no phrase for what it is both.
 *
 * Only claims with one other answer are refuted, which the model then writes instead. Refuting a
 * role ("Asynchronous reset" of a port that is no reset) was measured in session 9: the model's next
 * choices for the hovers of 40 held-out designs were other ports' descriptions ("Synchronous all
 * registers, flattened.", "Asynchronous level to the next clock.") that the check could not tell
 * from true ones, where without it the hover was withheld.
 */
export function groundingRefutations(g: GroundingContext): Refutation[] {
  const out: Refutation[] = [];
  const edges = new Map<string, { name: string; edges: Set<string> }>();
  for (const c of g.clocks) {
    const e = edges.get(c.signal.toLowerCase()) ?? { name: c.signal, edges: new Set<string>() };
    e.edges.add(c.edge);
    edges.set(c.signal.toLowerCase(), e);
  }
  for (const { name, edges: used } of edges.values()) {
    if (used.size !== 1) continue;
    const other = used.has('rising') ? 'falling' : 'rising';
    out.push({ name, phrases: [`${other} edge`, `${other}-edge`, `${other}_edge`] });
  }
  const bySignal = new Map<string, ResetFact[]>();
  for (const r of g.resets) bySignal.set(r.signal.toLowerCase(), [...(bySignal.get(r.signal.toLowerCase()) ?? []), r]);
  for (const rs of bySignal.values()) {
    const phrases: string[] = [];
    const kinds = new Set(rs.map((r) => r.kind));
    const lows = new Set(rs.map((r) => isActiveLow(r)));
    // "asserted asynchronously and released synchronously" says both of an asynchronous reset.
    if (kinds.size === 1 && kinds.has('async')) out.push({ name: rs[0].signal, phrases: ['synchronous', 'sync reset'], unless: ['releas', 'deassert', 'de-assert'] });
    if (kinds.size === 1 && kinds.has('sync')) phrases.push('asynchronous', 'async reset');
    if (lows.size === 1) phrases.push(...(lows.has(true) ? ['active high', 'active-high'] : ['active low', 'active-low']));
    if (phrases.length) out.push({ name: rs[0].signal, phrases });
  }
  // A register is not "combinational", a combinational signal not "registered" (a copy of a register may be either).
  for (const n of g.registers) {
    if (!g.combinational.has(n)) out.push({ name: n, phrases: ['is combinational', 'is a combinational', 'is the combinational', 'is purely combinational', 'are combinational'] });
  }
  for (const n of g.combinational) {
    if (!g.registers.has(n)) out.push({ name: n, phrases: ['is registered', 'is a register', 'is the register', 'is a registered', 'is a clocked', 'is clocked', 'is a flip-flop', 'are registered'] });
  }
  // "Explain this entity" lays out the entity's own ports and generics: no other name takes a mode.
  const iface = g.interface;
  for (const name of new Set([...g.declared.keys(), ...(iface ? g.identifiers : [])])) {
    const kinds = g.declared.get(name) ?? new Set<string>();
    const own = iface ? new Set([...kinds].filter((k) => (k === 'generic' ? iface.generics.has(name) : !MODES.includes(k) || iface.ports.has(name)))) : kinds;
    const words = declarationRefutations(own);
    // Only the design's objects are what a bare word is about: "(in std_logic)" is not about `std_logic`.
    const object = [...kinds].some((k) => k !== 'type') && !STANDARD_NAMES.has(name);
    if (words.length) out.push({ name, phrases: [], words, ...(object ? {} : { quotedOnly: true }) });
  }
  return out;
}

/**
 * What the engine is held to for an answer about `g`'s design: its names (`names`, `quoteWords`),
 * what its facts refute (`refutations`), and what a sentence that names nothing is about.
 */
export function groundingConstraints(g: GroundingContext): Pick<GenerateRequest, 'names' | 'quoteWords' | 'refutations' | 'refutationSubject'> {
  return { names: groundingNames(g), quoteWords: QUOTE_WORDS, refutations: groundingRefutations(g), ...(g.subject ? { refutationSubject: g.subject } : {}) };
}


/**
 * What a name declared as `kinds` is not, in the interface layout's words: "`empty` (in std_logic)"
 * of an output, "`sync_ff` (in std_logic)" of a signal, "`cnt` (generic natural)" of a port; and
 * "is an input", "is an output", "is a generic" (the grounding check's declaration claims). With
 * "Explain this entity", `kinds` holds only what the entity's own interface declares.
 */
function declarationRefutations(kinds: Set<string>): string[] {
  const has = (...ks: string[]) => ks.some((k) => kinds.has(k));
  const out: string[] = [];
  if (!has('in', 'inout')) out.push('(in', 'is an input');
  else if (!has('inout')) out.push('(inout');
  if (!has('out')) out.push('(out');
  if (!has('out', 'buffer', 'inout')) out.push('is an output');
  if (!has('buffer')) out.push('(buffer');
  if (!has('generic')) out.push('(generic', 'is a generic');
  return out;
}

/** The grounding context of a design: identifiers of `files` and the facts of `archs`. */
export function groundingContext(files: SourceFile[], archs: ArchitectureFacts[]): GroundingContext {
  const g: GroundingContext = {
    identifiers: new Set(),
    spellings: new Set(),
    clocks: [],
    resets: [],
    clockingKnown: true,
    unknownConnections: new Set(),
    instances: new Set(),
    processes: 0,
    clockedProcesses: 0,
    fsmStyles: new Set(),
    waits: false,
    registers: new Set(),
    combinational: new Set(),
    drivers: new Map(),
    labels: new Set(),
    words: new Set(),
    hasFunctions: false,
    numbers: new Set(),
    declared: declaredKinds(files),
    architectures: new Set(),
  };
  for (const f of files) {
    // A `*` between two signals or ports (`a_i * b_i`; not `CLK_HZ * 2`, nor `i * i` in a function that
    // fills a table) is a multiplier in the hardware: "multiplier" and "product" are the design's words too.
    const isSignal = (name: string | undefined) => !!name && [...(g.declared.get(name.toLowerCase()) ?? [])].some((k) => k === 'signal' || k === 'port');
    let beforeStar: string | undefined;
    let last: string | undefined;
    for (const t of f.root.tokens()) {
      if (t.kind !== T.LineComment && t.kind !== T.BlockComment && t.kind !== T.Whitespace) {
        const name = t.kind === T.Identifier ? t.text : undefined;
        if (isSignal(beforeStar) && isSignal(name)) addWords(g.words, 'multiplier multiply multiplication product');
        beforeStar = t.kind === T.Star ? last : undefined;
        last = name;
      }
      if (t.kind === T.Identifier || t.kind === T.ExtendedIdentifier) {
        const low = t.text.toLowerCase();
        g.identifiers.add(low);
        if (t.text !== low && t.text !== t.text.toUpperCase()) g.spellings.add(t.text);
        addWords(g.words, t.text.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
        addNumbers(g.numbers, t.text);
      } else if (t.kind === T.LineComment || t.kind === T.BlockComment) {
        addWords(g.words, t.text);
        addNumbers(g.numbers, t.text);
      } else if (t.kind === T.FunctionKw) g.hasFunctions = true;
      else if (t.kind === T.AbstractLiteral || t.kind === T.StringLiteral || t.kind === T.BitStringLiteral) literalNumber(g.numbers, t.text);
    }
  }
  if (archs.length) g.hasFsm = archs.some((a) => a.fsms.length > 0);
  for (const a of archs) {
    g.architectures.add(a.architecture.toLowerCase());
    const clocking = clockingOf(a);
    g.clocks.push(...clocking.clocks.filter((c) => !g.clocks.some((x) => sameClock(x, c))));
    g.resets.push(...clocking.resets.filter((r) => !g.resets.some((x) => sameReset(x, r))));
    g.clockingKnown &&= clocking.complete;
    g.waits ||= a.processes.some((p) => p.kind === 'other');
    g.processes += a.processes.length;
    g.clockedProcesses += a.processes.filter((p) => p.kind === 'clocked').length;
    for (const f of a.fsms) g.fsmStyles.add(f.style);
    for (const i of a.instances) {
      g.instances.add(i.label.toLowerCase());
      if (i.entity) g.instances.add(i.entity.toLowerCase());
      if (!a.instanceClocking.unknown.includes(i.label)) continue;
      for (const c of i.ports) for (const m of c.actual.toLowerCase().matchAll(/[a-z][a-z0-9_]*/g)) g.unknownConnections.add(m[0]);
    }
    for (const p of a.processes) {
      if (p.label) {
        g.labels.add(p.label.toLowerCase());
        (p.kind === 'clocked' ? g.registers : p.kind === 'combinational' ? g.combinational : new Set<string>()).add(p.label.toLowerCase());
      }
    }
    for (const o of a.objects) {
      const n = o.name.toLowerCase();
      if (o.role === 'register') g.registers.add(n);
      // A plain copy of a register (`q <= std_logic_vector(r)`) may be called either: it is a wire after a flip-flop.
      if (o.role === 'combinational' && !o.copyOf) g.combinational.add(n);
      const d = g.drivers.get(n) ?? new Set<string>();
      for (const acc of o.drivers) if (acc.label) d.add(acc.label.toLowerCase());
      g.drivers.set(n, d);
    }
    for (const i of a.instances) g.labels.add(i.label.toLowerCase());
  }
  return g;
}

function addNumbers(into: Set<number>, text: string): void {
  for (const m of text.matchAll(/\d+/g)) into.add(Number(m[0]));
}

/** `16#FF#` -> 255, `1_000` -> 1000; `"0101"` and `x"FF"` -> their widths in bits (4, 8). */
function literalNumber(into: Set<number>, text: string): void {
  const t = text.replace(/_/g, '');
  const based = /^(\d+)#([0-9a-f]+)#/i.exec(t);
  if (based) into.add(parseInt(based[2], Number(based[1])));
  else if (/^\d+$/.test(t)) into.add(Number(t));
  else if (/^"[01]+"$/.test(t)) into.add(t.length - 2);
  const bits = /^(\d*)([box])"([^"]*)"$/i.exec(t);
  if (bits) into.add(bits[1] ? Number(bits[1]) : bits[3].length * ({ b: 1, o: 3, x: 4 } as Record<string, number>)[bits[2].toLowerCase()]);
}

/**
 * A size a sentence gives in numbers: a width ("a 32-bit counter", "8 bits wide", "width of 12") or a
 * count ("256 entries", "4 bytes", "a 5-tap filter", "16x8": 16 words of 8 bits).
 */
const SIZE_RE = /\b(\d+)\s*[x×]\s*(\d+)\b|\b(\d+)[- ]?bits?\b|\bwidth of (\d+)\b|\b(\d+)[- ]?(?:entry|entries|words?|bytes?|taps?|stages?|deep)\b|\bdepth of (\d+)\b/gi;

/**
 * A size that the design's numbers do not give. A width must be one of them or one more (`7 downto
 * 0` is 8 bits); a count may also be a power of two of one, or of one more (an address width's depth).
 */
function unsupportedSize(body: string, numbers: Set<number>): string | undefined {
  const text = body.replace(/`[^`]*`/g, ' ');
  const width = (n: number) => numbers.has(n) || numbers.has(n - 1);
  // A count may be 2**w or 2**w - 1 of a width w the design gives ("256 entries", "at most 255 bytes",
  // "repeats every 127 bits" of a 7-bit register); the latter not for small counts ("a 3-stage
  // synchroniser" of a 2-bit one is a small model's habit, not 2**2 - 1).
  const count = (n: number) => {
    const log = Math.log2(n);
    const logMax = Math.log2(n + 1);
    return width(n) || (n > 1 && Number.isInteger(log) && width(log)) || (n >= 15 && Number.isInteger(logMax) && width(logMax));
  };
  for (const m of text.matchAll(SIZE_RE)) {
    const counts = [m[1], m[5], m[6]].filter((x) => x !== undefined).map(Number);
    const widths = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
    if (counts.every(count) && widths.every(width)) continue;
    return m[0].trim();
  }
  return undefined;
}

function addWords(into: Set<string>, text: string): void {
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (w) into.add(w);
}

/**
 * Kinds of design a small model names from habit ("A UART receiver ...") when the design is something
 * else: a sentence may name one only when the design's own text (names or comments) does.
 */
const DESIGN_KINDS = [
  'uart', 'spi', 'i2c', 'apb', 'axi', 'wishbone', 'fifo', 'lifo', 'crc', 'lfsr', 'pwm', 'debounce', 'debouncer', 'arbiter',
  'alu', 'fir', 'iir', 'cic', 'gray', 'multiplier', 'divider', 'watchdog', 'baud', 'sdram', 'dma', 'ethernet', 'usb', 'jtag',
  'vga', 'hdmi', 'cordic', 'fft', 'dds', 'nco', 'aes', 'sha', 'hamming', 'manchester', 'i2s', 'mdio', 'traffic', 'vending',
  'elevator', 'scrambler', 'serializer', 'deserializer', 'prescaler',
];
const DESIGN_KIND_RE = new RegExp(`\\b(${DESIGN_KINDS.join('|')})(e?s)?\\b`, 'gi');

/** Capitalised words that are English or hardware vocabulary, not names a design must declare. */
const ACRONYMS = new Set([
  'uart', 'spi', 'i2c', 'apb', 'axi', 'fifo', 'crc', 'lfsr', 'pwm', 'alu', 'ram', 'rom', 'fsm', 'msb', 'lsb', 'add', 'sub',
  'and', 'or', 'xor', 'not', 'nand', 'nor', 'xnor', 'slt', 'sll', 'srl', 'sra', 'vhdl', 'rtl', 'ieee', 'okay', 'ack', 'nack',
  'clk', 'rst', 'cdc', 'dut', 'tb', 'the', 'a', 'an', 'it', 'io', 'mhz', 'khz', 'ghz', 'hz', 'ns', 'us', 'ms', 'ps', 'led', 'leds',
  'lut', 'dsp', 'bram', 'fpga', 'asic', 'cpu', 'mcu', 'irq', 'mux', 'ff', 'max', 'min', 'msbs', 'lsbs', 'todo', 'note', 'notes',
  'purpose', 'interface', 'behaviour', 'behavior', 'clocking', 'reset', 'state', 'machine', 'high', 'low', 'true', 'false',
  'null', 'others', 'open', 'in', 'out', 'inout', 'buffer', 'ror', 'rol', 'mod', 'rem', 'abs', 'sum', 'id', 'ok', 'err',
  'pll', 'mmcm', 'dcm', 'ascii', 'ahb', 'amba', 'gpio', 'dma', 'adc', 'dac', 'jtag', 'ecc', 'ddr', 'sdram', 'sram', 'mac',
]);

/** Splits prose into sentences, keeping Markdown structure (headings and list items end a sentence). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      out.push('\n');
      continue;
    }
    // A sentence ends at . ! ? followed by a space and an upper-case letter, a backtick, a quote or '*'.
    const parts = line.split(/(?<=[.!?])\s+(?=[A-Z`*"'(\[])/);
    for (const p of parts) out.push(p);
    out.push('\n');
  }
  return out;
}

const VOWELS = /[aeiouy]/i;

/**
 * Words that look like identifiers rather than English: every word of a `quote` (not those of its
 * literals, nor those after a tick or a dot: `cnt'high`, `r.state`), snake_case, or letters mixed
 * with digits. A quote is code: a word in one that is no name (`shift_reg is the input`) is prose
 * that a stray backtick swallowed (the engine's name constraint holds quotes to the same rule).
 */
export function identifierCandidates(sentence: string): string[] {
  const out = new Set<string>();
  for (const m of sentence.matchAll(/`([^`]+)`/g)) {
    // `'1'`, `(others => '0')`, `x"FF"`, `16#FF#` and other literals are not names.
    const body = m[1].replace(/\b[xXbBoOdD]?"[^"]*"/g, ' ').replace(/'[^']'/g, ' ').replace(/\b\d[\d_]*#[0-9A-Fa-f_.]*#/g, ' ');
    for (const w of body.matchAll(/(?<![\w'.])[A-Za-z][A-Za-z0-9_]*/g)) out.add(w[0]);
  }
  const plain = sentence.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']');
  for (const m of plain.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
    const w = m[0];
    if (/^[xX][0-9A-Fa-f_]+$/.test(w) && plain[m.index - 1] === '0') continue; // 0x29B1: a number written as in C
    const snake = SNAKE_CASE_WORD.test(w) || CAMEL_CASE_WORD.test(w);
    const mixedDigits = /[A-Za-z]/.test(w) && /\d/.test(w) && !/^\d*[a-z]{1,2}$/i.test(w) && !/^[a-z]{1,2}\d+$/i.test(w);
    if (snake || (mixedDigits && w.length >= 4)) out.add(w);
  }
  return [...out];
}

/** Why a sentence is unreadable (random output of an untrained model), or undefined when it reads as text. */
function unreadable(s: string): string | undefined {
  const body = s.replace(/`[^`]*`/g, ' x ').replace(/\[[^\]]*\]\([^)]*\)/g, ' x ');
  const chars = [...body];
  if (chars.length === 0) return undefined;
  // eslint-disable-next-line no-control-regex
  const odd = chars.filter((c) => /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(c) || (c.charCodeAt(0) > 0x7e && !/[\u00a0-\u024f\u2010-\u2027\u2190-\u21ff\u00b7]/.test(c))).length;
  if (odd > 0) return 'contains characters that are not text';
  const words = body.match(/[A-Za-z]+/g) ?? [];
  if (words.length === 0) return /[A-Za-z0-9]/.test(body) ? undefined : body.trim().length > 3 ? 'contains no words' : undefined;
  const letters = words.join('').length;
  const symbols = chars.filter((c) => /[^\sA-Za-z0-9.,;:'"()\-–—/*#|>=<+&_]/.test(c)).length;
  if (symbols > Math.max(3, letters / 4)) return 'is mostly symbols';
  const bad = words.filter((w) => (w.length > 3 && !VOWELS.test(w)) || w.length > 24 || /[a-z][A-Z][a-z]*[A-Z]/.test(w)).length;
  if (bad > Math.max(1, words.length / 3)) return 'does not read as English';
  return undefined;
}

/**
 * A word of prose that is no English word nor one of the design's ("orbarse", "atcation"): a small
 * model spelling out pieces of words. Names, quotes, links, acronyms and words of three letters or
 * fewer are not looked at.
 */
function notAWord(body: string, g: GroundingContext): string | undefined {
  const prose = body.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']').replace(/"[^"]*"/g, ' ');
  for (const m of prose.matchAll(/(?<![A-Za-z0-9_'])[A-Za-z]+(?![A-Za-z0-9_])/g)) {
    const w = m[0];
    if (w.length < 4 || /[A-Z]/.test(w.slice(1)) || g.words.has(w.toLowerCase()) || isEnglishWord(w)) continue;
    return w;
  }
  return undefined;
}

function prosePlainOf(body: string): string {
  return body.replace(/`[^`]*`/g, ' x ');
}

/**
 * Text that ran together (what a small model writes when it loses the thread): a `code` quote that
 * no VHDL reads like, starts or ends with a space or is glued to a word (`` `N_CH (x `clk`(0) `` ), a
 * phrase said twice in a row ("The reset The reset"), a name twice in a list, names with no words
 * between them ("`rst`, `clk`, `rst`."), or text that says nothing ("the width of the width").
 */
function brokenText(body: string): string | undefined {
  for (const m of body.matchAll(/`([^`]*)`/g)) {
    // "`std_logic): ( and when`", "`-1_valid`": no VHDL reads like that.
    let depth = 0;
    for (const c of m[1]) if ((depth += c === '(' ? 1 : c === ')' ? -1 : 0) < 0) break;
    // A number runs into no word but an exponent's `e` (`1e6`) or a sized bit string's base (`8x"FF"`).
    if (depth !== 0 || /(?<![\w#."])\d+_[A-Za-z]/.test(m[1]) || /(?<![\w#."])\d[\d_]*(?:\.\d+)?(?![eE][+-]?\d|[uUsS]?[xXbBoOdD]")[A-Za-z]/.test(m[1])) return 'a broken `code` quote: not VHDL';
    // Outside its literals, a quote's `;` ends a statement and `:` only starts `:=`; a tick is an
    // attribute's (`cnt'high`), not a possessive (`integer's`, `pwm_bits:'s(0)`).
    const code = m[1].replace(/[xXbBoOdD]?"[^"]*"/g, ' ').replace(/'[^']'/g, ' ');
    if (/;(?!\s*$)|:(?!=)/.test(code) || [...code.matchAll(/'([A-Za-z]\w*)/g)].some((t) => !PREDEFINED_ATTRIBUTES.has(t[1].toLowerCase()))) return 'a broken `code` quote: not VHDL';
    const before = body[m.index - 1] ?? ' ';
    const after = body[m.index + m[0].length] ?? ' ';
    if (!m[1].trim() || /^\s|\s$/.test(m[1]) || /[A-Za-z0-9_]/.test(before) || /[A-Za-z0-9_`]/.test(after)) return 'a broken `code` quote: the text ran together';
  }
  // "the width of the width", "the number of clocks per clock": a noun measured by itself.
  if (/\b([a-z]{3,}?)s?\s+(?:of|per|from)\s+(?:the\s+|a\s+|an\s+|each\s+)?\1s?\b/i.test(prosePlainOf(body))) return 'says nothing: a word measured by itself';
  // "`sync_ff` is registered into `sync_ff`": a name as its own source or destination.
  if (/`([^`]+)`\s+(?:is|are)\s+(?:\w+\s+){1,2}(?:into|from|to|by|as)\s+(?:the\s+)?`\1`/i.test(body)) return 'says nothing: a name as its own source or destination';
  // "`driver` is high whenever `driver` is high": a condition that is its own consequence.
  if (/`([^`]+)`\s+is\s+(\w+)\s+(?:when|whenever|while|if|as long as)\s+`\1`\s+is\s+\2\b/i.test(body)) return 'says nothing: a condition that is its own consequence';
  // "clears `CLK`, `2` and `CLK`": one name twice in a list.
  for (const list of body.matchAll(/`[^`]+`(?:\s*,\s*`[^`]+`)+\s*,?\s*(?:and|or)\s*`[^`]+`/g)) {
    const items = [...list[0].matchAll(/`([^`]+)`/g)].map((m) => m[1].toLowerCase());
    if (new Set(items).size < items.length) return 'repeats itself';
  }
  if (/\b([A-Za-z]+(?:\s+[A-Za-z]+)+)\s+\1\b/i.test(body) || /`([^`]+)`\s*(?:,|\band\b|\bor\b)\s*`\1`/i.test(body)) return 'repeats itself';
  const prosePlain = prosePlainOf(body);
  // ("the for", "an of", "a the"; not "a to b" or "port a is", where `a` is a name written plainly)
  if (/\b(?:[Tt]he|[Aa]n)\s+(?:the|an?|for|of|with|to|is|are|was|were)\s|\b[Aa]\s+(?:the|an?|for)\s/.test(prosePlain)) return 'not grammatical: the text ran together';
  const quoted = new Set([...body.matchAll(/`([^`]+)`/g)].map((m) => m[1].toLowerCase()));
  const prose = body.replace(/`[^`]*`/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  if (quoted.size >= 2 && prose.every((w) => /^(and|or)$/i.test(w))) return 'names without a sentence';
  return undefined;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names of the design (lower-case) that the sentence mentions as whole words. */
function mentioned(sentence: string, names: Iterable<string>): string[] {
  const low = sentence.toLowerCase();
  const out: string[] = [];
  for (const n of names) if (new RegExp(`(^|[^a-z0-9_])${esc(n)}($|[^a-z0-9_])`).test(low)) out.push(n);
  return out;
}

/** Articles and adverbs between "is" and the role word: "`x` is the registered count", "is purely combinational". */
const ROLE_LEAD = String.raw`(?:(?:a|an|the|also|then|simply|just|only|purely|entirely|fully|itself)\s+)*(?:[a-z][a-z-]*\s+){0,2}?`;
/** The words of a register or combinational role, and words that deny the role before them. */
const ROLE_WORD = String.raw`(combinational(?:ly)?|register(?:ed)?|flip[- ]flops?|clocked)\b`;
const NEGATED = /\b(?:not|never|no|un\w*)\b/;
/** What "register" names when it is not the object's role: "the register file", "a register slice". */
const NOT_A_ROLE = /^\s+(?:process|file|bank|map|interface|address|slice|write|read|access|space|stage|set|array)\b/;

/**
 * The role a sentence gives the name `n` as its subject or in apposition: "`n` is (the) registered
 * (count)", "`n` and `m` are combinational", "the registered output `n`". Only such claims count:
 * "`o_zero` is derived from the register" or "`p` registers `n`" say nothing of `n`'s role.
 */
function roleSaid(low: string, n: string): 'registered' | 'combinational' | undefined {
  // Bare names only when they cannot be a word of prose (`state`, `found` can).
  const name = /[_0-9]/.test(n) ? `\`?${esc(n)}\`?` : `\`${esc(n)}\``;
  const list = String.raw`(?:\s*(?:,|,?\s*and|,?\s*or)\s*\`[a-z][a-z0-9_]*\`)*`;
  const subject = new RegExp(String.raw`(?:^|[^a-z0-9_])${name}${list}\s+(?:is|are)\s+(${ROLE_LEAD})${ROLE_WORD}`, 'g');
  for (const m of low.matchAll(subject)) {
    if (NEGATED.test(m[1])) continue;
    if (/^register$/.test(m[2]) && NOT_A_ROLE.test(low.slice(m.index! + m[0].length))) continue;
    // "`a` and `b` are converted combinationally into `c`": the conversion's role, not theirs.
    if (m[2] === 'combinationally' && /^\s+(?:by\s+`?[a-z0-9_]+`?\s+)?(?:into|to)\b/.test(low.slice(m.index! + m[0].length))) continue;
    return m[2].startsWith('combinational') ? 'combinational' : 'registered';
  }
  // "`bcd` holds the count, so it is registered": `it` after the name the sentence opens with.
  const opens = new RegExp(String.raw`^\s*(?:the\s+(?:[a-z-]+\s+){0,2})?${name}\s+[a-z]`);
  if (opens.test(withoutMarkers(low))) {
    const it = new RegExp(String.raw`(?:,|;|\bso|\band|\bthus|\bhence)\s+it\s+is\s+(${ROLE_LEAD})${ROLE_WORD}`).exec(low);
    if (it && !NEGATED.test(it[1]) && !(it[2] === 'register' && NOT_A_ROLE.test(low.slice(it.index + it[0].length)))) {
      return it[2].startsWith('combinational') ? 'combinational' : 'registered';
    }
  }
  const apposition = new RegExp(String.raw`\b(?:(registered|clocked)|(combinational))\s+(?:(?:output|signal|copy|version|value|flag|port|logic|process)\s+)?${name}(?:$|[^a-z0-9_])`);
  const m = apposition.exec(low);
  if (m && !/\b(?:not|un)\s*$/.test(low.slice(0, m.index))) return m[1] ? 'registered' : 'combinational';
  return undefined;
}

/** A sentence without its leading Markdown markers: a list item's `- ` or `1. `, then a `**Purpose.**` heading. */
function withoutMarkers(s: string): string {
  return s.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').replace(/^\s*\*\*[^*]+\*\*\s*/, '');
}

/** A sentence that names nothing says what the subject is: "Clock; ...", "Synchronous reset, active high." */
function subjectContradiction(s: string, low: string, g: GroundingContext): string | undefined {
  const body = withoutMarkers(low);
  const role = roleContradiction(g.subject!, body, g);
  if (role) return role;
  // What a clock's or a reset's sentence says of it speaks of a clock or a reset (every one of the
  // 629 clock and 515 reset hovers and doc comments in the training pairs does): "At least one
  // request is active." is another port's description, written where the model's first choice was refuted.
  const clock = g.clocks.some((c) => c.signal.toLowerCase() === g.subject);
  const reset = g.resets.some((r) => r.signal.toLowerCase() === g.subject);
  if (clock && !reset && !/clock|clk|edge|domain|frequency|period|oscillator/.test(body)) return `says nothing of \`${g.subject}\` as a clock`;
  if (reset && !clock && !/reset|clear|initiali[sz]|assert|active/.test(body)) return `says nothing of \`${g.subject}\` as a reset`;
  // A port's hover that opens on the other direction ("The input, synchronised ..." of an output), or
  // calls an input port or combinational logic a register ("The shift register.", "Registered read data.").
  const is = g.declared.get(g.subject!);
  if (is?.has('port')) {
    if (/^(?:the\s+)?inputs?\b/.test(body) && !is.has('in') && !is.has('inout')) return `\`${g.subject}\` is not an input (mode ${modesOf(is)})`;
    if (/^(?:the\s+)?outputs?\b/.test(body) && !is.has('out') && !is.has('buffer') && !is.has('inout')) return `\`${g.subject}\` is not an output (mode ${modesOf(is)})`;
  }
  const asRegister = /^(?:the|a|an)\s+(?:(?!(?:from|of|by|to|into|in|with|after|than|before|complement\w*|invert\w*|cop(?:y|ies)|decod\w*|derived)\b)[\w-]+,?\s+){0,3}?(?:shift\s+)?registers?\b(?!\s+(?:file|bank|map|interface|address|slice|write|read|access|space))|^(?:shift\s+)?registers?\b|^registered\b/.test(body);
  if (asRegister && is?.has('in') && !is.has('inout') && !is.has('out')) return `\`${g.subject}\` is an input port, not a register`;
  if (asRegister && g.combinational.has(g.subject!) && !g.registers.has(g.subject!)) return `\`${g.subject}\` is combinational, not a register`;
  // And the other way: "A concurrent slice." or "Combinational decode of ..." of an input port (the
  // design drives none) or of a register.
  const asConcurrent = /^(?:(?:the|a|an)\s+(?:[\w-]+,?\s+){0,2}?)?(?:concurrent(?:ly)?|combinational(?:ly)?)\b/.test(body);
  if (asConcurrent && is?.has('in') && !is.has('inout') && !is.has('out')) return `\`${g.subject}\` is an input port: the design does not drive it`;
  if (asConcurrent && g.registers.has(g.subject!) && !g.combinational.has(g.subject!)) return `\`${g.subject}\` is a register, not combinational`;
  return undefined;
}


/** The reset's kind or level when the lower-case text says only the other one ("synchronous" for an asynchronous reset). */
function resetKindRefuted(r: ResetFact, low: string): string | undefined {
  const async = /asynchronous/.test(low);
  const sync = /(^|[^a-z])synchronous/.test(low.replace(/asynchronous/g, ''));
  if (sync && !async && r.kind === 'async') return `\`${r.signal}\` is an asynchronous reset`;
  if (async && !sync && r.kind === 'sync') return `\`${r.signal}\` is a synchronous reset`;
  const saysLow = /active[- ]low/.test(low);
  if (saysLow === /active[- ]high/.test(low)) return undefined;
  if (saysLow && !isActiveLow(r)) return `\`${r.signal}\` is active high`;
  if (!saysLow && isActiveLow(r)) return `\`${r.signal}\` is active low`;
  return undefined;
}

/** What `body` (lower case) says `x` is, "clock" or "reset" of some kind, against the facts about `x`. */
function roleContradiction(x: string, body: string, g: GroundingContext): string | undefined {
  // Up to three words before the role's noun, none of them a preposition or a count: "increments on
  // every clock", "keeps sampling during reset" and "three clock edges" give no role.
  const role = '(?:the |a |an |its |this )?(?:(?!(?:on|in|after|before|per|every|each|of|for|to|by|with|from|at|than|during|while|until|under|one|two|three|four)\\b)[a-z-]+,? ){0,3}';
  const notClock = '(?![- ](?:enable|edges?|cycles?|frequency|period|domains?|rate|ticks?|count))';
  const notReset = '(?![- ](?:request|value|values|state|cause|counter|pulse|output|generator|controller|sequence|logic|tree|domain))';
  const asClock = new RegExp(`^${role}clock\\b${notClock}|\\b(?:is|as) ${role}clock\\b${notClock}`).test(body) && !/^(?:counts?|divides?|gates?|enables?|marks?|flags?|signals?|indicates?|qualif(?:y|ies)|pulses?)\b/.test(body);
  const asReset = new RegExp(`^${role}reset\\b${notReset}|\\b(?:is|as) ${role}reset\\b${notReset}`).test(body) && !/^(?:clears?|holds?|counts?)\b/.test(body);
  // A design with no clock or no reset at all (its architectures known) has none to give x either.
  if (asClock && (g.clocks.length || archsKnown(g)) && !g.clocks.some((c) => c.signal.toLowerCase() === x) && !g.unknownConnections.has(x)) {
    return `\`${x}\` is not a clock (${g.clocks.length ? `clock${g.clocks.length > 1 ? 's' : ''}: ${g.clocks.map((c) => c.signal).join(', ')}` : 'the design has none'})`;
  }
  const reset = g.resets.find((r) => r.signal.toLowerCase() === x);
  if (asReset && !reset && (g.resets.length || archsKnown(g)) && !g.unknownConnections.has(x)) return `\`${x}\` is not a reset (${g.resets.length ? `reset${g.resets.length > 1 ? 's' : ''}: ${g.resets.map((r) => r.signal).join(', ')}` : 'the design has none'})`;
  if (asReset && reset) return resetKindRefuted(reset, body);
  return undefined;
}

/** Words after "clock" that are not its name: "the clock period is ...", "each clock cycle". */
const CLOCK_WORDS = new Set(['the', 'a', 'an', 'its', 'each', 'every', 'period', 'periods', 'cycle', 'cycles', 'edge', 'edges', 'enable', 'enables', 'domain', 'domains', 'frequency', 'rate', 'tick', 'ticks']);

/** Whether the context has architecture facts to count in (not a package's or a bare entity's). */
function archsKnown(g: GroundingContext): boolean {
  return g.hasFsm !== undefined;
}

/** The first fact the sentence contradicts, or undefined. */
function contradiction(s: string, g: GroundingContext): string | undefined {
  const low = s.toLowerCase();
  const named = g.subject ? identifierCandidates(s) : [];
  if (g.subject && named.length === 0) {
    const c = subjectContradiction(s, low, g);
    if (c) return c;
  } else if (g.subject) {
    // A hover or doc comment that opens on a role before it names anything speaks of its subject there:
    // "A synchronous, active-high reset that returns to `IDLE` ..." of a port that is no reset.
    const body = withoutMarkers(low);
    const cut = Math.min(...[body.indexOf('`'), ...named.map((n) => body.search(new RegExp(`(?<![a-z0-9_])${n.toLowerCase()}(?![a-z0-9_])`)))].filter((i) => i >= 0));
    const c = Number.isFinite(cut) && cut > 0 ? roleContradiction(g.subject, body.slice(0, cut).trim(), g) : undefined;
    if (c) return c;
  }
  // The interface layout: "`x` (in std_logic): clock; ..." / "`x` is an input (std_logic): ...": the
  // description is the role of `x`, and the design's clock or reset described as something else is wrong.
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s*(?:is an? (?:input|output)\s*\([^)]*\)|\((?:in|out|inout|buffer)\b[^)]*\))\s*:\s*([^;.]*)/g)) {
    const [, x, desc] = m;
    const said = roleContradiction(x, desc.trim(), g);
    if (said) return said;
    if (g.unknownConnections.has(x) || !desc.trim()) continue;
    if (g.clocks.some((c) => c.signal.toLowerCase() === x) && !/\bclock|\bclk\b/.test(desc)) return `\`${x}\` is the clock`;
    const reset = g.resets.find((r) => r.signal.toLowerCase() === x);
    if (reset && !/\breset|\bclear|\binit|synchronous|\bactive[- ](?:low|high)/.test(desc)) return `\`${x}\` is the reset`;
    const kind = reset && resetKindRefuted(reset, desc);
    if (kind) return kind;
  }
  // "`x` is the clock", "`load` the clock", "`std_logic` the reset": a name given a role it does not
  // have; not "the clock frequency", "the reset request" (another noun follows), nor an output, which
  // may be a clock the design makes ("`clk_out` the divided clock").
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s+(?:is\s+)?(?:the|its|an?)\s+((?:[a-z-]+,?\s+){0,3}(?:clock|reset))(?=\s*(?:[.,;:)]|$)|\s+(?:signal|input|port|line|pin|net|of|for|that|which|to|with|when|from|in|on|active|asynchronous|synchronous|is|it|all)\b)/g)) {
    const is = g.declared.get(m[1]);
    if (is && (is.has('out') || is.has('buffer') || is.has('inout'))) continue;
    // "`tick` is a pulse once per clock": the clock there is not what `tick` is.
    if (/\b(?:per|of|in|from|for|on|to|after|before|with|each|every|once|by|at|than|into)\b/.test(m[2])) continue;
    const c = roleContradiction(m[1], m[2], g);
    if (c) return c;
  }
  // "`clk` and `rst` are clock and reset": each its role, and not one name for both.
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s+and\s+`([a-z][a-z0-9_]*)`\s+are\s+(?:the\s+)?(clock|reset)\s+and\s+(?:the\s+)?(clock|reset)\b/g)) {
    if (m[3] === m[4]) return `\`${m[1]}\` and \`${m[2]}\` cannot be the ${m[3]} and the ${m[4]}`;
    const c = roleContradiction(m[1], m[3], g) ?? roleContradiction(m[2], m[4], g);
    if (c) return c;
  }
  // The interface layout says what each input is: "`rst` (in std_logic): read clock, ..." of a reset.
  // (Inputs only: an output called a clock is one the design makes, which clocks nothing inside it.)
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s*\(\s*in\s[^)]*\)\s*:\s*([^;`]*)/g)) {
    const c = roleContradiction(m[1], m[2].trim(), g);
    if (c) return c;
  }
  // Clocks and edges.
  const clockNames = new Set(g.clocks.map((c) => c.signal.toLowerCase().replace(/\s*\(.*$/, '')));
  // ("on each enabled clock `q` takes `d`": a clock there is a clock cycle, not a signal.)
  for (const m of low.matchAll(/(?:clocked (?:by|on)|(?:rising|falling|positive|negative) edges? of|(?<!\b(?:each|every|enabled|per|one|next|first|last|\d+) )clock (?:input|signal|is|named)?)\s*`?([a-z][a-z0-9_]*)`?/g)) {
    const name = m[1];
    if (g.identifiers.has(name) && clockNames.size && !clockNames.has(name) && !g.unknownConnections.has(name) && !CLOCK_WORDS.has(name)) {
      return `\`${name}\` is not a clock here (clock${clockNames.size > 1 ? 's' : ''}: ${[...clockNames].join(', ')})`;
    }
  }
  const saysRising = /\b(rising|positive)[- ]edge|\brising_edge\b/.test(low);
  const saysFalling = /\b(falling|negative)[- ]edge|\bfalling_edge\b/.test(low);
  if (saysRising !== saysFalling) {
    const said = saysRising ? 'rising' : 'falling';
    // A testbench's stimulus may change on either edge of the clock its design under test uses.
    const edged = g.waits ? g.clocks.filter((c: DomainClock) => !c.instances) : g.clocks;
    const clocks = edged.filter((c) => mentioned(s, [c.signal.toLowerCase()]).length);
    const scope = clocks.length ? clocks : edged.length && g.clockingKnown && (/\bclock|\bclk/.test(low)) && new Set(edged.map((c) => c.edge)).size === 1 ? edged : [];
    if (scope.length && scope.every((c) => c.edge !== said)) return `the clock \`${scope[0].signal}\` is used on its ${scope[0].edge} edge, not ${said}`;
  }
  // The design as a whole: "no clock", "purely combinational", "no reset" against the facts, and
  // clocking or reset claims about a design that has none.
  const clocked = g.clocks.length > 0;
  const aboutAnInstance = mentioned(s, g.instances).length > 0;
  if (clocked && !aboutAnInstance && /\b(no|without( a| any)?) clocks?\b|\b(design|block|entity|module|circuit|architecture|package|it) is (purely|entirely|fully|only) combinational\b|\bhas no (clock|registers?)\b|\bno (registers|flip[- ]flops)\b/.test(low)) {
    return `the design is clocked (clock${g.clocks.length > 1 ? 's' : ''}: ${g.clocks.map((c) => c.signal).join(', ')})`;
  }
  // "A 32-bit combinational barrel shifter ..." opening the explanation of a design with clocked processes.
  if (g.clockedProcesses > 0 && !aboutAnInstance && /^\s*an?\s+(?:[a-z0-9-]+\s+){0,3}combinational\s+(?!logic|path|part|decod|function|process|output)[a-z]/.test(withoutMarkers(low)) && !/regist|clocked|pipelin|flip[- ]flop|sequential/.test(low)) {
    return `the design is clocked (${g.clockedProcesses} clocked process${g.clockedProcesses === 1 ? '' : 'es'})`;
  }
  if (g.resets.length && !aboutAnInstance && /\b(there is|has|with|without) no reset\b|\bno reset\b|\bwithout (a |any )?reset\b/.test(low) && !mentioned(s, g.resets.map((r) => r.signal.toLowerCase())).length) {
    return `the design has a reset (${g.resets.map((r) => r.signal).join(', ')})`;
  }
  if (!clocked && !g.registers.size && g.clockingKnown && !aboutAnInstance && /\b(clocked (on|by)|(rising|falling) edge of|every register|all registers)\b/.test(low) && !/\bno (clock|registers?)\b|\bnot clocked\b/.test(low)) {
    return 'the design has no clocked process';
  }
  if (!g.resets.length && g.clockingKnown && !aboutAnInstance && /\b(an? |the )?(synchronous|asynchronous|active[- ](low|high)) reset\b|\breset (is|acts) (synchronous|asynchronous|active)/.test(low) && !/\bno reset\b/.test(low)) {
    return 'the design has no reset';
  }
  // A reset named by its kind or level only: every reset of the design must fit the claim.
  if (g.resets.length && g.clockingKnown && /\breset\b/.test(low) && !mentioned(s, g.resets.map((r) => r.signal.toLowerCase())).length) {
    const sync = /(^|[^a-z])synchronous(ly)?\b/.test(low.replace(/asynchronous(ly)?/g, ''));
    const async = /asynchronous(ly)?\b/.test(low);
    if (sync !== async) {
      const said = async ? 'async' : 'sync';
      if (g.resets.every((r) => r.kind !== said)) return `the reset${g.resets.length > 1 ? 's are' : ' is'} ${said === 'async' ? 'synchronous' : 'asynchronous'} (${g.resets.map((r) => r.signal).join(', ')})`;
    }
    const saysLow = /active[- ]low/.test(low);
    const saysHigh = /active[- ]high/.test(low);
    if (saysLow !== saysHigh) {
      if (g.resets.every((r) => isActiveLow(r) !== saysLow)) return `the reset${g.resets.length > 1 ? 's are' : ' is'} active ${saysLow ? 'high' : 'low'} (${g.resets.map((r) => r.signal).join(', ')})`;
    }
  }
  // Resets: kind and level.
  for (const r of g.resets) {
    if (!mentioned(s, [r.signal.toLowerCase()]).length) continue;
    const refuted = resetKindRefuted(r, low);
    if (refuted) return refuted;
  }
  for (const m of low.matchAll(/(?:reset(?: input| signal)?(?: is| named)?|reset by)\s+`([a-z][a-z0-9_]*)`/g)) {
    if (g.resets.length && !g.resets.some((r) => r.signal.toLowerCase() === m[1]) && g.identifiers.has(m[1]) && !g.unknownConnections.has(m[1])) {
      return `\`${m[1]}\` is not a reset here (reset${g.resets.length > 1 ? 's' : ''}: ${g.resets.map((r) => r.signal).join(', ')})`;
    }
  }
  // "A two-process style" / "one-process state machine" of a design written otherwise.
  // With a space, only where it names the style: "written by one process and read by the other" does not.
  const style = /\b(one|single|two)-process\b|\b(?:a|as a|in a)\s+(single|two)\s+process(?:es)?\b|\b(one|single|two)\s+process\s+(?:style|state machine|fsm|design|form|description)\b/.exec(low);
  if (style && archsKnown(g) && !aboutAnInstance) {
    const said = (style[1] ?? style[2] ?? style[3]) === 'two' ? 'two-process' : 'one-process';
    const fits = g.fsmStyles.size ? g.fsmStyles.has(said) : said === 'two-process' ? g.processes === 2 : g.processes === 1;
    if (!fits) return `the design is not written in the ${said} style`;
  }
  // How many clocked processes: "A single clocked process." of a design with none or with three.
  const counted = /\b(a single|one|only one|two|three|four|five|six) clocked process(es)?\b/.exec(low);
  if (counted && archsKnown(g) && !aboutAnInstance && !/\beach\b|\bper\b|\banother\b|\bthe other\b/.test(low)) {
    const n = { 'a single': 1, one: 1, 'only one': 1, two: 2, three: 3, four: 4, five: 5, six: 6 }[counted[1]]!;
    if (n !== g.clockedProcesses) return `the design has ${g.clockedProcesses || 'no'} clocked process${g.clockedProcesses === 1 ? '' : 'es'}`;
  }
  // Roles: combinational said of a register, registered said of combinational logic.
  for (const n of mentioned(s, g.registers)) {
    if (roleSaid(low, n) === 'combinational') return `\`${n}\` is a register (clocked), not combinational`;
  }
  for (const n of mentioned(s, g.combinational)) {
    if (roleSaid(low, n) === 'registered') return `\`${n}\` is combinational, not a register`;
  }
  // "`i_rst_n` is the signed register": an input port is no register of this design.
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s+(?:is|are)\s+(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}?(?:register|flip[- ]flop)\b/g)) {
    const is = g.declared.get(m[1]);
    if (is?.has('in') && !is.has('inout') && !NOT_A_ROLE.test(low.slice(m.index! + m[0].length))) return `\`${m[1]}\` is an input port, not a register`;
  }
  // Drivers: "`p` drives `x`", "`x` is driven by `p`", "`x` is assigned in `p`".
  const pairs: [string, string][] = [];
  for (const m of low.matchAll(/`?([a-z][a-z0-9_]*)`?\s+(?:drives|assigns|updates|writes)\s+`([a-z][a-z0-9_]*)`/g)) pairs.push([m[1], m[2]]);
  for (const m of low.matchAll(/`([a-z][a-z0-9_]*)`\s+is\s+(?:driven|assigned|written|updated)\s+(?:by|in)\s+(?:the\s+)?(?:process\s+)?`([a-z][a-z0-9_]*)`/g)) pairs.push([m[2], m[1]]);
  for (const [driver, target] of pairs) {
    const d = g.drivers.get(target);
    if (!d || !g.labels.has(driver)) continue;
    if (!d.has(driver)) return `\`${driver}\` does not drive \`${target}\`${d.size ? ` (driven by ${[...d].join(', ')})` : ''}`;
  }
  return undefined;
}

/** The reason a sentence fails the check, or undefined when it passes. */
export function checkSentence(s: string, g: GroundingContext): string | undefined {
  if (!s.trim() || /^#+\s/.test(s.trim())) return undefined;
  const body = withoutMarkers(s).trim();
  if (!body) return undefined;
  const words = (body.match(/[A-Za-z][A-Za-z0-9_']*/g) ?? []).map((w) => w.toLowerCase());
  if (words.length < 3) return 'a fragment, not a sentence';
  if (!/[.!?:;)`'"*]$/.test(body)) return 'not a complete sentence';
  if (words.length >= 8 && new Set(words).size / words.length < 0.45) return 'repeats itself';
  const u = unreadable(s);
  if (u) return `unreadable: ${u}`;
  if ((s.match(/`/g) ?? []).length % 2) return 'an unclosed `code` quote: the text broke off';
  const broken = brokenText(body);
  if (broken) return broken;
  const nonWord = notAWord(body, g);
  if (nonWord) return `unreadable: "${nonWord}" is not a word`;
  if (!/^[A-Z0-9`"'(\[*_|<>-]/.test(body)) return 'does not start like a sentence: a fragment';
  for (const w of identifierCandidates(s)) {
    const low = w.toLowerCase();
    if (g.identifiers.has(low) || WELL_KNOWN.has(low) || STANDARD_PROSE.has(low) || RESERVED.has(low)) continue;
    // Attribute-style and element-style uses: `cnt'high`, `bus.valid` were cut to the base already.
    return `\`${w}\` is not a name in the design`;
  }
  // Upper-case words outside backticks are how prose names states and constants (IDLE -> START).
  for (const m of s.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']').matchAll(/\b[A-Z][A-Z0-9_]{2,}\b/g)) {
    const low = m[0].toLowerCase();
    if (g.identifiers.has(low) || g.words.has(low) || ACRONYMS.has(low.replace(/\d+$/, '')) || WELL_KNOWN.has(low) || STANDARD_PROSE.has(low) || /^[0-9a-f]+$/.test(low)) continue;
    return `\`${m[0]}\` is not a name in the design`;
  }
  for (const m of s.matchAll(DESIGN_KIND_RE)) {
    const k = m[1].toLowerCase();
    if (!g.words.has(k) && !g.words.has(k + 's') && !g.words.has(k + 'r') && ![...g.words].some((w) => w.startsWith(k))) {
      return `the design never mentions ${m[1].toUpperCase() === m[1] ? m[1] : `"${m[1]}"`}: a kind of design its text does not support`;
    }
  }
  const detail = unsupportedDetail(body, g.words);
  if (detail) return `the design never mentions "${detail}": a detail its text does not support`;
  const size = unsupportedSize(body, g.numbers);
  if (size) return `"${size}": the design has no such number`;
  if (!g.hasFunctions && /\b(the|all|its|these|pure|impure) functions?\b/i.test(body)) return 'the design declares no functions';
  for (const m of body.matchAll(/\bsuffix(?:ed)?(?: with)?\s+`?(_[a-z0-9_]+)`?/gi)) {
    const suffix = m[1].toLowerCase();
    const objects = [...g.drivers.keys()];   // signals, ports and variables (not labels: `p_next` is a process)
    if (objects.length && !objects.some((n) => n.endsWith(suffix))) return `no signal of the design ends in ${m[1]}`;
  }
  if (g.hasFsm === false && /\b(state machine|fsm)\b/i.test(s) && !/\bno (state machine|fsm)\b|\bnot an? (state machine|fsm)\b/i.test(body) && !/^\s*\*\*state machine\.\*\*\s*(none|there is none|no )/i.test(s)) {
    return 'the facts found no state machine in the design';
  }
  return declarationClaim(s, g.declared) ?? standardNameAsObject(s, g.declared, g.architectures) ?? (g.interface && interfaceClaim(s, g.interface)) ?? contradiction(s, g) ?? unitClaim(body, g);
}

/** "A package of requesters." said of an entity: the model describing the wrong kind of unit. */
function unitClaim(body: string, g: GroundingContext): string | undefined {
  if (g.unit === 'entity' && /^(?:an?|the|this)\s+(?:\w+\s+)?package\b|\b(?:is|as)\s+an?\s+(?:\w+\s+)?package\b/i.test(body) && !/\bpackage\s+`/i.test(body)) {
    return 'the design is an entity, not a package';
  }
  if (g.unit === 'package' && /^(?:an?|the|this)\s+(?:\w+\s+)?(?:entity|module|block)\b|\b(?:is|as)\s+an?\s+(?:\w+\s+)?(?:entity|module)\b/i.test(body)) {
    return 'the design is a package, not an entity';
  }
  return undefined;
}

/**
 * Checks a model's text as it streams, sentence by sentence: `push` returns the text that passed
 * and can be shown now (complete sentences only), `end` the rest. What it returns, concatenated,
 * is the final grounded text, so a panel that shows the stream shows exactly the checked answer.
 */
export class StreamingGrounder {
  private pending = '';
  private lineHasText = false;
  private newlines = 0;
  private marker = '';
  private emittedAny = false;
  /** Names the interface layout has described so far: a second description of one is the model looping. */
  private readonly described = new Set<string>();
  /** Sentences seen so far (lower case, without Markdown markers): one said again is the model looping. */
  private readonly said = new Set<string>();
  readonly verdict: GroundingVerdict = { ok: true, dropped: [], reasons: [] };

  constructor(private readonly g: GroundingContext) {}

  /** Adds model text; returns the checked text that is complete so far. */
  push(delta: string): string {
    this.pending += delta;
    // Complete up to the last line end or the last sentence end followed by the start of another.
    let cut = this.pending.lastIndexOf('\n') + 1;
    const re = /[.!?]\s+(?=[A-Z`*"'(\[])/g;
    for (let m = re.exec(this.pending); m; m = re.exec(this.pending)) if (m.index + m[0].length > cut) cut = m.index + m[0].length;
    if (cut <= 0) return '';
    const done = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return this.take(done, false);
  }

  /** The checked rest of the text, when the model has finished. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return this.take(rest, true);
  }

  /** Whether any text passed so far. */
  get passedAny(): boolean {
    return this.emittedAny;
  }

  /** "`din` (in std_logic): write enable." after "`din` (in std_logic): advance enable.". */
  private describedAgain(s: string): string | undefined {
    const names = [...s.toLowerCase().matchAll(/`([a-z][a-z0-9_]*)`\s*(?:is\s+an?\s+(?:input|output)\s*)?\(\s*(?:in|out|inout|buffer|generic|std_u?logic|signed|unsigned)\b/g)].map((m) => m[1]);
    const again = names.find((n) => this.described.has(n));
    if (again) return `describes \`${again}\` a second time`;
    for (const n of names) this.described.add(n);
    return undefined;
  }

  /** "`rst` is the reset. `rst` is the reset.": a sentence the answer already has. */
  private saidAgain(s: string): string | undefined {
    const key = withoutMarkers(s.toLowerCase()).replace(/\s+/g, ' ').trim();
    if (this.said.has(key)) return 'says again what an earlier sentence said';
    this.said.add(key);
    return undefined;
  }

  private take(text: string, last: boolean): string {
    let out = '';
    const parts = sentences(text);
    // sentences() ends every line with a newline marker; the last one is not real unless the text ends with one.
    if (!text.endsWith('\n') && parts[parts.length - 1] === '\n') parts.pop();
    for (let s of parts) {
      if (s === '\n') {
        if (this.lineHasText || this.newlines > 0) {
          if (this.newlines < 2 && this.emittedAny) out += '\n';
          this.newlines++;
        }
        this.lineHasText = false;
        this.marker = '';
        continue;
      }
      if (!s.trim()) continue;
      const why = checkSentence(s, this.g) ?? this.describedAgain(s) ?? this.saidAgain(s);
      if (why) {
        this.verdict.ok = false;
        this.verdict.dropped.push(s.trim());
        this.verdict.reasons.push(why);
        // Keep a leading Markdown marker (`- `, `**Purpose.**`) for the next sentence of the line.
        const m = /^(\s*(?:[-*]|\d+\.)\s+)?(\*\*[^*]+\*\*)?/.exec(s);
        if (!this.lineHasText && m && m[0].trim()) this.marker = m[0].trimEnd() + ' ';
        continue;
      }
      // Links the model writes go nowhere safe: keep their text, except links back to source lines.
      s = s.replace(/\[([^\]]*)\]\((?!line:\d+(?:-\d+)?\))[^)]*\)/g, '$1');
      const piece = (this.lineHasText ? ' ' : this.marker) + (this.lineHasText ? s.trim() : s.replace(/\s+$/, '').replace(/^\s+/, this.marker ? '' : (/^\s*/.exec(s)?.[0] ?? '')));
      out += piece;
      this.marker = '';
      this.lineHasText = true;
      this.newlines = 0;
      this.emittedAny = true;
    }
    if (last) out = out.replace(/\s+$/, '');
    return out;
  }
}

/** Checks a whole text at once (the same rules and result as streaming it). */
export function ground(text: string, g: GroundingContext): GroundedText {
  const s = new StreamingGrounder(g);
  const out = s.push(text) + s.end();
  return { text: out.replace(/\s+$/, ''), verdict: s.verdict };
}

/** Merges verdicts of several checked pieces into one. */
export function mergeVerdicts(vs: GroundingVerdict[]): GroundingVerdict {
  return { ok: vs.every((v) => v.ok), dropped: vs.flatMap((v) => v.dropped), reasons: vs.flatMap((v) => v.reasons) };
}
