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
function isWordChar(c: number): boolean {
  const k = cls(c);
  return k === C_LETTER || k === C_DIGIT || k === C_UNDERSCORE;
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
  const n = text.length;
  let cap = Math.min(n + 2, 1024 + (n >> 2));
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap + 1);
  let count = 0;
  const diagnostics: SyntaxDiagnostic[] = [];
  // Last significant kind, to tell a character literal from an attribute tick: after a name or `)`
  // a `'` is a tick (`a'length`, `t'('0')`), elsewhere `'x'` is a character literal.
  let lastSig: T = T.Eof;

  function push(kind: T, start: number): void {
    if (count === cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(cap + 1);
      s.set(starts);
      starts = s;
    }
    kinds[count] = kind;
    starts[count++] = start;
    if (kind > T.Unknown) lastSig = kind;
  }
  function error(code: SyntaxDiagnostic['code'], message: string, start: number, end: number): void {
    diagnostics.push({ code, message, start, end });
  }

  let i = 0;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    const k = cls(c);
    if (k === C_SPACE) {
      i++;
      while (i < n && cls(text.charCodeAt(i)) === C_SPACE) i++;
      push(T.Whitespace, start);
      continue;
    }
    if (k === C_LETTER) {
      i++;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      if (i < n && text.charCodeAt(i) === 34 /* " */ && isBaseSpecifier(text, start, i)) {
        i = stringBody(i, T.BitStringLiteral, start);
        continue;
      }
      push(keywordKind(text, start, i), start);
      continue;
    }
    if (k === C_DIGIT) {
      i = number(i);
      continue;
    }
    const c1 = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    switch (c) {
      case 45: // -
        if (c1 === 45) {
          i += 2;
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 10 || d === 13) break;
            i++;
          }
          push(T.LineComment, start);
        } else single(T.Minus);
        continue;
      case 47: // /
        if (c1 === 42) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0) {
            i = n;
            error('syntax/unterminated-comment', "unterminated comment: '/*' without '*/'", start, start + 2);
          } else i = close + 2;
          push(T.BlockComment, start);
        } else if (c1 === 61) double(T.SlashEq);
        else single(T.Slash);
        continue;
      case 34: // "
        i = stringBody(i, T.StringLiteral, start);
        continue;
      case 37: // % (replacement string delimiter)
        i = stringBody(i, T.StringLiteral, start);
        continue;
      case 92: // \ extended identifier
        i = stringBody(i, T.ExtendedIdentifier, start);
        continue;
      case 39: // '
        if (i + 2 < n && text.charCodeAt(i + 2) === 39 && !tickContext() && text.charCodeAt(i + 1) !== 10) {
          i += 3;
          push(T.CharacterLiteral, start);
        } else single(T.Tick);
        continue;
      case 96: // ` tool directive
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
        push(T.ToolDirective, start);
        continue;
      case 38: single(T.Ampersand); continue;
      case 40: single(T.LParen); continue;
      case 41: single(T.RParen); continue;
      case 42: if (c1 === 42) double(T.DoubleStar); else single(T.Star); continue;
      case 43: single(T.Plus); continue;
      case 44: single(T.Comma); continue;
      case 46: single(T.Dot); continue;
      case 58: if (c1 === 61) double(T.ColonEq); else single(T.Colon); continue;
      case 59: single(T.Semicolon); continue;
      case 60: // <
        if (c1 === 61) double(T.LtEq);
        else if (c1 === 62) double(T.Box);
        else if (c1 === 60) double(T.LtLt);
        else single(T.Lt);
        continue;
      case 61: if (c1 === 62) double(T.Arrow); else single(T.Eq); continue;
      case 62: // >
        if (c1 === 61) double(T.GtEq);
        else if (c1 === 62) double(T.GtGt);
        else single(T.Gt);
        continue;
      case 124: case 33: single(T.Bar); continue;
      case 91: single(T.LBracket); continue;
      case 93: single(T.RBracket); continue;
      case 94: single(T.Caret); continue;
      case 64: single(T.At); continue;
      case 63: { // ?
        const c2 = i + 2 < n ? text.charCodeAt(i + 2) : 0;
        if (c1 === 63) double(T.QQ);
        else if (c1 === 61) double(T.QEq);
        else if (c1 === 47 && c2 === 61) { i += 3; push(T.QSlashEq, start); }
        else if (c1 === 60) { if (c2 === 61) { i += 3; push(T.QLtEq, start); } else double(T.QLt); }
        else if (c1 === 62) { if (c2 === 61) { i += 3; push(T.QGtEq, start); } else double(T.QGt); }
        else single(T.Question);
        continue;
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
        push(T.Unknown, start);
        error('syntax/invalid-character', 'invalid character', start, i);
        continue;
      }
    }
  }
  push(T.Eof, n);
  starts[count] = n;
  return { kinds, starts, count, diagnostics };

  function single(kind: T): void {
    i++;
    push(kind, i - 1);
  }
  function double(kind: T): void {
    i += 2;
    push(kind, i - 2);
  }
  function tickContext(): boolean {
    return (
      lastSig === T.Identifier ||
      lastSig === T.ExtendedIdentifier ||
      lastSig === T.RParen ||
      lastSig === T.RBracket ||
      lastSig === T.AllKw ||
      lastSig === T.StringLiteral
    );
  }
  /** A string-like token from the delimiter at text[q]; doubled delimiters stand for themselves. */
  function stringBody(q: number, kind: T, start: number): number {
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
        push(kind, start);
        return j;
      }
    }
    error('syntax/unterminated-literal', kind === T.ExtendedIdentifier ? 'unterminated extended identifier' : 'unterminated string literal', start, j);
    push(kind, start);
    return j;
  }
  /** Decimal, based (16#FF#, 2#1.0#E3) and length-prefixed bit-string (12UX"F0") literals. */
  function number(q: number): number {
    const start = q;
    let j = q;
    while (j < n && (cls(text.charCodeAt(j)) === C_DIGIT || text.charCodeAt(j) === 95)) j++;
    const d = j < n ? text.charCodeAt(j) : 0;
    if (d === 35 /* # */ || (d === 58 /* : */ && j + 1 < n && isExtendedDigit(text.charCodeAt(j + 1)) && hasClosing(j, 58))) {
      const close = d;
      j++;
      const digitsStart = j;
      while (j < n && (isExtendedDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      if (j < n && text.charCodeAt(j) === close && j > digitsStart) {
        j++;
        j = exponent(j);
      } else {
        error('syntax/malformed-literal', "based literal without its closing '#'", start, j);
      }
      push(T.AbstractLiteral, start);
      return j;
    }
    if (cls(d) === C_LETTER) {
      // 12UX"F0": a length-prefixed bit-string literal.
      let e = j;
      while (e < n && cls(text.charCodeAt(e)) === C_LETTER) e++;
      if (e < n && text.charCodeAt(e) === 34 && e - j <= 2 && isBaseSpecifier(text, j, e)) return stringBody(e, T.BitStringLiteral, start);
    }
    if (d === 46 && j + 1 < n && cls(text.charCodeAt(j + 1)) === C_DIGIT) {
      j++;
      while (j < n && (cls(text.charCodeAt(j)) === C_DIGIT || text.charCodeAt(j) === 95)) j++;
    }
    j = exponent(j);
    push(T.AbstractLiteral, start);
    return j;
  }
  function exponent(j: number): number {
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
  function hasClosing(j: number, ch: number): boolean {
    for (let e = j + 1; e < n && e < j + 80; e++) {
      const x = text.charCodeAt(e);
      if (x === ch) return true;
      if (!isExtendedDigit(x) && x !== 46) return false;
    }
    return false;
  }
}

function isDelimiterStart(c: number): boolean {
  // & ' ( ) * + , - . / : ; < = > | ! [ ] ? ^ @ " % \ `
  return '&\'()*+,-./:;<=>|![]?^@"%\\`'.indexOf(String.fromCharCode(c)) >= 0;
}
