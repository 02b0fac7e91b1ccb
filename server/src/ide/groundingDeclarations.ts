// Part of the grounding check: what a sentence says a name *is* ("`len` (generic natural ...)",
// "`valid` is an output", "the input `clk`") must match its declaration: a generic, a port of that
// direction, a signal. Small models fill the interface layout of their training answers with the
// wrong names; these sentences name real things and are still wrong.
import { interfaceMode } from '../analysis/facts/interfaces';
import type { SourceFile } from '../analysis/sourceFile';
import { FIRST_KEYWORD, LAST_KEYWORD, TokenKind } from '../syntax/tokenKind';

/** Lower-case name -> what it is declared as: `generic`, `signal`, `constant`, `variable`, `port`, and the port's mode. */
export type DeclaredKinds = Map<string, Set<string>>;

const MODES = ['in', 'out', 'inout', 'buffer', 'linkage'];

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

/** Words after "(in" that make it English ("(in the process)") rather than a port's mode. */
const NOT_A_TYPE = /^(the|a|an|this|that|its|each|every|which|both|all|any|case|order|reset|process|parallel|practice|turn|use|other|one|two)$/;

/** The reason a sentence misstates what a name is declared as, or undefined. */
export function declarationClaim(sentence: string, declared: DeclaredKinds): string | undefined {
  if (declared.size === 0) return undefined;
  const low = sentence.toLowerCase();
  const claims: { name: string; kinds: string[]; said: string }[] = [];
  // The interface layout: "`x` (generic positive, ...)", "`x` (in std_logic)".
  for (const m of low.matchAll(/`([^`]+)`\s*\(\s*(generic|in|out|inout|buffer)\b\s*`?([a-z_][a-z0-9_]*)?/g)) {
    if (m[2] !== 'generic' && (!m[3] || NOT_A_TYPE.test(m[3]))) continue;
    claims.push({ name: m[1].trim(), kinds: m[2] === 'generic' ? ['generic'] : [m[2]], said: m[2] === 'generic' ? 'a generic' : `an \`${m[2]}\` port` });
  }
  // Prose: "`x` is an input", "the output `x`", "the generic `x`".
  // Only where the word ends the phrase: "`sync` is the input synchroniser" says nothing about a port.
  for (const m of low.matchAll(/`([^`]+)`\s+is\s+(?:an?\s+|the\s+)?(input|output|bidirectional|generic)(?=\s*[(.,;:]|\s+(?:port|of|that|which|and|to|from|in)\b|\s*$)/g)) {
    claims.push({ name: m[1].trim(), kinds: WORD_MODE[m[2]] ?? ['generic'], said: m[2] === 'generic' ? 'a generic' : `an ${m[2]}` });
  }
  for (const m of low.matchAll(/\b(?:the\s+)?(input|output|generic)s?\s+(?:port\s+)?`([^`]+)`/g)) {
    claims.push({ name: m[2].trim(), kinds: WORD_MODE[m[1]] ?? ['generic'], said: m[1] === 'generic' ? 'a generic' : `an ${m[1]}` });
  }
  for (const c of claims) {
    const base = /^[a-z][a-z0-9_]*/.exec(c.name)?.[0];
    if (!base) return `\`${c.name}\` is called ${c.said}, but it is not a name`;
    const is = declared.get(base);
    // A reserved word cannot be declared: `in` or `return` called a port is no name at all.
    if (!is && RESERVED_WORDS.has(base)) return `\`${c.name}\` is called ${c.said}, but it is a reserved word, not a name`;
    if (!is) continue; // not declared in these files (the name check decides about it)
    if (c.kinds.some((k) => is.has(k))) continue;
    return `\`${base}\` is called ${c.said}, but it is ${describe(is)}`;
  }
  return undefined;
}

function describe(kinds: Set<string>): string {
  if (kinds.has('port')) return `a port of mode ${MODES.filter((m) => kinds.has(m)).join('/') || 'in'}`;
  const k = [...kinds][0];
  return `a ${k}`;
}
