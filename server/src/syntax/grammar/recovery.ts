// Error recovery: follow sets, and the helpers that skip bad tokens into Error nodes.
import { NodeKind } from '../nodeKind';
import { Parser, TokenSet } from '../parser';
import { TokenKind as T } from '../tokenKind';

/** Tokens that start a design unit or a context item. */
export const UNIT_START = new TokenSet(T.LibraryKw, T.UseKw, T.ContextKw, T.EntityKw, T.ArchitectureKw, T.PackageKw, T.ConfigurationKw);

/** Tokens that start a declarative item. */
export const DECLARATION_START = new TokenSet(
  T.TypeKw, T.SubtypeKw, T.SignalKw, T.ConstantKw, T.VariableKw, T.SharedKw, T.FileKw, T.AliasKw,
  T.AttributeKw, T.ComponentKw, T.FunctionKw, T.ProcedureKw, T.PureKw, T.ImpureKw, T.PackageKw,
  T.UseKw, T.ForKw, T.DisconnectKw, T.GroupKw,
);

/** Tokens that close any statement list. */
export const STATEMENT_LIST_END = new TokenSet(T.EndKw, T.Eof);

/** Keywords that never occur inside a sequential statement: a sequence stops there. */
export const NOT_SEQUENTIAL = new TokenSet(
  STATEMENT_LIST_END, UNIT_START, T.ProcessKw, T.BlockKw, T.GenerateKw, T.BeginKw, T.ComponentKw,
  T.SignalKw, T.ConstantKw, T.TypeKw, T.SubtypeKw, T.FunctionKw, T.ProcedureKw, T.PureKw, T.ImpureKw,
  T.PostponedKw, T.AttributeKw, T.AliasKw, T.SharedKw,
);

/** Keywords that never occur inside a concurrent statement list: the list stops there. */
export const NOT_CONCURRENT = new TokenSet(STATEMENT_LIST_END, T.LibraryKw, T.UseKw, T.ContextKw, T.ArchitectureKw, T.PackageKw, T.ConfigurationKw);

/** Tokens at which skipping inside a statement stops even without a `;`. */
export const STRONG_STOP = new TokenSet(
  UNIT_START, T.EndKw, T.BeginKw, T.ElsifKw, T.ElseKw, T.WhenKw, T.ThenKw, T.LoopKw, T.GenerateKw,
  T.ProcessKw, T.BlockKw, T.IsKw, T.Eof,
  // Keywords that start the next statement or declaration (`xyz if c then`: `xyz` lacks its `;`).
  T.IfKw, T.CaseKw, T.WhileKw, T.WaitKw, T.AssertKw, T.ReportKw, T.ReturnKw, T.ExitKw, T.NextKw,
  T.WithKw, T.SignalKw, T.ConstantKw, T.VariableKw, T.TypeKw, T.SubtypeKw, T.ComponentKw,
  T.FunctionKw, T.ProcedureKw,
);

/**
 * Ends a statement or declaration at `;`. Tokens left on the same line before it are wrapped in
 * one Error node (`a <= b c;` reports `c`); without a `;` on the line, it is reported missing
 * and parsing resumes on the next line, so a missing `;` costs one diagnostic.
 */
export function endStatement(p: Parser): void {
  if (p.eat(T.Semicolon)) return;
  if (!p.atSet(STRONG_STOP) && !p.newlineBefore()) {
    const m = p.mark();
    const start = p.start;
    let depth = 0;
    while (!p.atEof() && !(depth === 0 && p.at(T.Semicolon))) {
      if (p.at(T.LParen)) depth++;
      else if (p.at(T.RParen)) depth = Math.max(0, depth - 1);
      p.bump();
      if (p.atSet(STRONG_STOP) || p.newlineBefore()) break;
    }
    const end = p.prevEnd;
    p.complete(m, NodeKind.Error);
    p.error('unexpected text before the end of the statement', start, end);
    if (p.eat(T.Semicolon)) return;
  }
  p.errorMissing("';'");
}

/**
 * Skips at least one token (unless at `stop` or Eof) into an Error node, up to a token in `stop`
 * or past a `;`. Used where a list finds a token that cannot start an item.
 */
export function recoverUntil(p: Parser, stop: TokenSet, message: string, stopAfterSemicolon = true): void {
  if (p.atSet(stop) || p.atEof()) return;
  const start = p.start;
  const m = p.mark();
  while (!p.atEof()) {
    if (stopAfterSemicolon && p.eat(T.Semicolon)) break;
    p.bump();
    if (p.atSet(stop)) break;
  }
  const end = p.prevEnd;
  p.complete(m, NodeKind.Error);
  p.error(message, start, end);
}

/**
 * Used when nesting is too deep: keeps the rest of the current construct as one flat Error node,
 * balancing parentheses iteratively, up to a `,`/`)`/`;` at the outer level.
 */
export function skipTooDeep(p: Parser): void {
  p.reportTooDeep();
  const m = p.mark();
  let depth = 0;
  while (!p.atEof()) {
    const k = p.kind;
    if (k === T.LParen) depth++;
    else if (k === T.RParen) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (k === T.Comma || k === T.Semicolon)) break;
    p.bump();
  }
  p.complete(m, NodeKind.Error);
}

/** Where the statements of an if branch or if-generate alternative end. */
export const IF_BRANCH_END = new TokenSet(T.ElsifKw, T.ElseKw);
/** Where the statements of a case alternative or case-generate alternative end. */
export const CASE_ALTERNATIVE_END = new TokenSet(T.WhenKw);
/** No extra end: `when`/`else`/`elsif` there are stray tokens, reported and skipped. */
export const NO_EXTRA_END = new TokenSet();

/**
 * One stray token right before an expected one (`component c is ] port (...)`): wraps the stray
 * token in an Error node so the expected clause still parses.
 */
export function skipStrayToken(p: Parser, expected: TokenSet): void {
  if (!p.atSet(expected) && !p.atEof() && expected.has(p.nth(1))) p.bumpError(`unexpected ${p.foundText()}`);
}

export const HEADER_CLAUSE = new TokenSet(T.GenericKw, T.PortKw);
