// Whether a word of prose is English (or the hardware English of the explanations the default model
// learns from): the grounding check drops text with words that are none ("a gate orbarse frequency").
import { LEXICON_WORDS } from './lexiconWords';

let words: Set<string> | undefined;

/** The lexicon, decoded from its front-coded form on first use (about 74,000 words). */
function lexicon(): Set<string> {
  if (words) return words;
  words = new Set();
  let prev = '';
  for (const item of LEXICON_WORDS.split(' ')) {
    const w = prev.slice(0, Number(item[0])) + item.slice(1);
    words.add(w);
    prev = w;
  }
  return words;
}

const PREFIXES = ['de', 're', 'un', 'pre', 'non', 'sub', 'multi', 'inter', 'over', 'under', 'co', 'bi', 'tri', 'semi', 'post', 'mis', 'self', 'auto', 'mid', 'up', 'down', 'out', 'in'];

/** The word, or what it may be built from: inflections, British spellings, a prefix. */
function forms(w: string): string[] {
  const out = [w];
  const strip = (suffix: string, ...adds: string[]) => {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) for (const a of adds) out.push(w.slice(0, -suffix.length) + a);
  };
  strip('s', '');
  strip('es', '');
  strip('ies', 'y');
  strip('ed', '', 'e');
  strip('ing', '', 'e');
  strip('ly', '', 'le');
  strip('er', '', 'e');
  strip('ers', '', 'e');
  strip('ness', '');
  strip('able', '', 'e');
  strip('ity', '', 'e');
  // Doubled consonants: "stopped", "mappable", British "signalled".
  for (const s of ['ed', 'ing', 'er', 'able']) if (w.length > s.length + 3 && w.endsWith(s) && w.at(-s.length - 1) === w.at(-s.length - 2)) out.push(w.slice(0, -s.length - 1));
  // British spellings: -ise/-isation, -our, -re.
  for (const x of [...out]) {
    out.push(x.replace(/is(e|ed|es|ing|er|ers|ation|ations)$/, 'iz$1'), x.replace(/our(s?)$/, 'or$1'), x.replace(/([^aeiou])re(s?)$/, '$1er$2'), x.replace(/ll(ed|ing|er)$/, 'l$1'));
  }
  return out;
}

/** Whether `word` (letters only, any case) is English, alone or after a common prefix. */
export function isEnglishWord(word: string): boolean {
  const w = word.toLowerCase();
  const lex = lexicon();
  if (forms(w).some((f) => lex.has(f))) return true;
  for (const p of PREFIXES) {
    if (w.length - p.length >= 3 && w.startsWith(p) && forms(w.slice(p.length)).some((f) => lex.has(f))) return true;
  }
  return false;
}
