// Document outline and workspace symbols.
import type { SourceFile } from '../analysis/sourceFile';
import type { Declaration, DeclKind } from '../analysis/scopes';
import type { Workspace } from '../analysis/workspace';
import { NodeKind as N } from '../syntax/nodeKind';
import { SyntaxNode } from '../syntax/tree';
import { TokenKind as T } from '../syntax/tokenKind';
import { nameRange, nodeRange } from './locations';
import type { DocumentSymbol, SymbolKind, WorkspaceSymbol } from './types';

const KIND: Record<DeclKind, SymbolKind> = {
  entity: 'module',
  architecture: 'module',
  configuration: 'module',
  context: 'module',
  package: 'package',
  packageBody: 'package',
  packageInstance: 'package',
  component: 'class',
  port: 'interface',
  generic: 'typeParameter',
  parameter: 'variable',
  signal: 'variable',
  variable: 'variable',
  sharedVariable: 'variable',
  file: 'variable',
  constant: 'constant',
  type: 'type',
  subtype: 'type',
  enumLiteral: 'enumMember',
  physicalUnit: 'constant',
  element: 'field',
  function: 'function',
  procedure: 'method',
  alias: 'key',
  attribute: 'key',
  group: 'key',
  label: 'key',
  process: 'event',
  instance: 'object',
  generate: 'namespace',
  block: 'namespace',
  loopParameter: 'variable',
  generateParameter: 'constant',
};

/** Declarations that the outline lists (locals of processes and subprograms are listed under them). */
const OUTLINED = new Set<DeclKind>([
  'entity', 'architecture', 'configuration', 'context', 'package', 'packageBody', 'packageInstance', 'component', 'port', 'generic',
  'signal', 'variable', 'sharedVariable', 'file', 'constant', 'type', 'subtype', 'element', 'function', 'procedure', 'alias',
  'process', 'instance', 'generate', 'block', 'enumLiteral',
]);

/** Nodes the outline never descends into. */
const LEAVES = new Set([N.SequentialStatements, N.ContextClause, N.SubtypeIndication, N.ParameterList]);

export function documentSymbols(ws: Workspace, uri: string): DocumentSymbol[] {
  const file = ws.getFile(uri);
  if (!file || !file.analysable) return [];
  return outline(file, file.root);
}

function outline(file: SourceFile, node: SyntaxNode): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const scopes = file.scopes;
  for (const c of node.children) {
    if (!(c instanceof SyntaxNode) || LEAVES.has(c.kind)) continue;
    // A construct may declare several names (`signal a, b : bit`): one symbol each.
    const decls = (scopes.allByNode.get(c) ?? []).filter((d) => OUTLINED.has(d.kind) && d.kind !== 'enumLiteral');
    if (decls.length) {
      for (const d of decls) {
        const children = d.kind === 'enumLiteral' ? [] : outline(file, c);
        out.push(symbolFor(file, c, d, children));
      }
    } else if (c.kind === N.ProcessStatement || c.kind === N.BlockStatement || isGenerate(c.kind)) {
      // Unlabelled processes and generates still appear, under their keyword.
      const name = c.kind === N.ProcessStatement ? 'process' : c.kind === N.BlockStatement ? 'block' : 'generate';
      const first = c.firstToken();
      const sel = first ? { start: file.lines.positionAt(first.start), end: file.lines.positionAt(first.end) } : nodeRange(file, c);
      out.push({ name, detail: detailOf(file, c), kind: c.kind === N.ProcessStatement ? 'event' : 'namespace', range: nodeRange(file, c), selectionRange: sel, children: outline(file, c) });
    } else out.push(...outline(file, c));
  }
  return out;
}

function isGenerate(k: N): boolean {
  return k === N.ForGenerateStatement || k === N.IfGenerateStatement || k === N.CaseGenerateStatement;
}

function symbolFor(file: SourceFile, node: SyntaxNode, d: Declaration, children: DocumentSymbol[]): DocumentSymbol {
  if (d.kind === 'type' && d.region?.kind !== 'protected') {
    // Enumeration literals and record elements as children of their type.
    const lits = (file.scopes.allByNode.get(node) ?? []).filter((x) => x.kind === 'enumLiteral');
    const elements = d.region?.kind === 'record' ? [...d.region.decls.values()].flat() : [];
    children = [
      ...lits.map((l): DocumentSymbol => ({ name: l.nameNode.text.trim(), kind: 'enumMember', range: nameRange(file, l.nameNode), selectionRange: nameRange(file, l.nameNode), children: [] })),
      ...elements.map((e) => symbolFor(file, e.node, e, [])),
    ];
  }
  return {
    name: d.nameNode.text.replace(/\s*:$/, '').trim(),
    detail: detailOf(file, node, d),
    kind: KIND[d.kind],
    range: nodeRange(file, node),
    selectionRange: nameRange(file, d.nameNode),
    children,
  };
}

/** A short description: a port's mode and type, an instance's unit, a process's sensitivity list. */
function detailOf(file: SourceFile, node: SyntaxNode, d?: Declaration): string | undefined {
  const oneLine = (n: SyntaxNode | undefined): string | undefined => (n ? file.text.slice(n.start, n.end).replace(/\s+/g, ' ').trim() : undefined);
  switch (node.kind) {
    case N.InterfaceSignalDeclaration:
    case N.InterfaceConstantDeclaration:
    case N.InterfaceVariableDeclaration: {
      const mode = oneLine(node.child(N.Mode));
      const st = oneLine(node.child(N.SubtypeIndication));
      return [mode, st].filter(Boolean).join(' ') || undefined;
    }
    case N.SignalDeclaration:
    case N.ConstantDeclaration:
    case N.VariableDeclaration:
    case N.ElementDeclaration:
      return oneLine(node.child(N.SubtypeIndication));
    case N.ComponentInstantiationStatement:
      return oneLine(node.child(N.InstantiatedUnit));
    case N.ProcessStatement:
      return oneLine(node.child(N.SensitivityList));
    case N.ForGenerateStatement:
      return oneLine(node.child(N.ParameterSpecification));
    case N.ArchitectureBody:
      return d && d.unit?.primaryName ? `of ${d.unit.primaryName}` : undefined;
    case N.SubprogramDeclaration:
    case N.SubprogramBody: {
      const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
      const params = spec?.child(N.ParameterList);
      const ret = spec?.token(T.ReturnKw) ? oneLine(spec.child(N.TypeMark)) : undefined;
      return [oneLine(params), ret ? `return ${ret}` : undefined].filter(Boolean).join(' ') || undefined;
    }
    default:
      return undefined;
  }
}

/** Declarations matching `query` (letters in order, case-insensitive) across the workspace. */
export function workspaceSymbols(ws: Workspace, query: string, isCancelled: () => boolean = () => false, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const file of ws.files()) {
    if (isCancelled() || out.length >= limit) break;
    for (const d of file.scopes.declarations) {
      if (!OUTLINED.has(d.kind) || d.kind === 'enumLiteral' || d.kind === 'element' || d.kind === 'variable') continue;
      if (d.scope.kind !== 'unit' && d.scope.kind !== 'file') continue;
      if (!fuzzy(d.name, q)) continue;
      out.push({
        name: d.nameNode.text.replace(/\s*:$/, '').trim(),
        kind: KIND[d.kind],
        containerName: d.scope.owner?.name,
        location: { uri: file.uri, range: nameRange(file, d.nameNode) },
      });
      if (out.length >= limit) break;
    }
  }
  return out;
}

function fuzzy(name: string, q: string): boolean {
  let i = 0;
  for (let j = 0; j < name.length && i < q.length; j++) if (name[j] === q[i]) i++;
  return i === q.length;
}
