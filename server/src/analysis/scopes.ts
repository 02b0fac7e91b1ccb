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

/**
 * A declarative region. Its contents are filled on first access (`decls`, `uses`, `libraries`,
 * `children`), so a request near one process never walks the other thousand processes of a file.
 */
export class Scope {
  owner?: Declaration;
  unit?: DesignUnit;
  private filled = false;
  private readonly declMap = new Map<string, Declaration[]>();
  private readonly useList: SyntaxNode[] = [];
  private readonly libraryList: string[] = [];
  private readonly childList: Scope[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly node: SyntaxNode,
    readonly parent: Scope | undefined,
    private readonly fill: ((s: Scope) => void) | undefined,
  ) {
    parent?.childList.push(this);
  }

  /** Declarations by normalized name. */
  get decls(): Map<string, Declaration[]> {
    this.ensure();
    return this.declMap;
  }

  /** UseClause and ContextReference nodes that apply in the region (a unit's context clause included). */
  get uses(): SyntaxNode[] {
    this.ensure();
    return this.useList;
  }

  /** Library names from library clauses in the region. */
  get libraries(): string[] {
    this.ensure();
    return this.libraryList;
  }

  /** Nested regions, in text order. */
  get children(): Scope[] {
    this.ensure();
    return this.childList;
  }

  get isFilled(): boolean {
    return this.filled;
  }

  /** Used while filling: records without triggering a fill of this region. */
  addDecl(d: Declaration): void {
    const list = this.declMap.get(d.name);
    if (list) list.push(d);
    else this.declMap.set(d.name, [d]);
  }

  addUse(node: SyntaxNode): void {
    this.useList.push(node);
  }

  addLibrary(name: string): void {
    this.libraryList.push(name);
  }

  private ensure(): void {
    if (this.filled) return;
    this.filled = true;
    this.fill?.(this);
  }
}

export interface FileScopes {
  root: Scope;
  /** Every declaration of the file (fills every region). */
  declarations: Declaration[];
  /** The declaration whose name is spelled by a DefiningName/Label node (fills every region). */
  byNameNode: Map<SyntaxNode, Declaration>;
  /** The (first) declaration made by a construct node (fills every region). */
  byNode: Map<SyntaxNode, Declaration>;
  /** All declarations made by a construct node: `signal a, b : bit` makes two (fills every region). */
  allByNode: Map<SyntaxNode, Declaration[]>;
  /** Each design unit's region (filled on first use). */
  unitScopes: Map<DesignUnit, Scope>;
  /** The innermost region containing an offset; fills only the regions on the way down. */
  scopeAt(offset: number): Scope;
  /** The declaration spelled by a DefiningName/Label node, filling only the regions around it. */
  declarationOfName(nameNode: SyntaxNode): Declaration | undefined;
  /** The (first) declaration a construct makes, filling only the regions around it. */
  declarationOfNode(node: SyntaxNode): Declaration | undefined;
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

/** Statements that may carry a label but hold no declarations below it. */
const NO_NESTED_DECLS = new Set([
  N.ComponentInstantiationStatement, N.ConcurrentSimpleSignalAssignment, N.ConcurrentConditionalSignalAssignment,
  N.ConcurrentSelectedSignalAssignment, N.ConcurrentAssertionStatement, N.ConcurrentProcedureCallStatement,
  N.SimpleSignalAssignment, N.ConditionalSignalAssignment, N.SelectedSignalAssignment, N.SimpleForceAssignment,
  N.SimpleReleaseAssignment, N.VariableAssignment, N.ConditionalVariableAssignment, N.SelectedVariableAssignment,
  N.ProcedureCallStatement, N.AssertionStatement, N.ReportStatement, N.WaitStatement, N.NextStatement, N.ExitStatement,
  N.ReturnStatement, N.NullStatement,
]);

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

export function buildFileScopes(file: SourceFile, empty = false): FileScopes {
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
    scope.addDecl(d);
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

  /** A nested region whose contents `fill` visits when first needed. */
  function open(kind: ScopeKind, node: SyntaxNode, parent: Scope, owner: Declaration | undefined, fill: (s: Scope) => void): Scope {
    const s = new Scope(kind, node, parent, fill);
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
    if (NO_NESTED_DECLS.has(node.kind)) return;
    switch (node.kind) {
      case N.DesignUnit:
        visitChildren(node, scope);
        return;
      case N.ContextClause:
        // A unit's context items are gathered into its region by the unit case below; a context
        // declaration's own items belong to its region.
        if (node.parent?.kind === N.ContextDeclaration) visitChildren(node, scope);
        return;
      case N.LibraryClause:
        for (const t of node.descendants(N.DefiningName, N.SimpleName)) {
          const n = nameOf(t);
          if (n) scope.addLibrary(n);
        }
        return;
      case N.UseClause:
      case N.ContextReference:
        scope.addUse(node);
        return;
      case N.EntityDeclaration:
      case N.ArchitectureBody:
      case N.PackageDeclaration:
      case N.PackageBody:
      case N.ConfigurationDeclaration:
      case N.ContextDeclaration: {
        const unit = unitOfNode.get(node);
        const nameNode = node.child(N.DefiningName) ?? (node.kind === N.PackageBody ? node.child(N.SimpleName) : undefined);
        const d = unit ? declare(root, unit.kind, node, nameNode) : undefined;
        if (d) d.unit = unit;
        // The region spans the whole design unit so that names in the context clause are inside it.
        const s = open('unit', unit?.designUnitNode ?? node, root, d, (s) => {
          const cc = unit?.contextClause;
          if (cc) for (const item of cc.childNodes()) visit(item, s);
          visitChildren(node, s);
        });
        s.unit = unit;
        if (unit) unitScopes.set(unit, s);
        return;
      }
      case N.PackageInstantiationDeclaration: {
        const unit = unitOfNode.get(node);
        const d = declare(unit ? root : scope, 'packageInstance', node, node.child(N.DefiningName));
        if (d && unit) {
          d.unit = unit;
          // A library-level instance still has a context clause whose names need a region.
          const s = open('unit', unit.designUnitNode, root, d, (s) => {
            if (unit.contextClause) for (const item of unit.contextClause.childNodes()) visit(item, s);
          });
          s.unit = unit;
          unitScopes.set(unit, s);
        }
        return;
      }
      case N.ComponentDeclaration: {
        const d = declare(scope, 'component', node, node.child(N.DefiningName));
        open('component', node, scope, d, (s) => visitChildren(node, s));
        return;
      }
      case N.SubprogramDeclaration:
      case N.SubprogramBody:
      case N.SubprogramInstantiationDeclaration: {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        const isFunction = spec ? spec.kind === N.FunctionSpecification : !!node.token(T.FunctionKw);
        const d = declare(scope, isFunction ? 'function' : 'procedure', node, (spec ?? node).child(N.DefiningName));
        open('subprogram', node, scope, d, (s) => {
          if (spec) visitChildren(spec, s);
          for (const c of node.childNodes()) if (c !== spec) visit(c, s);
        });
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
          open('record', def, scope, d, (s) => {
            for (const el of def.childNodes(N.ElementDeclaration)) for (const n of definingNames(el)) declare(s, 'element', el, n);
          });
        } else if (def?.kind === N.PhysicalTypeDefinition) {
          for (const u of def.descendants(N.PrimaryUnitDeclaration, N.SecondaryUnitDeclaration)) declare(scope, 'physicalUnit', u, u.child(N.DefiningName));
        } else if (def?.kind === N.ProtectedTypeDeclaration || def?.kind === N.ProtectedTypeBody) {
          open('protected', def, scope, d, (s) => visitChildren(def, s));
        }
        return;
      }
      case N.VariableDeclaration:
        for (const n of definingNames(node)) declare(scope, node.token(T.SharedKw) ? 'sharedVariable' : 'variable', node, n);
        return;
      case N.ProcessStatement:
      case N.BlockStatement:
        open(node.kind === N.ProcessStatement ? 'process' : 'block', node, scope, labelled, (s) => visitChildren(node, s));
        return;
      case N.ForGenerateStatement: {
        open('generate', node, scope, labelled, (s) => {
          const spec = node.child(N.ParameterSpecification);
          if (spec) declare(s, 'generateParameter', spec, spec.child(N.DefiningName));
          visitChildren(node, s);
        });
        return;
      }
      case N.IfGenerateStatement:
      case N.CaseGenerateStatement: {
        open('generate', node, scope, labelled, (s) => visitChildren(node, s));
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
        open('loop', node, scope, labelled, (s) => {
          declare(s, 'loopParameter', spec, spec.child(N.DefiningName));
          visitChildren(node, s);
        });
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

  const root: Scope = new Scope('file', file.root, undefined, (s) => {
    if (!empty) visitChildren(file.root, s);
  });

  /** Fills every region: for answers about the whole file (outline, diagnostics, facts). */
  let complete = false;
  const fillAll = (): void => {
    if (complete) return;
    complete = true;
    const stack = [root];
    while (stack.length) stack.push(...stack.pop()!.children);
  };

  let names: Map<string, SyntaxNode[]> | undefined;
  return {
    root,
    get declarations() {
      fillAll();
      return declarations;
    },
    get byNameNode() {
      fillAll();
      return byNameNode;
    },
    get byNode() {
      fillAll();
      return byNode;
    },
    get allByNode() {
      fillAll();
      return allByNode;
    },
    get unitScopes() {
      void root.children;
      return unitScopes;
    },
    scopeAt: (offset) => innermost(root, offset),
    declarationOfName(nameNode) {
      innermost(root, nameNode.start);
      return byNameNode.get(nameNode);
    },
    declarationOfNode(node) {
      void root.children; // design units are declared at the top
      if (byNode.has(node)) return byNode.get(node);
      innermost(root, node.start);
      return byNode.get(node);
    },
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
