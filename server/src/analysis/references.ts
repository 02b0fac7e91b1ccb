// Find references: every name in the workspace that resolves to a given declaration.
import type { SyntaxNode } from '../syntax/tree';
import { resolveNameNode } from './resolve';
import type { Declaration, Scope } from './scopes';
import type { SourceFile } from './sourceFile';
import type { Workspace } from './workspace';

export interface Reference {
  file: SourceFile;
  /** The SimpleName (or, for the declaration itself, DefiningName/Label) node. */
  node: SyntaxNode;
  isDeclaration: boolean;
}

/**
 * Whether a declaration can only be named inside its own file: it lives in an architecture or a
 * package body (regions nothing else can see into).
 */
export function isFileLocal(d: Declaration): boolean {
  if (d.unit) return false;
  for (let s: Scope | undefined = d.scope; s; s = s.parent) {
    if (s.kind === 'unit') return s.unit?.kind === 'architecture' || s.unit?.kind === 'packageBody';
  }
  return false;
}

/**
 * References to any of `targets` (all the same name), searching only files whose text mentions the
 * name. `isCancelled` is polled between files.
 */
export function findReferences(
  ws: Workspace,
  targets: Declaration[],
  includeDeclaration: boolean,
  isCancelled: () => boolean = () => false,
  /** Search only this file (document highlights). */
  onlyFile?: SourceFile,
): Reference[] {
  if (targets.length === 0) return [];
  const name = targets[0].name;
  const wanted = new Set(targets);
  let files = targets.every(isFileLocal) ? [...new Set(targets.map((t) => t.file))] : [...ws.files()];
  if (onlyFile) files = files.includes(onlyFile) || !targets.every(isFileLocal) ? [onlyFile] : [];
  const out: Reference[] = [];
  if (includeDeclaration) {
    for (const t of targets) if (!onlyFile || t.file === onlyFile) out.push({ file: t.file, node: t.nameNode, isDeclaration: true });
  }
  const needle = name.startsWith('\\') ? name : name.toLowerCase();
  for (const file of files) {
    if (isCancelled()) return out;
    if (!(needle.startsWith('\\') ? file.text.includes(needle) : file.mentions(needle))) continue;
    for (const n of file.scopes.namesCalled(name)) {
      const r = resolveNameNode(ws, file, n);
      if (r.kind === 'declarations' && r.decls.some((d) => wanted.has(d))) out.push({ file, node: n, isDeclaration: false });
    }
  }
  return out;
}
