// Claim-constrained decoding: phrases the caller's facts refute about a name are never written in a
// sentence about that name. A small model given "`rst` (synchronous, active high)" in its prompt
// still wrote "`rst` (in std_logic): asynchronous reset, active high." in 5 of 40 held-out answers
// (session 8); with `rst`'s refutations ("asynchronous", "active low"), the engine takes the model's
// next choice instead.
//
// The scanner reads the answer character by character, as the name constraint does:
// - a sentence is about the refutations' name written last in it (a whole word, any case, quoted or
//   a bare word in a name's shape: `rst`, `RST`, rst_n), else about the caller's subject (a hover's
//   object), until a `code` quote names something else (`rst` clears `cnt`, which ...); a sentence
//   ends at a newline or at blank space after "." or ";";
// - while a sentence is about a name, none of that name's phrases may be completed where a word
//   starts ("synchronous" is refuted in "synchronous" but not inside "asynchronous"), nor one of its
//   whole words where the word ends ("(in" but not "(index").

import { CAMEL_CASE_WORD, SNAKE_CASE_WORD } from './nameConstraint';

/** Phrases the facts refute about one name. */
export interface Refutation {
  /** The name (a clock, a reset, a port): matched as a whole word, case-insensitive. */
  name: string;
  /** What the answer may not say of it ("asynchronous", "active low"): matched case-insensitively from a word's start. */
  phrases: string[];
  /**
   * Whole words or phrases it may not be called, refuted only where the word ends: "(in" refutes
   * "(in std_logic)" but not "(index width)". A piece (a token) that ends right after one counts as
   * ending it: a tokenizer writes "index" as one piece, not "in" then "dex".
   */
  words?: string[];
  /** The name is what a sentence is about only in a `code` quote, never as a bare word (a type: "(in std_logic)"). */
  quotedOnly?: boolean;
  /**
   * Words that, written earlier in the sentence, lift the refutation (matched case-insensitively
   * anywhere: "releas" lets "asserted asynchronously and released synchronously" through).
   */
  unless?: string[];
}

export interface ClaimState {
  /** The name (lower case) the sentence is about so far, or '' when it names none. */
  subject: string;
  /** The identifier word in progress. */
  word: string;
  /** The sentence's text since the subject was named (lower case, the longest phrase's length at most). */
  tail: string;
  /** The sentence so far (lower case, its last MAX_SENTENCE characters), for `unless`. */
  sentence: string;
  /** The last character read. */
  prev: string;
  /** Outside a `code` quote (0), inside one before its first word ends (1), or after it (2). */
  quote: 0 | 1 | 2;
}

export const CLAIM_START: ClaimState = { subject: '', word: '', tail: '', sentence: '', prev: '\n', quote: 0 };

/** How much of a sentence `unless` looks back on. */
const MAX_SENTENCE = 400;

const IDENT_CHAR = /[A-Za-z0-9_]/;
const LETTER = /[a-z]/;

export class ClaimConstraint {
  /** Per name (lower case): each refuted phrase, whether it must end a word, and the words that lift it. */
  private readonly phrases = new Map<string, { phrase: string; whole: boolean; unless: string[] }[]>();
  /** Names (lower case) a bare word in a name's shape may name too. */
  private readonly bare = new Set<string>();
  private readonly longest: number;

  /** What a sentence is about until it names another (lower case): a hover's object with refutations, or ''. */
  private readonly about: string;

  /**
   * @param about the name every sentence is about until it names another (a hover's or doc
   *   comment's object: "Synchronous reset, active high." names nothing)
   */
  constructor(refutations: Iterable<Refutation>, about = '') {
    let longest = 1;
    for (const r of refutations) {
      const name = r.name.toLowerCase();
      if (!r.quotedOnly) this.bare.add(name);
      const list = this.phrases.get(name) ?? [];
      const unless = (r.unless ?? []).map((u) => u.toLowerCase()).filter((u) => u.trim() !== '');
      for (const [p, whole] of [...r.phrases.map((p) => [p, false] as const), ...(r.words ?? []).map((w) => [w, true] as const)]) {
        const phrase = p.toLowerCase();
        if (phrase.trim() === '') continue;
        list.push({ phrase, whole, unless });
        longest = Math.max(longest, phrase.length + 1);
      }
      this.phrases.set(name, list);
    }
    this.longest = longest;
    this.about = this.phrases.has(about.toLowerCase()) ? about.toLowerCase() : '';
  }

  /** The state before the answer's first character. */
  start(): ClaimState {
    return { ...CLAIM_START, subject: this.about };
  }

  /** The state after `piece`, or undefined when `piece` completes a refuted phrase. */
  advance(state: ClaimState, piece: string): ClaimState | undefined {
    let { subject, word, tail, sentence, prev, quote } = state;
    let ending = false; // a whole refuted word was just written: refuted unless the word goes on
    for (const c of piece) {
      if (ending) {
        if (!IDENT_CHAR.test(c)) return undefined;
        ending = false;
      }
      if ((/\s/.test(c) && /[.;]/.test(prev)) || c === '\n') {
        subject = this.about;
        tail = '';
        sentence = '';
      }
      sentence = (sentence + c.toLowerCase()).slice(-MAX_SENTENCE);
      if (IDENT_CHAR.test(c)) {
        word += c;
      } else if (word) {
        const w = word.toLowerCase();
        // Quoted, or a bare word in a name's shape (rst_n): a bare `time` or `data` is English.
        if (this.phrases.has(w) && (quote !== 0 || (this.bare.has(w) && (SNAKE_CASE_WORD.test(word) || CAMEL_CASE_WORD.test(word))))) {
          subject = w;
          tail = '';
        } else if (quote === 1) {
          subject = ''; // the sentence goes on about another name
          tail = '';
        }
        if (quote === 1) quote = 2;
        word = '';
      }
      if (c === '`') quote = quote ? 0 : 1;
      prev = c;
      if (!subject) continue;
      tail = (tail + c.toLowerCase()).slice(-this.longest);
      for (const { phrase, whole, unless } of this.phrases.get(subject)!) {
        if (!tail.endsWith(phrase)) continue;
        const before = tail[tail.length - phrase.length - 1];
        // A phrase starts a word: the subject's own name, blank space or punctuation before it, never a letter.
        if (before !== undefined && LETTER.test(before) && LETTER.test(phrase[0])) continue;
        if (unless.some((u) => sentence.slice(0, -phrase.length).includes(u))) continue;
        if (!whole) return undefined;
        ending = true;
      }
    }
    return ending ? undefined : { subject, word, tail, sentence, prev, quote };
  }
}

/** Refutations as the result cache's key holds them: case and order do not change what they refute. */
export function refutationsKey(refutations: Refutation[]): unknown[] {
  const low = (xs: string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase()).sort();
  return refutations
    .map((r) => ({ name: r.name.toLowerCase(), phrases: low(r.phrases), words: low(r.words), unless: low(r.unless), quotedOnly: !!r.quotedOnly }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
