// Subprograms called by the statements of an architecture: which one a call names, its parameters,
// and its body when it is declared in the architecture (so its signal accesses count for the caller:
// a procedure's writes and reads, an impure function's reads).
import { NodeKind as N } from '../../syntax/nodeKind';
import { nameOf, type SyntaxNode } from '../../syntax/tree';
import { TokenKind as T } from '../../syntax/tokenKind';
import type { DesignUnit } from '../designUnits';
import { resolveNameNode, unitScope } from '../resolve';
import type { Declaration } from '../scopes';
import type { Workspace } from '../workspace';
import type { Names } from './collect';
import { type InterfaceItem, interfaceItems } from './interfaces';

/** How deep calls inside procedure bodies are followed (recursion stops earlier: a body is never entered twice). */
export const MAX_CALL_DEPTH = 8;
/** How many procedure bodies one statement's analysis walks at most (calls inside bodies may fan out). */
export const MAX_BODY_WALKS = 256;

export interface CallParts {
  /** The name the call is made by (`send`, `work.pkg.send`). */
  prefix: SyntaxNode | undefined;
  /** Its simple name (the last part of a selected name). */
  nameNode: SyntaxNode | undefined;
  /** The association elements of the arguments. */
  args: SyntaxNode[];
}

/** The parts of a procedure call (the node after the label of a procedure call statement). */
export function callParts(call: SyntaxNode): CallParts {
  const prefix = call.kind === N.CallOrIndexName ? call.childNodes()[0] : call;
  const args = call.kind === N.CallOrIndexName ? (call.child(N.AssociationList)?.childNodes(N.AssociationElement) ?? []) : [];
  const nameNode = prefix?.kind === N.SimpleName ? prefix : prefix?.kind === N.SelectedName ? prefix.childNodes().pop() : undefined;
  return { prefix, nameNode, args };
}

export interface CalledProcedure {
  decl: Declaration;
  /** The parameters, from the declaration (or the body). */
  params: InterfaceItem[];
  /**
   * The body, when it is in the architecture's file and region, or (asked with a workspace) in the
   * body of the package that declares the subprogram, for a procedure or an impure function (a
   * pure one reads nothing outside itself); null otherwise.
   */
  body: SyntaxNode | null;
  /** For a body in a package body: that package body and its package (the names there are theirs). */
  packageBody?: { body: DesignUnit; pkg: DesignUnit };
}

/**
 * The procedure (or function) a call names, when that is certain: one candidate (overloads with
 * different parameters cannot be told apart without types). Undefined otherwise.
 */
export function calledProcedure(ws: Workspace | undefined, names: Names, nameNode: SyntaxNode | undefined, kind: 'procedure' | 'function' = 'procedure'): CalledProcedure | undefined {
  if (!nameNode) return undefined;
  const local = names.lookup(nameNode);
  let candidates: Declaration[];
  if (!local && !ws) return undefined;
  if (local) {
    // Every declaration of the name in the region that declares it: a specification and its body count as one.
    candidates = (local.scope.decls.get(local.name) ?? [local]).filter((d) => d.kind === kind);
  } else {
    const r = resolveNameNode(ws!, names.file, nameNode);
    candidates = r.kind === 'declarations' ? r.decls.filter((d) => d.kind === kind) : [];
  }
  const bodies = candidates.filter((d) => d.node.kind === N.SubprogramBody);
  const specs = candidates.filter((d) => d.node.kind !== N.SubprogramBody);
  if (bodies.length > 1 || specs.length > 1 || candidates.length === 0) return undefined;
  const decl = specs[0] ?? bodies[0];
  const spec = decl.node.child(kind === 'procedure' ? N.ProcedureSpecification : N.FunctionSpecification) ?? decl.node;
  const params = interfaceItems(spec.child(N.ParameterList) ?? spec, undefined);
  const b = bodies[0]?.node;
  const region = names.archScope?.node;
  const body = b && bodies[0].file === names.file && region && b.start >= region.start && b.end <= region.end ? b : null;
  if (!body && ws && !bodies.length) {
    const inPackage = packageBodyOf(ws, decl, kind);
    if (inPackage) return { decl, params, body: inPackage.node, packageBody: inPackage.where };
  }
  return { decl, params, body };
}

/**
 * The body of a subprogram declared in a package, in that package's body: one body of the name and
 * kind there (overloads cannot be told apart without types). Functions only when impure.
 */
function packageBodyOf(ws: Workspace, decl: Declaration, kind: 'procedure' | 'function'): { node: SyntaxNode; where: { body: DesignUnit; pkg: DesignUnit } } | undefined {
  const pkg = decl.scope.kind === 'unit' ? decl.scope.unit : undefined;
  if (pkg?.kind !== 'package') return undefined;
  if (kind === 'function' && !decl.node.child(N.FunctionSpecification)?.token(T.ImpureKw)) return undefined;
  const pb = ws.packageBodyOf(pkg);
  const scope = pb ? unitScope(pb) : undefined;
  const found = (scope?.decls.get(decl.name) ?? []).filter((d) => d.kind === kind && d.node.kind === N.SubprogramBody);
  return pb && found.length === 1 ? { node: found[0].node, where: { body: pb, pkg } } : undefined;
}

/**
 * Pairs a call's arguments with the parameters (named or positional): the parameter (undefined when
 * unknown) and the actual of each argument that has one.
 */
export function pairArguments(args: SyntaxNode[], params: InterfaceItem[] | undefined): { item: InterfaceItem | undefined; actual: SyntaxNode }[] {
  const out: { item: InterfaceItem | undefined; actual: SyntaxNode }[] = [];
  args.forEach((el, i) => {
    const formal = el.child(N.FormalPart);
    const actual = el.childNodes().find((c) => c !== formal);
    if (!actual) return;
    let item: InterfaceItem | undefined;
    if (formal) {
      const inner = formal.childNodes()[0];
      const name = inner?.kind === N.SimpleName ? nameOf(inner) : undefined;
      item = params?.find((p) => p.name === name);
    } else item = params?.[i];
    out.push({ item, actual });
  });
  return out;
}

/** The SubprogramBody enclosing `n` inside `stop` (outermost first is not needed: the nearest one). */
export function enclosingBody(n: SyntaxNode, stop: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p && p !== stop; p = p.parent) if (p.kind === N.SubprogramBody) return p;
  return undefined;
}
