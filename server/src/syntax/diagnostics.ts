// Syntax diagnostics: the codes the lexer and parser report, each with the VHDL that triggers it.

export interface SyntaxDiagnostic {
  code: SyntaxErrorCode;
  message: string;
  /** UTF-16 offsets into the parsed text, end exclusive. A missing token is reported as an empty range. */
  start: number;
  end: number;
}

export type SyntaxErrorCode =
  /** A required token is missing: `signal s : bit` (no `;`) reports at the end of `bit`. */
  | 'syntax/expected'
  /** A token that cannot appear here: `a <= b c;` reports `c`; recovery skips to a sensible point. */
  | 'syntax/unexpected'
  /** A string, character or extended identifier not closed before the end of its line: `s := "abc`. */
  | 'syntax/unterminated-literal'
  /** A `/*` comment without its `*` `/` before the end of the file. */
  | 'syntax/unterminated-comment'
  /** A character that cannot start a VHDL token: `a <= b $ c;`, or a NUL byte. */
  | 'syntax/invalid-character'
  /** A malformed number: `16#FG#`, `1.`, `2#101` (missing closing `#`), `1E`. */
  | 'syntax/malformed-literal'
  /**
   * Parentheses or statements nested deeper than the parser's bound (200 levels), or more than
   * 1000 operators in one chain (`a & b & ... `); the rest is kept as one error node.
   */
  | 'syntax/too-deep'
  /** The name after `end` differs from the declared one: `entity a is end entity b;`. */
  | 'syntax/end-name-mismatch';
