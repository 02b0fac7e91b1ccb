// The VHDL lexer: text -> flat token arrays (kinds and start offsets), every byte in some token.
import { TokenKind as T, keywordKind } from './tokenKind';
import type { SyntaxDiagnostic } from './diagnostics';

/** Tokens as parallel arrays: token i spans [starts[i], starts[i + 1]). The last token is Eof (empty). */
export interface LexedText {
  kinds: Uint8Array;
  starts: Int32Array;
  count: number;
  diagnostics: SyntaxDiagnostic[];
}

// Character classes, indexed by char code < 256.
const C_OTHER = 0, C_LETTER = 1, C_DIGIT = 2, C_SPACE = 3, C_UNDERSCORE = 4;
const charClass = new Uint8Array(256);
for (let c = 65; c <= 90; c++) charClass[c] = charClass[c + 32] = C_LETTER;
for (let c = 0xc0; c <= 0xff; c++) if (c !== 0xd7 && c !== 0xf7) charClass[c] = C_LETTER;
for (let c = 48; c <= 57; c++) charClass[c] = C_DIGIT;
for (const c of [9, 10, 11, 12, 13, 32, 0xa0]) charClass[c] = C_SPACE;
charClass[95] = C_UNDERSCORE;

function cls(c: number): number {
  return c < 256 ? charClass[c] : c === 0xfeff ? C_SPACE : C_OTHER;
}
function isExtendedDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 95;
}

/** Is text[start, end) a bit-string base specifier (b o x d ub uo ux sb so sx, any case)? */
function isBaseSpecifier(text: string, start: number, end: number): boolean {
  const len = end - start;
  let c = text.charCodeAt(end - 1) | 32;
  if (c !== 98 && c !== 111 && c !== 120 && c !== 100) return false; // b o x d
  if (len === 1) return true;
  if (len !== 2 || c === 100) return false;
  c = text.charCodeAt(start) | 32;
  return c === 117 || c === 115; // u s
}

export function lex(text: string): LexedText {
  const lx = new Lexer(text);
  lx.run();
  return { kinds: lx.kinds, starts: lx.starts, count: lx.count, diagnostics: lx.diagnostics };
}

/** State lives in fields (not closure variables) so the hot loop stays fast. */
class Lexer {
  readonly n: number;
  i = 0;
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  readonly diagnostics: SyntaxDiagnostic[] = [];
  // Last significant kind, to tell a character literal from an attribute tick: after a name or `)`
  // a `'` is a tick (`a'length`, `t'('0')`), elsewhere `'x'` is a character literal.
  lastSig: T = T.Eof;

  constructor(readonly text: string) {
    this.n = text.length;
    const cap = Math.min(this.n + 2, 1024 + (this.n >> 1));
    this.kinds = new Uint8Array(cap);
    this.starts = new Int32Array(cap + 1);
  }

  push(kind: T, start: number): void {
    if (this.count === this.kinds.length) this.grow();
    this.kinds[this.count] = kind;
    this.starts[this.count++] = start;
    if (kind > T.Unknown) this.lastSig = kind;
  }
  grow(): void {
    const cap = this.kinds.length * 2;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    const s = new Int32Array(cap + 1);
    s.set(this.starts);
    this.starts = s;
  }
  error(code: SyntaxDiagnostic['code'], message: string, start: number, end: number): void {
    this.diagnostics.push({ code, message, start, end });
  }

  run(): void {
    const text = this.text;
    const n = this.n;
    const noCR = text.indexOf('\r') < 0;
    let i = 0;
    while (i < n) {
      const start = i;
      const c = text.charCodeAt(i);
      const k = c < 256 ? charClass[c] : cls(c);
      if (k === C_SPACE) {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if ((d < 256 ? charClass[d] : cls(d)) !== C_SPACE) break;
          i++;
        }
        this.push(T.Whitespace, start);
        continue;
      }
      if (k === C_LETTER) {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          const dk = d < 256 ? charClass[d] : C_OTHER;
          if (dk !== C_LETTER && dk !== C_DIGIT && dk !== C_UNDERSCORE) break;
          i++;
        }
        if (i < n && text.charCodeAt(i) === 34 /* " */ && isBaseSpecifier(text, start, i)) {
          i = this.stringBody(i, T.BitStringLiteral, start);
          continue;
        }
        this.push(keywordKind(text, start, i), start);
        continue;
      }
      if (k === C_DIGIT) {
        i = this.number(i);
        continue;
      }
      const c1 = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      let kind: T;
      let len = 1;
      switch (c) {
        case 45: // -
          if (c1 === 45) {
            if (noCR) {
              // Comments are a large share of real files: let the native search find the line end.
              const e = text.indexOf('\n', i + 2);
              i = e < 0 ? n : e;
            } else {
              i += 2;
              while (i < n) {
                const d = text.charCodeAt(i);
                if (d === 10 || d === 13) break;
                i++;
              }
            }
            this.push(T.LineComment, start);
            continue;
          }
          kind = T.Minus;
          break;
        case 47: // /
          if (c1 === 42) {
            const close = text.indexOf('*/', i + 2);
            if (close < 0) {
              i = n;
              this.error('syntax/unterminated-comment', "unterminated comment: '/*' without '*/'", start, start + 2);
            } else i = close + 2;
            this.push(T.BlockComment, start);
            continue;
          }
          if (c1 === 61) { kind = T.SlashEq; len = 2; } else kind = T.Slash;
          break;
        case 34: // "
        case 37: // % (replacement string delimiter)
          i = this.stringBody(i, T.StringLiteral, start);
          continue;
        case 92: // \ extended identifier
          i = this.stringBody(i, T.ExtendedIdentifier, start);
          continue;
        case 39: // '
          if (i + 2 < n && text.charCodeAt(i + 2) === 39 && !this.tickContext() && c1 !== 10) {
            kind = T.CharacterLiteral;
            len = 3;
          } else kind = T.Tick;
          break;
        case 96: // ` tool directive
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 10 || d === 13) break;
            i++;
          }
          this.push(T.ToolDirective, start);
          continue;
        case 38: kind = T.Ampersand; break;
        case 40: kind = T.LParen; break;
        case 41: kind = T.RParen; break;
        case 42: if (c1 === 42) { kind = T.DoubleStar; len = 2; } else kind = T.Star; break;
        case 43: kind = T.Plus; break;
        case 44: kind = T.Comma; break;
        case 46: kind = T.Dot; break;
        case 58: if (c1 === 61) { kind = T.ColonEq; len = 2; } else kind = T.Colon; break;
        case 59: kind = T.Semicolon; break;
        case 60: // <
          if (c1 === 61) { kind = T.LtEq; len = 2; }
          else if (c1 === 62) { kind = T.Box; len = 2; }
          else if (c1 === 60) { kind = T.LtLt; len = 2; }
          else kind = T.Lt;
          break;
        case 61: if (c1 === 62) { kind = T.Arrow; len = 2; } else kind = T.Eq; break;
        case 62: // >
          if (c1 === 61) { kind = T.GtEq; len = 2; }
          else if (c1 === 62) { kind = T.GtGt; len = 2; }
          else kind = T.Gt;
          break;
        case 124: case 33: kind = T.Bar; break;
        case 91: kind = T.LBracket; break;
        case 93: kind = T.RBracket; break;
        case 94: kind = T.Caret; break;
        case 64: kind = T.At; break;
        case 63: { // ?
          const c2 = i + 2 < n ? text.charCodeAt(i + 2) : 0;
          if (c1 === 63) { kind = T.QQ; len = 2; }
          else if (c1 === 61) { kind = T.QEq; len = 2; }
          else if (c1 === 47 && c2 === 61) { kind = T.QSlashEq; len = 3; }
          else if (c1 === 60) { if (c2 === 61) { kind = T.QLtEq; len = 3; } else { kind = T.QLt; len = 2; } }
          else if (c1 === 62) { if (c2 === 61) { kind = T.QGtEq; len = 3; } else { kind = T.QGt; len = 2; } }
          else kind = T.Question;
          break;
        }
        default: {
          // Unknown characters: one token per run, one diagnostic per run.
          i++;
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d < 256 && (charClass[d] !== C_OTHER || isDelimiterStart(d))) break;
            if (d === 0xfeff) break;
            i++;
          }
          this.push(T.Unknown, start);
          this.error('syntax/invalid-character', 'invalid character', start, i);
          continue;
        }
      }
      this.push(kind, start);
      i += len;
    }
    this.push(T.Eof, n);
    this.starts[this.count] = n;
  }

  tickContext(): boolean {
    const k = this.lastSig;
    return k === T.Identifier || k === T.ExtendedIdentifier || k === T.RParen || k === T.RBracket || k === T.AllKw || k === T.StringLiteral;
  }

  /** A string-like token from the delimiter at text[q]; doubled delimiters stand for themselves. */
  stringBody(q: number, kind: T, start: number): number {
    const text = this.text, n = this.n;
    const delim = text.charCodeAt(q);
    let j = q + 1;
    for (;;) {
      if (j >= n) break;
      const d = text.charCodeAt(j);
      if (d === 10 || d === 13) break;
      j++;
      if (d === delim) {
        if (j < n && text.charCodeAt(j) === delim) {
          j++;
          continue;
        }
        this.push(kind, start);
        return j;
      }
    }
    this.error('syntax/unterminated-literal', kind === T.ExtendedIdentifier ? 'unterminated extended identifier' : 'unterminated string literal', start, j);
    this.push(kind, start);
    return j;
  }

  /** Decimal, based (16#FF#, 2#1.0#E3) and length-prefixed bit-string (12UX"F0") literals. */
  number(q: number): number {
    const text = this.text, n = this.n;
    const start = q;
    let j = q;
    while (j < n && (cls(text.charCodeAt(j)) === C_DIGIT || text.charCodeAt(j) === 95)) j++;
    const d = j < n ? text.charCodeAt(j) : 0;
    if (d === 35 /* # */ || (d === 58 /* : */ && j + 1 < n && isExtendedDigit(text.charCodeAt(j + 1)) && this.hasClosing(j, 58))) {
      const close = d;
      j++;
      const digitsStart = j;
      while (j < n && (isExtendedDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      if (j < n && text.charCodeAt(j) === close && j > digitsStart) {
        j++;
        j = this.exponent(j);
      } else {
        this.error('syntax/malformed-literal', "based literal without its closing '#'", start, j);
      }
      this.push(T.AbstractLiteral, start);
      return j;
    }
    if (cls(d) === C_LETTER) {
      // 12UX"F0": a length-prefixed bit-string literal.
      let e = j;
      while (e < n && cls(text.charCodeAt(e)) === C_LETTER) e++;
      if (e < n && text.charCodeAt(e) === 34 && e - j <= 2 && isBaseSpecifier(text, j, e)) return this.stringBody(e, T.BitStringLiteral, start);
    }
    if (d === 46 && j + 1 < n && cls(text.charCodeAt(j + 1)) === C_DIGIT) {
      j++;
      while (j < n && (cls(text.charCodeAt(j)) === C_DIGIT || text.charCodeAt(j) === 95)) j++;
    }
    j = this.exponent(j);
    this.push(T.AbstractLiteral, start);
    return j;
  }
  exponent(j: number): number {
    const text = this.text, n = this.n;
    if (j < n && (text.charCodeAt(j) | 32) === 101) {
      let e = j + 1;
      const s = e < n ? text.charCodeAt(e) : 0;
      if (s === 43 || s === 45) e++;
      if (e < n && cls(text.charCodeAt(e)) === C_DIGIT) {
        while (e < n && (cls(text.charCodeAt(e)) === C_DIGIT || text.charCodeAt(e) === 95)) e++;
        return e;
      }
    }
    return j;
  }
  hasClosing(j: number, ch: number): boolean {
    for (let e = j + 1; e < this.n && e < j + 80; e++) {
      const x = this.text.charCodeAt(e);
      if (x === ch) return true;
      if (!isExtendedDigit(x) && x !== 46) return false;
    }
    return false;
  }
}

const DELIMITER_START = new Uint8Array(256);
for (const ch of '&\'()*+,-./:;<=>|![]?^@"%\\`') DELIMITER_START[ch.charCodeAt(0)] = 1;
function isDelimiterStart(c: number): boolean {
  return DELIMITER_START[c] === 1;
}
