// Token kinds of the VHDL lexer, and the reserved-word table (looked up on char codes, no allocation).

export enum TokenKind {
  // Trivia: kept in the tree, skipped by the parser.
  Whitespace,
  LineComment,
  BlockComment,
  ToolDirective,
  /** A character that cannot start any token; the lexer reports it. */
  Unknown,

  // Literals and identifiers.
  Identifier,
  ExtendedIdentifier,
  AbstractLiteral,
  CharacterLiteral,
  StringLiteral,
  BitStringLiteral,

  // Delimiters.
  Ampersand, // &
  Tick, // '
  LParen, // (
  RParen, // )
  Star, // *
  Plus, // +
  Comma, // ,
  Minus, // -
  Dot, // .
  Slash, // /
  Colon, // :
  Semicolon, // ;
  Lt, // <
  Eq, // =
  Gt, // >
  Bar, // | (or !)
  LBracket, // [
  RBracket, // ]
  Question, // ?
  Caret, // ^
  At, // @
  Arrow, // =>
  DoubleStar, // **
  ColonEq, // :=
  SlashEq, // /=
  GtEq, // >=
  LtEq, // <=
  Box, // <>
  QEq, // ?=
  QSlashEq, // ?/=
  QLt, // ?<
  QLtEq, // ?<=
  QGt, // ?>
  QGtEq, // ?>=
  QQ, // ??
  LtLt, // <<
  GtGt, // >>

  // Reserved words (VHDL-2008, without the PSL ones, which are lexed as identifiers).
  AbsKw, AccessKw, AfterKw, AliasKw, AllKw, AndKw, ArchitectureKw, ArrayKw, AssertKw, AttributeKw,
  BeginKw, BlockKw, BodyKw, BufferKw, BusKw, CaseKw, ComponentKw, ConfigurationKw, ConstantKw,
  ContextKw, DisconnectKw, DowntoKw, ElseKw, ElsifKw, EndKw, EntityKw, ExitKw, FileKw, ForKw,
  ForceKw, FunctionKw, GenerateKw, GenericKw, GroupKw, GuardedKw, IfKw, ImpureKw, InKw, InertialKw,
  InoutKw, IsKw, LabelKw, LibraryKw, LinkageKw, LiteralKw, LoopKw, MapKw, ModKw, NandKw, NewKw,
  NextKw, NorKw, NotKw, NullKw, OfKw, OnKw, OpenKw, OrKw, OthersKw, OutKw, PackageKw, ParameterKw,
  PortKw, PostponedKw, ProcedureKw, ProcessKw, ProtectedKw, PureKw, RangeKw, RecordKw, RegisterKw,
  RejectKw, ReleaseKw, RemKw, ReportKw, ReturnKw, RolKw, RorKw, SelectKw, SeverityKw, SharedKw,
  SignalKw, SlaKw, SllKw, SraKw, SrlKw, SubtypeKw, ThenKw, ToKw, TransportKw, TypeKw, UnaffectedKw,
  UnitsKw, UntilKw, UseKw, VariableKw, WaitKw, WhenKw, WhileKw, WithKw, XnorKw, XorKw,

  Eof,
}

/** First and last reserved-word kinds (inclusive). */
export const FIRST_KEYWORD = TokenKind.AbsKw;
export const LAST_KEYWORD = TokenKind.XorKw;

export function isTrivia(k: TokenKind): boolean {
  return k <= TokenKind.Unknown;
}

export function isKeyword(k: TokenKind): boolean {
  return k >= FIRST_KEYWORD && k <= LAST_KEYWORD;
}

/** Spelling of a reserved word or delimiter, for messages ("expected 'end'"). */
export function tokenSpelling(k: TokenKind): string {
  if (isKeyword(k)) return `'${TokenKind[k].slice(0, -2).toLowerCase()}'`;
  const d = DELIMITERS[k];
  if (d !== undefined) return `'${d}'`;
  switch (k) {
    case TokenKind.Identifier:
    case TokenKind.ExtendedIdentifier:
      return 'identifier';
    case TokenKind.AbstractLiteral:
      return 'number';
    case TokenKind.CharacterLiteral:
      return 'character literal';
    case TokenKind.StringLiteral:
      return 'string literal';
    case TokenKind.BitStringLiteral:
      return 'bit-string literal';
    case TokenKind.Eof:
      return 'end of file';
    default:
      return TokenKind[k];
  }
}

const DELIMITERS: Partial<Record<TokenKind, string>> = {
  [TokenKind.Ampersand]: '&', [TokenKind.Tick]: "'", [TokenKind.LParen]: '(', [TokenKind.RParen]: ')',
  [TokenKind.Star]: '*', [TokenKind.Plus]: '+', [TokenKind.Comma]: ',', [TokenKind.Minus]: '-',
  [TokenKind.Dot]: '.', [TokenKind.Slash]: '/', [TokenKind.Colon]: ':', [TokenKind.Semicolon]: ';',
  [TokenKind.Lt]: '<', [TokenKind.Eq]: '=', [TokenKind.Gt]: '>', [TokenKind.Bar]: '|',
  [TokenKind.LBracket]: '[', [TokenKind.RBracket]: ']', [TokenKind.Question]: '?', [TokenKind.Caret]: '^',
  [TokenKind.At]: '@', [TokenKind.Arrow]: '=>', [TokenKind.DoubleStar]: '**', [TokenKind.ColonEq]: ':=',
  [TokenKind.SlashEq]: '/=', [TokenKind.GtEq]: '>=', [TokenKind.LtEq]: '<=', [TokenKind.Box]: '<>',
  [TokenKind.QEq]: '?=', [TokenKind.QSlashEq]: '?/=', [TokenKind.QLt]: '?<', [TokenKind.QLtEq]: '?<=',
  [TokenKind.QGt]: '?>', [TokenKind.QGtEq]: '?>=', [TokenKind.QQ]: '??', [TokenKind.LtLt]: '<<',
  [TokenKind.GtGt]: '>>',
};

// Reserved-word lookup: an open hash table keyed on the lower-cased char codes, so that lexing an
// identifier allocates nothing.
const TABLE_BITS = 10;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const table: { word: string; kind: TokenKind }[][] = [];
for (let k = FIRST_KEYWORD; k <= LAST_KEYWORD; k++) {
  const word = TokenKind[k].slice(0, -2).toLowerCase();
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (h * 31 + word.charCodeAt(i)) | 0;
  (table[h & TABLE_MASK] ??= []).push({ word, kind: k });
}

/** The reserved word spelled by text[start, end) (any case), or Identifier. */
export function keywordKind(text: string, start: number, end: number): TokenKind {
  const len = end - start;
  if (len < 2 || len > 13) return TokenKind.Identifier;
  let h = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    h = (h * 31 + c) | 0;
  }
  const bucket = table[h & TABLE_MASK];
  if (bucket === undefined) return TokenKind.Identifier;
  outer: for (const e of bucket) {
    if (e.word.length !== len) continue;
    for (let i = 0; i < len; i++) {
      let c = text.charCodeAt(start + i);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== e.word.charCodeAt(i)) continue outer;
    }
    return e.kind;
  }
  return TokenKind.Identifier;
}
