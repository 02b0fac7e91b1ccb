// Part of the grounding check: what a sentence says a name *is* ("`len` (generic natural ...)",
// "`valid` is an output", "the input `clk`") must match its declaration: a generic, a port of that
// direction, a signal. Small models fill the interface layout of their training answers with the
// wrong names; these sentences name real things and are still wrong.
import { interfaceMode } from '../analysis/facts/interfaces';
import type { SourceFile } from '../analysis/sourceFile';
import { STANDARD_NAMES } from '../analysis/standardNames';
import { FIRST_KEYWORD, LAST_KEYWORD, TokenKind } from '../syntax/tokenKind';

/** Lower-case name -> what it is declared as: `generic`, `signal`, `constant`, `variable`, `port`, and the port's mode. */
export type DeclaredKinds = Map<string, Set<string>>;

/** The interface modes a port is declared with. */
export const MODES: readonly string[] = ['in', 'out', 'inout', 'buffer', 'linkage'];

/** A port's modes among `kinds`: "out", "in/out". */
export function modesOf(kinds: Set<string>): string {
  return MODES.filter((m) => kinds.has(m)).join('/');
}

/** VHDL's reserved words (lower case): quoted, they name a construct (`process`), never a declaration. */
export const RESERVED_WORDS = new Set(
  Array.from({ length: LAST_KEYWORD - FIRST_KEYWORD + 1 }, (_, i) => TokenKind[FIRST_KEYWORD + i].slice(0, -2).toLowerCase()),
);

/** What each name of `files` is declared as. */
export function declaredKinds(files: SourceFile[]): DeclaredKinds {
  const out: DeclaredKinds = new Map();
  const add = (name: string, kind: string) => {
    const s = out.get(name) ?? new Set<string>();
    s.add(kind);
    out.set(name, s);
  };
  for (const f of files) {
    for (const d of f.scopes.declarations) {
      if (d.kind === 'port') {
        add(d.name, 'port');
        add(d.name, interfaceMode(d.node));
      } else if (['generic', 'signal', 'constant', 'variable', 'parameter'].includes(d.kind)) {
        add(d.name, d.kind);
      } else if (d.kind === 'type' || d.kind === 'subtype') {
        add(d.name, 'type');
      }
    }
  }
  return out;
}

const WORD_MODE: Record<string, string[]> = {
  input: ['in', 'inout'],
  output: ['out', 'buffer', 'inout'],
  bidirectional: ['inout'],
};

/** The standard types (STD.STANDARD, IEEE.STD_LOGIC_1164, IEEE.NUMERIC_STD): a type named as a port is no port. */
const STANDARD_TYPES = new Set([
  'bit', 'bit_vector', 'boolean', 'boolean_vector', 'character', 'integer', 'integer_vector', 'natural', 'positive', 'real',
  'real_vector', 'string', 'time', 'time_vector', 'std_logic', 'std_logic_vector', 'std_ulogic', 'std_ulogic_vector',
  'signed', 'unsigned', 'ufixed', 'sfixed', 'float',
]);

/** Words after "(in" that make it English ("(in the process)") rather than a port's mode. */
const NOT_A_TYPE = /^(the|a|an|this|that|its|each|every|which|both|all|any|case|order|reset|process|parallel|practice|turn|use|other|one|two)$/;

/** The interface layout's items in `low` (lower case): "`x` (generic positive, ...)", "`x` (in std_logic)". */
function layoutItems(low: string): { name: string; kind: string }[] {
  const out: { name: string; kind: string }[] = [];
  for (const m of low.matchAll(/`([^`]+)`\s*\(\s*(generic|in|out|inout|buffer)\b\s*`?([a-z_][a-z0-9_]*)?/g)) {
    if (m[2] !== 'generic' && (!m[3] || NOT_A_TYPE.test(m[3]))) continue;
    out.push({ name: m[1].trim(), kind: m[2] });
  }
  return out;
}

/** Libraries and packages a design names in its context clause, and the usual IEEE functions. */
export const LIBRARY_NAMES = new Set([
  'ieee', 'std', 'work', 'standard', 'textio', 'env', 'std_logic_1164', 'numeric_std', 'numeric_bit', 'numeric_std_unsigned',
  'std_logic_arith', 'std_logic_unsigned', 'std_logic_signed', 'std_logic_textio', 'math_real', 'math_complex',
  'fixed_pkg', 'float_pkg', 'fixed_generic_pkg', 'float_generic_pkg',
]);
const IEEE_FUNCTIONS = new Set([
  'resize', 'to_integer', 'to_unsigned', 'to_signed', 'rising_edge', 'falling_edge', 'shift_left', 'shift_right',
  'rotate_left', 'rotate_right', 'to_stdlogicvector', 'to_stdulogicvector', 'to_bitvector', 'to_01', 'std_match', 'conv_integer', 'conv_std_logic_vector',
]);

/**
 * "`ieee` is the result", "`natural` is the input width", "`signed` is high": a library, package,
 * standard type or function given an object's part, which only the design's own names can have; so
 * is an architecture's name ("`rtl` is high"), but for what a body is ("`rtl` is the architecture").
 */
export function standardNameAsObject(sentence: string, declared: DeclaredKinds, architectures: Set<string> = new Set()): string | undefined {
  const low = sentence.toLowerCase();
  for (const m of low.matchAll(/`([a-z_][a-z0-9_]*)`\s+(?:is|are)\s+(?:(high|low|set|asserted|cleared|zero|one|sampled|registered|reset|\d)|(?:the|a|an)\s+([a-z-]+))/g)) {
    const n = m[1];
    if (declared.has(n)) continue;
    if (architectures.has(n)) {
      if (/^[^.;:]{0,40}?\b(architecture|implementation|body|description|model|version|structural|behaviou?ral|rtl)\b/.test(low.slice(m.index! + m[0].length - (m[3]?.length ?? 0)))) continue;
      return `\`${n}\` is the architecture's name, not an object of the design`;
    }
    if (!(LIBRARY_NAMES.has(n) || STANDARD_TYPES.has(n) || IEEE_FUNCTIONS.has(n))) continue;
    if (m[3] && /^(type|subtype|package|library|standard|function|conversion|resolved|predefined|ieee|vhdl|base|element|index|unconstrained|constrained|usual|common)/.test(m[3])) continue;
    return `\`${n}\` is a standard name (a library, package, type or function), not an object of the design`;
  }
  return undefined;
}

/**
 * The interface layout of "Explain this entity" lists the entity's own generics and ports: a testbench
 * has none, though the ports of its design under test are declared in the same file.
 */
export function interfaceClaim(sentence: string, iface: { entity: string; ports: Set<string>; generics: Set<string> }): string | undefined {
  for (const c of layoutItems(sentence.toLowerCase())) {
    const base = /^[a-z][a-z0-9_]*/.exec(c.name)?.[0];
    if (!base) continue;
    const own = c.kind === 'generic' ? iface.generics : iface.ports;
    if (!own.has(base)) return `\`${base}\` is not a ${c.kind === 'generic' ? 'generic' : 'port'} of \`${iface.entity}\`${own.size ? '' : ` (it has no ${c.kind === 'generic' ? 'generics' : 'ports'})`}`;
  }
  return undefined;
}

/** The reason a sentence misstates what a name is declared as, or undefined. */
export function declarationClaim(sentence: string, declared: DeclaredKinds): string | undefined {
  if (declared.size === 0) return undefined;
  const low = sentence.toLowerCase();
  const claims: { name: string; kinds: string[]; said: string }[] = [];
  // The interface layout: "`x` (generic positive, ...)", "`x` (in std_logic)".
  for (const c of layoutItems(low)) claims.push({ name: c.name, kinds: [c.kind], said: c.kind === 'generic' ? 'a generic' : `an \`${c.kind}\` port` });
  // Prose: "`x` is an input", "the output `x`", "the generic `x`".
  // Only where the word ends the phrase: "`sync` is the input synchroniser" says nothing about a port.
  for (const m of low.matchAll(/`([^`]+)`\s+is\s+(?:an?\s+|the\s+)?(input|output|bidirectional|generic)(?=\s*[(.,;:]|\s+(?:port|of|that|which|and|to|from|in)\b|\s*$)/g)) {
    claims.push({ name: m[1].trim(), kinds: WORD_MODE[m[2]] ?? ['generic'], said: m[2] === 'generic' ? 'a generic' : `an ${m[2]}` });
  }
  for (const m of low.matchAll(/\b(?:the\s+)?(input|output|generic)s?\s+(?:port\s+)?`([^`]+)`/g)) {
    claims.push({ name: m[2].trim(), kinds: WORD_MODE[m[1]] ?? ['generic'], said: m[1] === 'generic' ? 'a generic' : `an ${m[1]}` });
  }
  // "(default 8)" describes a generic: the name whose description it ends, the last one quoted before it in
  // its clause as a description's subject ("`DATA_W` is the data width (default 32) and `SHAMT_W` the width of
  // the shift amount (default 5)"; "`HALF` is the number of `clk` cycles per ... (default 4)" describes
  // `HALF`), not "`clk` is the odd ratio (default 50000)".
  for (const m of low.matchAll(/\(default\b/g)) {
    const clause = low.slice(0, m.index).split(';').at(-1)!;
    const last = [...clause.matchAll(/`([a-z][a-z0-9_]*)`,?\s+(?:(?:is|are|sets|gives)\s+)?(?:the|a|an)\s/g)].at(-1);
    if (last) claims.push({ name: last[1], kinds: ['generic'], said: 'a generic (given a default)' });
  }
  // A type in the interface layout's place of a name: "`std_logic` (2 of the operand)".
  for (const m of low.matchAll(/(?:^|[.;:]\s+|\*\*\s*)`([a-z_][a-z0-9_]*)`\s*(?:\(|,\s*`|and\s+`)/g)) {
    if (STANDARD_TYPES.has(m[1]) && !declared.has(m[1])) return `\`${m[1]}\` is a type, not a port or generic`;
    if ((IEEE_FUNCTIONS.has(m[1]) || LIBRARY_NAMES.has(m[1])) && !declared.has(m[1])) return `\`${m[1]}\` is a standard name (a library, package, type or function), not a port or generic`;
    if (declared.get(m[1])?.has('type') && declared.get(m[1])!.size === 1) return `\`${m[1]}\` is a type, not a port or generic`;
  }
  for (const c of claims) {
    // `o"01"`, `x"ff"`, `'1'`, `16#ff#`: a value, not a name.
    if (/^(?:\d*[box]?"[^"]*"|'.'|\d[\d_.#a-f]*)$/.test(c.name.trim())) return `\`${c.name}\` is called ${c.said}, but it is a literal`;
    const base = /^[a-z][a-z0-9_]*/.exec(c.name)?.[0];
    if (!base) return `\`${c.name}\` is called ${c.said}, but it is not a name`;
    const is = declared.get(base) ?? (STANDARD_TYPES.has(base) ? new Set(['type']) : undefined);
    // A reserved word cannot be declared: `in` or `return` called a port is no name at all.
    if (!is && RESERVED_WORDS.has(base)) return `\`${c.name}\` is called ${c.said}, but it is a reserved word, not a name`;
    // A standard name the design does not declare: "`to_integer` (generic positive ...)".
    if (!is && STANDARD_NAMES.has(base)) return `\`${base}\` is called ${c.said}, but it is a standard name, not one of the design's`;
    if (!is) continue; // not declared in these files (the name check decides about it)
    if (c.kinds.some((k) => is.has(k))) continue;
    return `\`${base}\` is called ${c.said}, but it is ${describe(is)}`;
  }
  return undefined;
}

function describe(kinds: Set<string>): string {
  if (kinds.has('port')) return `a port of mode ${modesOf(kinds) || 'in'}`;
  const k = [...kinds][0];
  return `a ${k}`;
}
