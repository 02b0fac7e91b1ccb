// Name-constrained decoding: a name the answer writes in `code` quotes (or as a bare snake_case
// word) can only be one of the names the caller gave, so a small model cannot invent identifiers.
//
// The check runs on token texts, character by character, through a tiny scanner of the answer:
//   plain ──`──> quoted ──`──> plain          `cnt`, `state'high`, `(others => '0')`
// An empty quote (``) is not allowed: it pairs the backticks after it the wrong way.
// Inside a quote, every word must stay a prefix of a known name while it grows and be a whole known
// name once anything else follows it, or, after the quote's first word, one of the caller's quote
// words (the language's reserved words of expressions: `cnt(3 downto 0)` passes, `shift_reg is the
// input` and `downto` alone do not); literals (`'1'`, x"FF", 16#FF#) are free; a word after a dot
// (`r.state`) is a name too, one after a name's tick a predefined attribute (`cnt'high`, not
// `integer's`); a number does not run into a word (`1aturate`); a quote may not start with blank
// space or punctuation other than a literal's or an expression's, nor run past MAX_QUOTE characters. In plain text only words with an inner `_` or
// with digits are held to the list (prose words never are). A name may be spelled as given, in lower case or in upper case.
// This is the same notion of "a name" as the server's grounding check, which still runs afterwards.

/**
 * The rules' revision, part of the result cache's key: an answer written under older rules (an
 * invented record field after a dot, session 8) is not served from the cache once they change.
 */
export const NAME_CONSTRAINT_RULES = 6;

export interface ScanState {
  mode: 'plain' | 'quoted';
  /** Quoted mode: the text after the opening backtick. Plain mode: the identifier word in progress. */
  text: string;
}

export const START: ScanState = { mode: 'plain', text: '' };

const IDENT_CHAR = /[A-Za-z0-9_]/;
/**
 * Plain-text words that are names in the shape they are written, whichever text they stand in (the
 * grounding check's identifier candidates use the same): snake_case (`a_b`) and camelCase
 * (`dataValid`, not `Data` or `FIFO`).
 */
export const SNAKE_CASE_WORD = /[A-Za-z0-9]_[A-Za-z0-9]/;
export const CAMEL_CASE_WORD = /^[a-z]{2,}[A-Z][A-Za-z]*$/;

/** The predefined attributes (LRM 16.2): what a tick after a name in a `code` quote may name. */
export const PREDEFINED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'base', 'left', 'right', 'high', 'low', 'ascending', 'length', 'range', 'reverse_range', 'image', 'value', 'pos', 'val', 'succ',
  'pred', 'leftof', 'rightof', 'event', 'active', 'last_event', 'last_active', 'last_value', 'driving', 'driving_value', 'stable',
  'quiet', 'transaction', 'delayed', 'simple_name', 'instance_name', 'path_name', 'element', 'subtype', 'converse', 'designated_subtype', 'index',
]);
const ATTRIBUTE_PREFIXES = new Set([...PREDEFINED_ATTRIBUTES].flatMap((a) => [...a].map((_, i) => a.slice(0, i + 1))));

/** The longest quote: a name or an expression (`cnt(WIDTH - 1 downto 0)`), never a sentence. */
const MAX_QUOTE = 60;
/** The longest string literal in a quote (`"IDLE"`, `"0101"`), never a sentence. */
const MAX_STRING = 16;
/** A bit-string literal's characters by base (VHDL-2008 lets metavalues in: `b"ZZ--"`). */
const BIT_STRING: Record<string, RegExp> = {
  b: /^[01_XZUWLHxzuwlh-]*$/,
  o: /^[0-7_XZxz-]*$/,
  x: /^[0-9A-Fa-f_XZxz-]*$/,
  d: /^[0-9_]*$/,
};

/**
 * What no quoted expression holds: a statement end, a colon but `:=`, two dots (three are left to the
 * rule on a sentence's punctuation), brackets or braces, an empty list item. Still being written, a
 * quote may end on `:` (`:=` to come) or `..`.
 */
const NOT_AN_EXPRESSION = /;|:(?!=)|[[\]{}]|,\s*[,)]|\(\s*[,)]|(?<!\.)\.\.(?!\.)/;
const NOT_AN_EXPRESSION_YET = /;|:(?!=|$)|[[\]{}]|,\s*[,)]|\(\s*[,)]|(?<!\.)\.\.(?!\.|$)/;

export class NameConstraint {
  private readonly names: Set<string>;
  private readonly prefixes = new Set<string>();
  /** Words a quote may use after its first word (`downto`, `others`), and their prefixes. */
  private readonly inner = new Set<string>();
  private readonly innerPrefixes = new Set<string>();

  /**
   * @param names the allowed names; each may be written as given, in lower case or in upper case
   *   (VHDL does not care, but a reader would: `NAtural` is not how anyone spells `natural`)
   * @param quoteWords words a quote may also use, but not as its first word (`cnt(3 downto 0)`;
   *   offered as names, a small model quoted `NAND` and `downto` as if they were signals)
   */
  constructor(names: Iterable<string>, quoteWords: Iterable<string> = []) {
    const given = [...names];
    this.names = new Set(given.map((n) => n.toLowerCase()));
    for (const n of given) {
      for (const form of new Set([n, n.toLowerCase(), n.toUpperCase()])) for (let i = 1; i <= form.length; i++) this.prefixes.add(form.slice(0, i));
    }
    for (const w of quoteWords) {
      this.inner.add(w.toLowerCase());
      for (const form of new Set([w.toLowerCase(), w.toUpperCase()])) for (let i = 1; i <= form.length; i++) this.innerPrefixes.add(form.slice(0, i));
    }
  }

  /** The state after `piece`, or undefined when `piece` breaks the rule. */
  advance(state: ScanState, piece: string): ScanState | undefined {
    let { mode, text } = state;
    for (const c of piece) {
      if (mode === 'plain') {
        if (IDENT_CHAR.test(c)) {
          if (text === '' && !/[A-Za-z]/.test(c)) continue; // a name starts at a letter: `8bit_x` holds `bit_x`
          text += c;
          if (this.heldWord(text) && !this.prefixes.has(text)) return undefined;
          continue;
        }
        if (this.heldWord(text) && !this.names.has(text.toLowerCase())) return undefined;
        if (c === '`') mode = 'quoted';
        text = '';
        continue;
      }
      // quoted
      if (c === '`') {
        if (!this.quotedOk(text, true)) return undefined;
        mode = 'plain';
        text = '';
        continue;
      }
      text += c;
      if (!this.quotedOk(text, false)) return undefined;
    }
    return { mode, text };
  }

  /**
   * Whether the text may end in `state`: not inside a held word that is no whole name yet, nor
   * inside a quote whose text is not an allowed quote (an answer that stops on `SYNC_F` would leave
   * a name that is only the start of one).
   */
  canEnd(state: ScanState): boolean {
    if (state.mode === 'plain') return !this.heldWord(state.text) || this.names.has(state.text.toLowerCase());
    return this.quotedOk(state.text, true);
  }

  /**
   * Plain-text words held to the list, as the grounding check picks them: an inner underscore
   * (`a_b`), camelCase (`dataValid`, not `Data` or `FIFO`), or letters and digits mixed in four
   * characters or more (`taps32`, not `x2` or `8n`).
   */
  private heldWord(w: string): boolean {
    if (SNAKE_CASE_WORD.test(w) || CAMEL_CASE_WORD.test(w)) return true;
    return w.length >= 4 && /\d/.test(w) && !/^[A-Za-z]{1,2}\d+$/.test(w);
  }

  /**
   * Whether the quoted text so far can still be (closing: is) an allowed quote: a name or an
   * expression whose every word is a known name or, after the first, a quote word
   * (`cnt(WIDTH - 1 downto 0)`), its literals free (`'1'`, `x"FF"`, `16#FF#`, `"0101"`), a word
   * after a dot a name or `all` (`r.state`), one after a name's tick a predefined attribute
   * (`cnt'high`). A word still being written must be
   * the start of a name; once anything follows it, a whole one. It does not end with a blank, nor
   * hold a sentence's punctuation (". ", "; ", ": ").
   */
  private quotedOk(text: string, closing: boolean): boolean {
    // A quote starts right after its backtick: ` 11` is how a quote pairs with the wrong backtick
    // (the rest of the sentence then reads as code), never how a name or literal is written.
    if (/^\s/.test(text) || text.length > MAX_QUOTE || (closing && (text === '' || /\s$/.test(text)))) return false;
    // A quote is one line: no VHDL literal or expression quoted in prose runs across a line break
    // (`D".` then a new paragraph would otherwise read as a bit-string literal still being written).
    if (text.includes('\n')) return false;
    // Its first character starts a name, a literal or an expression (not `. There is no reset: ...`,
    // prose that a stray backtick turned into a quote).
    if (text !== '' && !/^[A-Za-z'"(\d+-]/.test(text)) return false;
    // Literals out of the way (an unfinished one runs to the end of the text).
    let open = false;   // a string or bit-string literal not closed yet: a quote cannot end inside one
    let prose = false;  // a literal holding prose: `o" into the counter. When ...`
    const body = text
      .replace(/(?:\b\d*[uUsS]?([xXbBoOdD]))?"[^"]*("|$)/g, (m, base: string | undefined, end: string, at: number) => {
        open ||= end === '';
        // A bit string holds its base's digits (`x"0F"`, `b"01_10"`, `b"ZZ--"`), a string a few
        // characters (`"IDLE"`, `"0101"`) and follows no name (`POSITIVE"Bout.everity state is av"`).
        const content = m.slice(m.indexOf('"') + 1, m.length - end.length);
        prose ||= base ? !BIT_STRING[base.toLowerCase()].test(content) : /\w/.test(text[at - 1] ?? '') || !/^[\w .-]*$/.test(content) || content.length > MAX_STRING;
        return ' '.repeat(m.length);
      })
      .replace(/'[^']'/g, '   ')
      .replace(/\b\d[\d_]*#[0-9A-Fa-f_.]*#?/g, (m) => ' '.repeat(m.length));
    // A sentence's punctuation is prose, not code: `positive or abs. ` ran past its end. Nor does a
    // quote close on a dot or a tick that selects nothing (`fall_pulse.`).
    if (prose || /[.;:]\s/.test(body) || (closing && /[.']$/.test(body))) return false;
    // No name starts with an underscore (`din(integer:_Write`).
    if (/(?<!\w)_/.test(body)) return false;
    // An expression's structure (none of the experts' 5,877 quotes breaks it): no statement end or
    // declaration colon (`5-1 downto 0))));else;`, `X"BA3".:`; `:=` is an assignment), no two dots
    // (`0 ..S-1`; VHDL has no `..`), no brackets or braces, no empty list item
    // (`400) and,,,`), and its parentheses nest: none closes what was not opened, and the quote
    // closes with none open.
    if ((closing ? NOT_AN_EXPRESSION : NOT_AN_EXPRESSION_YET).test(body)) return false;
    let depth = 0;
    for (const ch of body) {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth < 0) return false;
    }
    if (closing && depth > 0) return false;
    // A number runs into no word (`1aturate`, `0x0`, `7_r`): only into an exponent (`1e6`), or, still
    // being written, into what may become a sized bit-string literal (`8x` of 8x"FF").
    for (const m of body.matchAll(/(?<!\w)\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d*)?/g)) {
      const rest = body.slice(m.index + m[0].length);
      if (/^\w/.test(rest) && !(!closing && /^[uUsS]?[xXbBoOdD]?$/.test(rest))) return false;
    }
    for (const m of body.matchAll(/(?<!\w)[A-Za-z][A-Za-z0-9_]*/g)) {
      const w = m[0];
      const growing = !closing && m.index + w.length === body.length;
      const before = body.slice(0, m.index);
      if (before.endsWith("'")) {
        // After a name's tick, an attribute (`cnt'high`); after anything else the tick opens a
        // character literal, still being written (`'a` of 'a'): `integer's`, `:'spuT` are neither.
        const lower = w.toLowerCase();
        const attribute = /[\w)]'$/.test(before) && (growing ? ATTRIBUTE_PREFIXES.has(lower) : PREDEFINED_ATTRIBUTES.has(lower));
        if (!attribute && !(growing && w.length === 1 && !/[\w)]'$/.test(before))) return false;
        continue;
      }
      const first = m.index === 0;
      const name = growing ? this.prefixes.has(w) : this.names.has(w.toLowerCase()) && this.prefixes.has(w);
      // After a dot, a record's field or a selected name (`r.state`, `work.pkg.all`): a name, or `all`.
      const selected = before.endsWith('.') && (growing ? 'all'.startsWith(w.toLowerCase()) : w.toLowerCase() === 'all');
      const word = !first && !before.endsWith('.') && (growing ? this.innerPrefixes.has(w) : this.inner.has(w.toLowerCase()) && this.innerPrefixes.has(w));
      // `x` may still become the bit-string literal x"FF".
      if (!name && !word && !selected && !(growing && /^[xXbBoOdD]$/.test(w))) return false;
    }
    return !(closing && open);
  }
}

/**
 * The text each token id adds when it follows other text. Decoding a token alone can lose its leading
 * space (SentencePiece decoders strip it at the start), so each is decoded after an anchor token and
 * the anchor's own text is cut off.
 */
export function tokenPieces(vocabSize: number, decode: (ids: number[]) => string, anchor: number): string[] {
  const head = decode([anchor]);
  const out = new Array<string>(vocabSize);
  for (let id = 0; id < vocabSize; id++) {
    const both = decode([anchor, id]);
    out[id] = both.startsWith(head) ? both.slice(head.length) : decode([id]);
  }
  return out;
}
