// Declarative regions and the declarations in them, for one file (built once per parse).
import { NodeKind as N } from '../syntax/nodeKind';
import { nameOf, nameToken, SyntaxNode, type SyntaxToken } from '../syntax/tree';
import { TokenKind as T } from '../syntax/tokenKind';
import type { DesignUnit, UnitKind } from './designUnits';
import type { SourceFile } from './sourceFile';

export type DeclKind =
  | UnitKind
  | 'port'
  | 'generic'
  | 'parameter'
  | 'signal'
  | 'constant'
  | 'variable'
  | 'sharedVariable'
  | 'file'
  | 'type'
  | 'subtype'
  | 'enumLiteral'
  | 'physicalUnit'
  | 'element'
  | 'function'
  | 'procedure'
  | 'component'
  | 'alias'
  | 'attribute'
  | 'group'
  | 'label'
  | 'process'
  | 'instance'
  | 'generate'
  | 'block'
  | 'loopParameter'
  | 'generateParameter';

export interface Declaration {
  /** Normalized name: lower case for basic identifiers. */
  name: string;
  kind: DeclKind;
  file: SourceFile;
  /** The declaring construct: SignalDeclaration, InterfaceSignalDeclaration, ProcessStatement, ... */
  node: SyntaxNode;
  /** The DefiningName or Label node that spells the name. */
  nameNode: SyntaxNode;
  /** The region it is declared in. */
  scope: Scope;
  /** The region it opens, if any: an entity's ports, a record's elements, a process's declarations. */
  region?: Scope;
  /** Set on the declarations of design units. */
  unit?: DesignUnit;
}

export type ScopeKind = 'file' | 'unit' | 'component' | 'subprogram' | 'process' | 'block' | 'generate' | 'loop' | 'record' | 'protected' | 'physical';

export interface Scope {
  kind: ScopeKind;
  node: SyntaxNode;
  parent: Scope | undefined;
  decls: Map<string, Declaration[]>;
  /** UseClause and ContextReference nodes that apply in the region (a unit's context clause included). */
  uses: SyntaxNode[];
  /** Library names from library clauses in the region. */
  libraries: string[];
  children: Scope[];
  owner?: Declaration;
  unit?: DesignUnit;
}

export interface FileScopes {
  root: Scope;
  declarations: Declaration[];
  /** The declaration whose name is spelled by a DefiningName/Label node. */
  byNameNode: Map<SyntaxNode, Declaration>;
  /** The (first) declaration made by a construct node (for `end` names and hover). */
  byNode: Map<SyntaxNode, Declaration>;
  /** All declarations made by a construct node (`signal a, b : bit` makes two). */
  allByNode: Map<SyntaxNode, Declaration[]>;
  unitScopes: Map<DesignUnit, Scope>;
  /** The innermost region containing an offset. */
  scopeAt(offset: number): Scope;
  /** SimpleName nodes of the file with a given normalized name. */
  namesCalled(name: string): SyntaxNode[];
}

const LABELLED_KINDS = new Map<N, DeclKind>([
  [N.ProcessStatement, 'process'],
  [N.ComponentInstantiationStatement, 'instance'],
  [N.ForGenerateStatement, 'generate'],
  [N.IfGenerateStatement, 'generate'],
  [N.CaseGenerateStatement, 'generate'],
  [N.BlockStatement, 'block'],
]);

const SIMPLE_DECLS = new Map<N, DeclKind>([
  [N.SubtypeDeclaration, 'subtype'],
  [N.ConstantDeclaration, 'constant'],
  [N.SignalDeclaration, 'signal'],
  [N.FileDeclaration, 'file'],
  [N.AliasDeclaration, 'alias'],
  [N.AttributeDeclaration, 'attribute'],
  [N.GroupTemplateDeclaration, 'group'],
  [N.GroupDeclaration, 'group'],
  [N.PackageInstantiationDeclaration, 'packageInstance'],
  [N.InterfaceTypeDeclaration, 'type'],
  [N.InterfacePackageDeclaration, 'packageInstance'],
]);

const INTERFACE_OBJECTS = new Set([N.InterfaceConstantDeclaration, N.InterfaceSignalDeclaration, N.InterfaceVariableDeclaration, N.InterfaceFileDeclaration]);

/** Nodes below which no declaration can appear (expressions and names). */
const NO_DECLS = new Set([
  N.BinaryExpression, N.UnaryExpression, N.ParenthesizedExpression, N.Aggregate, N.QualifiedExpression, N.Literal,
  N.PhysicalLiteral, N.SimpleName, N.SelectedName, N.CallOrIndexName, N.AttributeName, N.ExternalName, N.Waveform,
  N.Target, N.Choices, N.SensitivityList, N.TypeMark, N.Range, N.RangeConstraint, N.ArrayConstraint,
]);

function definingNames(node: SyntaxNode): SyntaxNode[] {
  const list = node.child(N.IdentifierList);
  return list ? list.childNodes(N.DefiningName) : node.childNodes(N.DefiningName);
}

function newScope(kind: ScopeKind, node: SyntaxNode, parent: Scope | undefined): Scope {
  const s: Scope = { kind, node, parent, decls: new Map(), uses: [], libraries: [], children: [] };
  parent?.children.push(s);
  return s;
}

export function buildFileScopes(file: SourceFile, empty = false): FileScopes {
  const root = newScope('file', file.root, undefined);
  const declarations: Declaration[] = [];
  const byNameNode = new Map<SyntaxNode, Declaration>();
  const byNode = new Map<SyntaxNode, Declaration>();
  const allByNode = new Map<SyntaxNode, Declaration[]>();
  const unitScopes = new Map<DesignUnit, Scope>();
  const unitOfNode = new Map(file.units.map((u) => [u.node, u]));

  function declare(scope: Scope, kind: DeclKind, node: SyntaxNode, nameNode: SyntaxNode | undefined): Declaration | undefined {
    const name = nameOf(nameNode);
    if (!nameNode || !name) return undefined;
    const d: Declaration = { name, kind, file, node, nameNode, scope };
    const list = scope.decls.get(name);
    if (list) list.push(d);
    else scope.decls.set(name, [d]);
    declarations.push(d);
    byNameNode.set(nameNode, d);
    const same = allByNode.get(node);
    if (same) same.push(d);
    else {
      byNode.set(node, d);
      allByNode.set(node, [d]);
    }
    return d;
  }

  function open(kind: ScopeKind, node: SyntaxNode, parent: Scope, owner?: Declaration): Scope {
    const s = newScope(kind, node, parent);
    if (owner) {
      owner.region = s;
      s.owner = owner;
    }
    return s;
  }

  function interfaceKind(node: SyntaxNode): DeclKind {
    for (let p = node.parent; p; p = p.parent) {
      if (p.kind === N.GenericClause) return 'generic';
      if (p.kind === N.PortClause) return 'port';
      if (p.kind === N.ParameterList || p.kind === N.SubprogramHeader) return 'parameter';
    }
    return 'parameter';
  }

  /** Visits the children of `node` in region `scope`. Iterative over siblings, recursive over regions. */
  function visitChildren(node: SyntaxNode, scope: Scope): void {
    for (const c of node.children) if (c instanceof SyntaxNode) visit(c, scope);
  }

  function visit(node: SyntaxNode, scope: Scope): void {
    if (NO_DECLS.has(node.kind)) return;
    const label = node.child(N.Label);
    const labelled = label ? declare(scope, LABELLED_KINDS.get(node.kind) ?? 'label', node, label) : undefined;
    switch (node.kind) {
      case N.DesignUnit:
        visitChildren(node, scope);
        return;
      case N.ContextClause:
      case N.ContextDeclaration: {
        // Context items: gathered into the unit's region by the unit case below.
        return;
      }
      case N.LibraryClause:
        for (const t of node.descendants(N.DefiningName, N.SimpleName)) {
          const n = nameOf(t);
          if (n) scope.libraries.push(n);
        }
        return;
      case N.UseClause:
      case N.ContextReference:
        scope.uses.push(node);
        return;
      case N.EntityDeclaration:
      case N.ArchitectureBody:
      case N.PackageDeclaration:
      case N.PackageBody:
      case N.ConfigurationDeclaration: {
        const unit = unitOfNode.get(node);
        const nameNode = node.child(N.DefiningName) ?? (node.kind === N.PackageBody ? node.child(N.SimpleName) : undefined);
        const d = unit ? declare(root, unit.kind, node, nameNode) : undefined;
        if (d) d.unit = unit;
        // The region spans the whole design unit so that names in the context clause are inside it.
        const s = open('unit', unit?.designUnitNode ?? node, root, d);
        s.unit = unit;
        if (unit) unitScopes.set(unit, s);
        const cc = unit?.contextClause;
        if (cc) for (const item of cc.childNodes()) visit(item, s);
        visitChildren(node, s);
        return;
      }
      case N.PackageInstantiationDeclaration: {
        const unit = unitOfNode.get(node);
        const d = declare(unit ? root : scope, 'packageInstance', node, node.child(N.DefiningName));
        if (d && unit) d.unit = unit;
        return;
      }
      case N.ComponentDeclaration: {
        const d = declare(scope, 'component', node, node.child(N.DefiningName));
        visitChildren(node, open('component', node, scope, d));
        return;
      }
      case N.SubprogramDeclaration:
      case N.SubprogramBody:
      case N.SubprogramInstantiationDeclaration: {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        const isFunction = spec ? spec.kind === N.FunctionSpecification : !!node.token(T.FunctionKw);
        const d = declare(scope, isFunction ? 'function' : 'procedure', node, (spec ?? node).child(N.DefiningName));
        const s = open('subprogram', node, scope, d);
        if (spec) visitChildren(spec, s);
        for (const c of node.childNodes()) if (c !== spec) visit(c, s);
        return;
      }
      case N.InterfaceSubprogramDeclaration: {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        declare(scope, spec?.kind === N.ProcedureSpecification ? 'procedure' : 'function', node, (spec ?? node).child(N.DefiningName));
        return;
      }
      case N.TypeDeclaration: {
        const d = declare(scope, 'type', node, node.child(N.DefiningName));
        const def = node.childNodes().find((c) => c.kind !== N.DefiningName);
        if (def?.kind === N.EnumerationTypeDefinition) {
          for (const lit of def.childNodes(N.DefiningName)) declare(scope, 'enumLiteral', node, lit);
        } else if (def?.kind === N.RecordTypeDefinition) {
          const s = open('record', def, scope, d);
          for (const el of def.childNodes(N.ElementDeclaration)) for (const n of definingNames(el)) declare(s, 'element', el, n);
        } else if (def?.kind === N.PhysicalTypeDefinition) {
          for (const u of def.descendants(N.PrimaryUnitDeclaration, N.SecondaryUnitDeclaration)) declare(scope, 'physicalUnit', u, u.child(N.DefiningName));
        } else if (def?.kind === N.ProtectedTypeDeclaration || def?.kind === N.ProtectedTypeBody) {
          visitChildren(def, open('protected', def, scope, d));
        }
        return;
      }
      case N.VariableDeclaration:
        for (const n of definingNames(node)) declare(scope, node.token(T.SharedKw) ? 'sharedVariable' : 'variable', node, n);
        return;
      case N.ProcessStatement:
      case N.BlockStatement:
        visitChildren(node, open(node.kind === N.ProcessStatement ? 'process' : 'block', node, scope, labelled));
        return;
      case N.ForGenerateStatement: {
        const s = open('generate', node, scope, labelled);
        const spec = node.child(N.ParameterSpecification);
        if (spec) declare(s, 'generateParameter', spec, spec.child(N.DefiningName));
        visitChildren(node, s);
        return;
      }
      case N.IfGenerateStatement:
      case N.CaseGenerateStatement: {
        visitChildren(node, open('generate', node, scope, labelled));
        return;
      }
      case N.GenerateAlternative: {
        // An alternative label (`alt: if ...`) names a region of its own.
        visitChildren(node, scope);
        return;
      }
      case N.LoopStatement: {
        const scheme = node.child(N.ForScheme);
        const spec = scheme?.child(N.ParameterSpecification) ?? scheme;
        if (!scheme || !spec) {
          visitChildren(node, scope);
          return;
        }
        const s = open('loop', node, scope, labelled);
        declare(s, 'loopParameter', spec, spec.child(N.DefiningName));
        visitChildren(node, s);
        return;
      }
      default: {
        const kind = SIMPLE_DECLS.get(node.kind);
        if (kind) {
          for (const n of definingNames(node)) declare(scope, kind, node, n);
          return;
        }
        if (INTERFACE_OBJECTS.has(node.kind)) {
          const k = interfaceKind(node);
          for (const n of definingNames(node)) declare(scope, k, node, n);
          return;
        }
        visitChildren(node, scope);
      }
    }
  }

  if (!empty) visitChildren(file.root, root);

  let names: Map<string, SyntaxNode[]> | undefined;
  return {
    root,
    declarations,
    byNameNode,
    byNode,
    allByNode,
    unitScopes,
    scopeAt: (offset) => innermost(root, offset),
    namesCalled(name) {
      if (!names) {
        names = new Map();
        if (empty) return [];
        for (const n of file.root.descendants(N.SimpleName)) {
          const k = nameOf(n);
          if (!k) continue;
          const list = names.get(k);
          if (list) list.push(n);
          else names.set(k, [n]);
        }
      }
      return names.get(name) ?? [];
    },
  };
}

function innermost(scope: Scope, offset: number): Scope {
  for (;;) {
    // Children are disjoint and in text order: binary search (an architecture may hold thousands of processes).
    const ch = scope.children;
    let lo = 0;
    let hi = ch.length - 1;
    let next: Scope | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = ch[mid].node;
      if (offset < c.start) hi = mid - 1;
      else if (offset > c.end) lo = mid + 1;
      else {
        next = ch[mid];
        break;
      }
    }
    if (!next) return scope;
    scope = next;
  }
}

/** The token spelling a declaration's name. */
export function declarationToken(d: Declaration): SyntaxToken | undefined {
  return nameToken(d.nameNode);
}
