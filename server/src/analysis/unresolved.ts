// Names that should resolve but do not: the only semantic diagnostic, kept free of false positives.
import { NodeKind as N } from '../syntax/nodeKind';
import type { SyntaxToken } from '../syntax/tree';
import { resolveNameNode } from './resolve';
import type { SourceFile } from './sourceFile';
import type { Workspace } from './workspace';

/** Constructs whose names refer to things the index does not model (configurations, PSL, external names). */
const SKIPPED_ANCESTORS = new Set([N.ConfigurationDeclaration, N.ConfigurationSpecification, N.ExternalName, N.Error, N.AttributeSpecification, N.GroupDeclaration, N.DisconnectionSpecification]);

/** The identifier tokens of the file's names that resolve to nothing although their region is fully analysable. */
export function unresolvedNames(ws: Workspace, file: SourceFile, isCancelled: () => boolean = () => false): SyntaxToken[] {
  const steps = unresolvedNamesStepwise(ws, file);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (isCancelled()) return [];
  }
}

/**
 * The same, as a generator that pauses after every `chunk` names, so that a server can answer
 * requests between chunks (a 10,000-line file takes a few hundred milliseconds in all).
 */
export function* unresolvedNamesStepwise(ws: Workspace, file: SourceFile, chunk = 2000): Generator<void, SyntaxToken[]> {
  const out: SyntaxToken[] = [];
  if (!file.analysable) return out;
  let i = 0;
  for (const n of file.root.descendants(N.SimpleName)) {
    if (++i % chunk === 0) yield;
    if (skipped(n)) continue;
    const r = resolveNameNode(ws, file, n);
    if (r.kind !== 'unresolved') continue;
    const tok = n.childTokens()[0];
    if (tok) out.push(tok);
  }
  return out;
}

function skipped(n: { parent: import('../syntax/tree').SyntaxNode | undefined; kind: N }): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (SKIPPED_ANCESTORS.has(p.kind)) return true;
    // Names chosen in a record aggregate (`(a => 1)`) are element names of a type we do not track.
    if (p.kind === N.Choices && p.parent?.kind === N.ElementAssociation) return true;
  }
  return false;
}
