// Declarative regions and the declarations in them, for one file: built once per parse, each region
// filled on first access, and after an incremental reparse copied from the previous version's region
// where the edit left it unchanged (so a keystroke does not redeclare a thousand signals).
import { NodeKind as N } from '../syntax/nodeKind';
import type { GreenTree } from '../syntax/green';
import type { TreeChange } from '../syntax/incremental';
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

/** A node of the file's tree, or its index in the green tree until someone asks for the node. */
type NodeRef = SyntaxNode | number;

const indexOf = (r: NodeRef): number => (typeof r === 'number' ? r : r.index);

/**
 * A declaration. Its nodes may be held as green indices and found in the tree on first use: a
 * region copied from the previous version makes no syntax node objects for declarations nobody
 * looks at.
 */
class Decl implements Declaration {
  region?: Scope;
  unit?: DesignUnit;
  constructor(
    readonly name: string,
    readonly kind: DeclKind,
    readonly file: SourceFile,
    private nodeRef: NodeRef,
    private nameRef: NodeRef,
    readonly scope: Scope,
    private readonly regions: Regions,
  ) {}
  get node(): SyntaxNode {
    return typeof this.nodeRef === 'number' ? (this.nodeRef = this.regions.nodeAt(this.nodeRef, this.scope)) : this.nodeRef;
  }
  get nameNode(): SyntaxNode {
    return typeof this.nameRef === 'number' ? (this.nameRef = this.regions.nodeAt(this.nameRef, this.scope)) : this.nameRef;
  }
  get nodeIndex(): number {
    return indexOf(this.nodeRef);
  }
  get nameIndex(): number {
    return indexOf(this.nameRef);
  }
}

/** A library clause's name, with the node it came from (to place it when a region is copied). */
interface LibraryEntry {
  library: string;
  index: number;
}

/** What filling a region recorded, in text order: declarations, use clauses, library names, nested regions. */
type Entry = Decl | Scope | SyntaxNode | LibraryEntry;

/** The empty list regions answer before they hold anything (never written). */
const NONE = Object.freeze([]) as never[];

/**
 * A declarative region. Its contents are filled on first access (`decls`, `uses`, `libraries`,
 * `children`), so a request near one process never walks the other thousand processes of a file.
 */
export class Scope {
  owner?: Declaration;
  unit?: DesignUnit;
  private filled = false;
  /** The same region of the file's previous version, filled there: this one copies it (see Regions.copy). */
  predecessor: Scope | undefined;
  private declMap: Map<string, Declaration[]> | undefined;
  private byNodeIndex: Map<number, Declaration> | undefined;
  // Made on first use: most regions of a large file are never filled, or hold no use clause.
  private useList: SyntaxNode[] | undefined;
  private libraryList: string[] | undefined;
  private childList: Scope[] | undefined;
  private entryList: Entry[] | undefined;

  constructor(
    readonly kind: ScopeKind,
    private nodeRef: NodeRef,
    readonly parent: Scope | undefined,
    /** The file's regions: fills this one and finds nodes by index. */
    readonly regions: Regions,
  ) {
    if (parent) {
      (parent.childList ??= []).push(this);
      (parent.entryList ??= []).push(this);
    }
  }

  /** The construct that opens the region (the DesignUnit node for a design unit). */
  get node(): SyntaxNode {
    return typeof this.nodeRef === 'number' ? (this.nodeRef = this.regions.nodeAt(this.nodeRef, this.parent)) : this.nodeRef;
  }

  /** The node's index in the green tree (no node object needed). */
  get nodeIndex(): number {
    return indexOf(this.nodeRef);
  }

  /** Offsets of the node, read from the green tree. */
  get start(): number {
    const g = this.regions.green;
    return g.tokenStarts[g.nodeTokenStart[this.nodeIndex]];
  }

  get end(): number {
    const g = this.regions.green;
    return g.tokenStarts[g.nodeTokenEnd[this.nodeIndex]];
  }

  /** Declarations by normalized name. */
  get decls(): Map<string, Declaration[]> {
    this.ensure();
    return (this.declMap ??= new Map());
  }

  /** UseClause and ContextReference nodes that apply in the region (a unit's context clause included). */
  get uses(): SyntaxNode[] {
    this.ensure();
    return this.useList ?? NONE;
  }

  /** Library names from library clauses in the region. */
  get libraries(): string[] {
    this.ensure();
    return this.libraryList ?? NONE;
  }

  /** Nested regions, in text order. */
  get children(): Scope[] {
    this.ensure();
    return this.childList ?? NONE;
  }

  /** Everything the fill recorded, in text order (for copying the region into the next version). */
  get entries(): readonly Entry[] {
    return this.entryList ?? NONE;
  }

  get isFilled(): boolean {
    return this.filled;
  }

  /** The first declaration this region holds for a construct node (by green index). */
  declarationOfIndex(index: number): Declaration | undefined {
    this.ensure();
    if (!this.byNodeIndex) {
      this.byNodeIndex = new Map();
      for (const e of this.entries) if (e instanceof Decl && !this.byNodeIndex.has(e.nodeIndex)) this.byNodeIndex.set(e.nodeIndex, e);
    }
    return this.byNodeIndex.get(index);
  }

  /** Used while filling: records without triggering a fill of this region. */
  addDecl(d: Declaration): void {
    const map = (this.declMap ??= new Map());
    const list = map.get(d.name);
    if (list) list.push(d);
    else map.set(d.name, [d]);
    if (d instanceof Decl) (this.entryList ??= []).push(d);
  }

  addUse(node: SyntaxNode): void {
    (this.useList ??= []).push(node);
    (this.entryList ??= []).push(node);
  }

  addLibrary(name: string, index = -1): void {
    (this.libraryList ??= []).push(name);
    (this.entryList ??= []).push({ library: name, index });
  }

  private ensure(): void {
    if (this.filled) return;
    this.filled = true;
    this.regions.fill(this);
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
  /**
   * Forgets the links to the previous version's regions that were not used yet (called when the
   * file is replaced by a newer version, so that versions do not keep each other alive in a chain).
   */
  release(): void;
  /** How many regions were copied from the previous version and how many filled from the tree (for tests and benchmarks). */
  readonly stats: { copied: number; filled: number };
}

/** The previous version's regions and how the reparse changed the tree since (see SourceFile). */
export interface ScopesBasis {
  scopes: FileScopes;
  change: TreeChange;
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

/** Constructs that `visit` handles itself rather than by visiting their children in the same region. */
const OWN_CASES = new Set([
  N.ContextClause, N.LibraryClause, N.UseClause, N.ContextReference, N.EntityDeclaration, N.ArchitectureBody, N.PackageDeclaration,
  N.PackageBody, N.ConfigurationDeclaration, N.ContextDeclaration, N.PackageInstantiationDeclaration, N.ComponentDeclaration,
  N.SubprogramDeclaration, N.SubprogramBody, N.SubprogramInstantiationDeclaration, N.InterfaceSubprogramDeclaration, N.TypeDeclaration,
  N.VariableDeclaration, N.ProcessStatement, N.BlockStatement, N.ForGenerateStatement, N.IfGenerateStatement, N.CaseGenerateStatement,
]);

/** Whether `visit` passes through a node to its children in the same region (so an element below it is visited alone the same way). */
function passesThrough(a: SyntaxNode): boolean {
  const k = a.kind;
  if (k === N.DesignUnit || k === N.GenerateAlternative) return true;
  if (k === N.LoopStatement) return !a.child(N.ForScheme);
  return !(NO_DECLS.has(k) || NO_NESTED_DECLS.has(k) || SIMPLE_DECLS.has(k) || INTERFACE_OBJECTS.has(k) || OWN_CASES.has(k));
}

function definingNames(node: SyntaxNode): SyntaxNode[] {
  const list = node.child(N.IdentifierList);
  return list ? list.childNodes(N.DefiningName) : node.childNodes(N.DefiningName);
}

/**
 * `s` as a string of its own. A name sliced from the text (V8 slices strings of 13 characters or
 * more instead of copying them) would keep that whole text alive, and copied regions carry names
 * from version to version; a property key is internalized, which copies it.
 */
function detach(s: string): string {
  return s.length < 13 ? s : Object.keys({ [s]: 0 })[0];
}

function first<X>(set: Set<X>): X | undefined {
  for (const x of set) return x;
  return undefined;
}

/** The green index an entry is placed by. */
function entryIndex(e: Entry): number {
  if (e instanceof Decl) return e.nodeIndex;
  if (e instanceof Scope) return e.nodeIndex;
  if (e instanceof SyntaxNode) return e.index;
  return e.index;
}

/**
 * The regions of one version of a file: fills them from the tree, or copies them from the previous
 * version's regions through the node-index map of the incremental reparse.
 *
 * Copying is exact because an incremental reparse replaces one subtree S (old nodes [first, last])
 * and keeps every other node's kind and subtree, only renumbered (and, for a trivia edit, replaces
 * nothing). What a fill records for a node depends only on its subtree and the kinds of its
 * ancestors, so a region's entries outside S are the same as before; the entries inside S are made
 * by visiting S's new subtree, where the region's own fill would visit it.
 */
class Regions {
  readonly green: GreenTree;
  readonly root: Scope;
  /** Declarations in the order they were made (as filled or copied). */
  readonly declarations: Decl[] = [];
  readonly unitScopes = new Map<DesignUnit, Scope>();
  readonly stats = { copied: 0, filled: 0 };
  private readonly unitOfNode: Map<SyntaxNode, DesignUnit>;
  /** Child node lists of nodes walked by `nodeAt` (copies of the tree's own lists). */
  private readonly kids = new Map<SyntaxNode, SyntaxNode[]>();
  /** Regions holding a predecessor they have not copied yet. */
  private readonly pending = new Set<Scope>();
  private change: TreeChange | undefined;
  /** The previous version's filled design-unit regions, by the new index of their node. */
  private unitPredecessors: Map<number, Scope> | undefined;

  constructor(
    readonly file: SourceFile,
    private readonly empty: boolean,
    basis: ScopesBasis | undefined,
  ) {
    this.green = file.root.green;
    this.unitOfNode = new Map(file.units.map((u) => [u.node, u]));
    this.root = new Scope('file', file.root, undefined, this);
    const old = basis?.scopes.root;
    const ch = basis?.change;
    if (!empty && old && ch && old.isFilled && old.regions.green.nodeCount + ch.added - (ch.last - ch.first + 1) === this.green.nodeCount) {
      this.change = ch;
      this.unitPredecessors = new Map();
      for (const c of old.children) {
        const j = this.mapOld(c.nodeIndex);
        if (j !== undefined && c.isFilled) this.unitPredecessors.set(j, c);
      }
    }
  }

  /** The new index of an old node, or undefined for a node of the replaced subtree. */
  private mapOld(j: number): number | undefined {
    const { first, last, added } = this.change!;
    if (j < first) return j;
    if (j > last) return j + added - (last - first + 1);
    return undefined;
  }

  /** The node with green index `j`, found from the node of region `near` when it contains it (else from the root). */
  nodeAt(j: number, near?: Scope): SyntaxNode {
    const fd = this.green.nodeFirstDescendant;
    let n = this.file.root;
    if (near) {
      const h = near.node;
      if (fd[h.index] <= j && j <= h.index) n = h;
    }
    while (n.index !== j) {
      let kids = this.kids.get(n);
      if (!kids) this.kids.set(n, (kids = n.childNodes()));
      // Siblings have increasing indices, each covering [firstDescendant, index]: the first child with index >= j.
      let lo = 0;
      let hi = kids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (kids[mid].index < j) lo = mid + 1;
        else hi = mid;
      }
      const c = kids[lo];
      if (c === undefined || fd[c.index] > j) throw new Error(`scopes: no node ${j} below node ${n.index}`);
      n = c;
    }
    return n;
  }

  fill(s: Scope): void {
    const p = s.predecessor;
    if (p) {
      s.predecessor = undefined;
      this.pending.delete(s);
      if (this.copy(s, p)) {
        this.stats.copied++;
        return;
      }
    }
    this.stats.filled++;
    this.fresh(s);
    if (s === this.root) this.copyAll();
  }

  /**
   * Copies every region the previous version had filled, right after the file region is filled:
   * copying is cheap, and afterwards nothing links this version to the previous one (a lazy link
   * would keep that whole version alive, and every young object of it would be copied by the
   * garbage collector along with this one's).
   */
  private copyAll(): void {
    for (let s = first(this.pending); s; s = first(this.pending)) void s.children;
    this.change = undefined;
    this.unitPredecessors = undefined;
  }

  /** Drops the links to the previous version that were not used. */
  release(): void {
    for (const s of this.pending) s.predecessor = undefined;
    this.pending.clear();
    this.unitPredecessors = undefined;
  }

  /** Fills a region by visiting its part of the tree. */
  private fresh(s: Scope): void {
    const node = s.node;
    switch (s.kind) {
      case 'file':
        if (!this.empty) this.visitChildren(node, s);
        return;
      case 'unit': {
        // The region spans the whole design unit so that names in the context clause are inside it.
        const cc = s.unit?.contextClause;
        if (cc) for (const item of cc.childNodes()) this.visit(item, s);
        const lib = s.unit ? s.unit.node : node;
        // A library-level package instance only has a context clause to fill.
        if (lib.kind !== N.PackageInstantiationDeclaration) this.visitChildren(lib, s);
        return;
      }
      case 'subprogram': {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        if (spec) this.visitChildren(spec, s);
        for (const c of node.childNodes()) if (c !== spec) this.visit(c, s);
        return;
      }
      case 'record':
        for (const el of node.childNodes(N.ElementDeclaration)) for (const n of definingNames(el)) this.declare(s, 'element', el, n);
        return;
      case 'generate':
        if (node.kind === N.ForGenerateStatement) {
          const spec = node.child(N.ParameterSpecification);
          if (spec) this.declare(s, 'generateParameter', spec, spec.child(N.DefiningName));
        }
        this.visitChildren(node, s);
        return;
      case 'loop': {
        const scheme = node.child(N.ForScheme);
        const spec = scheme?.child(N.ParameterSpecification) ?? scheme;
        if (spec) this.declare(s, 'loopParameter', spec, spec.child(N.DefiningName));
        this.visitChildren(node, s);
        return;
      }
      default:
        // component, protected, process, block: their children are the region.
        this.visitChildren(node, s);
    }
  }

  /**
   * Fills `s` from `p`, the same region in the previous version, or returns false (having changed
   * nothing) when the edit is placed where copying cannot be proven equal to a fill.
   */
  private copy(s: Scope, p: Scope): boolean {
    const ch = this.change;
    const og = p.regions.green;
    if (!ch || p.kind !== s.kind || og.nodeKinds[p.nodeIndex] !== this.green.nodeKinds[s.nodeIndex]) return false;
    const replaced = ch.last >= ch.first && og.nodeFirstDescendant[p.nodeIndex] <= ch.first && ch.last < p.nodeIndex;
    const inS = (j: number): boolean => replaced && j >= ch.first && j <= ch.last;
    let sNode: SyntaxNode | undefined;
    let sEnd = 0;
    if (replaced) {
      // The edit is inside this region: inside a nested region (which copies itself), or visited here.
      const nested = p.children.some((c) => !inS(c.nodeIndex) && og.nodeFirstDescendant[c.nodeIndex] <= ch.first && ch.last < c.nodeIndex);
      for (const e of p.entries) if (inS(entryIndex(e)) || (e instanceof Decl && inS(e.nameIndex))) if (nested) return false;
      if (!nested) {
        if (ch.added === 0 || s.kind === 'record' || s.kind === 'file') return false;
        sNode = this.nodeAt(ch.first + ch.added - 1, s);
        const top = s.node;
        const body = s.kind === 'unit' ? (s.unit && s.unit.node.kind !== N.PackageInstantiationDeclaration ? s.unit.node : undefined) : top;
        let a = sNode.parent;
        for (; a && a !== top; a = a.parent) if (a !== body && !passesThrough(a)) return false;
        if (a !== top) return false;
        sEnd = og.tokenStarts[og.nodeTokenEnd[ch.last]];
      }
    }
    for (const e of p.entries) if (e instanceof Decl && e.unit) return false; // design units are only in the file region
    const owners = new Map<Declaration, Decl>();
    for (const e of p.entries) {
      const oi = entryIndex(e);
      if (inS(oi) || (e instanceof Decl && inS(e.nameIndex))) continue;
      if (sNode && og.tokenStarts[og.nodeTokenStart[oi]] >= sEnd) {
        this.visit(sNode, s);
        sNode = undefined;
      }
      if (e instanceof Decl) {
        const d = new Decl(e.name, e.kind, this.file, this.mapOld(oi)!, this.mapOld(e.nameIndex)!, s, this);
        s.addDecl(d);
        this.declarations.push(d);
        if (e.region) owners.set(e, d);
      } else if (e instanceof Scope) {
        const c = new Scope(e.kind, this.mapOld(oi)!, s, this);
        const o = e.owner ? owners.get(e.owner) : undefined;
        if (o) {
          o.region = c;
          c.owner = o;
        }
        if (e.isFilled) {
          c.predecessor = e;
          this.pending.add(c);
        }
      } else if (e instanceof SyntaxNode) {
        s.addUse(this.nodeAt(this.mapOld(oi)!, s));
      } else {
        s.addLibrary(e.library, this.mapOld(oi)!);
      }
    }
    if (sNode) this.visit(sNode, s);
    return true;
  }

  private declare(scope: Scope, kind: DeclKind, node: SyntaxNode, nameNode: SyntaxNode | undefined): Decl | undefined {
    const spelled = nameOf(nameNode);
    if (!nameNode || !spelled) return undefined;
    const name = detach(spelled);
    const d = new Decl(name, kind, this.file, node, nameNode, scope, this);
    scope.addDecl(d);
    this.declarations.push(d);
    return d;
  }

  /** A nested region, filled when first needed (from its predecessor when it has one). */
  private open(kind: ScopeKind, node: SyntaxNode, parent: Scope, owner: Decl | undefined): Scope {
    const s = new Scope(kind, node, parent, this);
    if (owner) {
      owner.region = s;
      s.owner = owner;
    }
    const p = parent === this.root ? this.unitPredecessors?.get(node.index) : undefined;
    if (p && p.kind === kind) {
      s.predecessor = p;
      this.pending.add(s);
    }
    return s;
  }

  private interfaceKind(node: SyntaxNode): DeclKind {
    for (let p = node.parent; p; p = p.parent) {
      if (p.kind === N.GenericClause) return 'generic';
      if (p.kind === N.PortClause) return 'port';
      if (p.kind === N.ParameterList || p.kind === N.SubprogramHeader) return 'parameter';
    }
    return 'parameter';
  }

  /** Visits the child nodes of `node` in region `scope`. Iterative over siblings, recursive over regions. */
  private visitChildren(node: SyntaxNode, scope: Scope): void {
    for (const c of node.childNodes()) this.visit(c, scope);
  }

  private visit(node: SyntaxNode, scope: Scope): void {
    if (NO_DECLS.has(node.kind)) return;
    const label = node.child(N.Label);
    const labelled = label ? this.declare(scope, LABELLED_KINDS.get(node.kind) ?? 'label', node, label) : undefined;
    if (NO_NESTED_DECLS.has(node.kind)) return;
    switch (node.kind) {
      case N.DesignUnit:
        this.visitChildren(node, scope);
        return;
      case N.ContextClause:
        // A unit's context items are gathered into its region by the unit's fill; a context
        // declaration's own items belong to its region.
        if (node.parent?.kind === N.ContextDeclaration) this.visitChildren(node, scope);
        return;
      case N.LibraryClause:
        for (const t of node.descendants(N.DefiningName, N.SimpleName)) {
          const n = nameOf(t);
          if (n) scope.addLibrary(detach(n), node.index);
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
        const unit = this.unitOfNode.get(node);
        const nameNode = node.child(N.DefiningName) ?? (node.kind === N.PackageBody ? node.child(N.SimpleName) : undefined);
        const d = unit ? this.declare(this.root, unit.kind, node, nameNode) : undefined;
        if (d) d.unit = unit;
        const s = this.open('unit', unit?.designUnitNode ?? node, this.root, d);
        s.unit = unit;
        if (unit) this.unitScopes.set(unit, s);
        return;
      }
      case N.PackageInstantiationDeclaration: {
        const unit = this.unitOfNode.get(node);
        const d = this.declare(unit ? this.root : scope, 'packageInstance', node, node.child(N.DefiningName));
        if (d && unit) {
          d.unit = unit;
          // A library-level instance still has a context clause whose names need a region.
          const s = this.open('unit', unit.designUnitNode, this.root, d);
          s.unit = unit;
          this.unitScopes.set(unit, s);
        }
        return;
      }
      case N.ComponentDeclaration:
        this.open('component', node, scope, this.declare(scope, 'component', node, node.child(N.DefiningName)));
        return;
      case N.SubprogramDeclaration:
      case N.SubprogramBody:
      case N.SubprogramInstantiationDeclaration: {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        const isFunction = spec ? spec.kind === N.FunctionSpecification : !!node.token(T.FunctionKw);
        this.open('subprogram', node, scope, this.declare(scope, isFunction ? 'function' : 'procedure', node, (spec ?? node).child(N.DefiningName)));
        return;
      }
      case N.InterfaceSubprogramDeclaration: {
        const spec = node.child(N.FunctionSpecification, N.ProcedureSpecification);
        this.declare(scope, spec?.kind === N.ProcedureSpecification ? 'procedure' : 'function', node, (spec ?? node).child(N.DefiningName));
        return;
      }
      case N.TypeDeclaration: {
        const d = this.declare(scope, 'type', node, node.child(N.DefiningName));
        const def = node.childNodes().find((c) => c.kind !== N.DefiningName);
        if (def?.kind === N.EnumerationTypeDefinition) {
          for (const lit of def.childNodes(N.DefiningName)) this.declare(scope, 'enumLiteral', node, lit);
        } else if (def?.kind === N.RecordTypeDefinition) {
          this.open('record', def, scope, d);
        } else if (def?.kind === N.PhysicalTypeDefinition) {
          for (const u of def.descendants(N.PrimaryUnitDeclaration, N.SecondaryUnitDeclaration)) this.declare(scope, 'physicalUnit', u, u.child(N.DefiningName));
        } else if (def?.kind === N.ProtectedTypeDeclaration || def?.kind === N.ProtectedTypeBody) {
          this.open('protected', def, scope, d);
        }
        return;
      }
      case N.VariableDeclaration:
        for (const n of definingNames(node)) this.declare(scope, node.token(T.SharedKw) ? 'sharedVariable' : 'variable', node, n);
        return;
      case N.ProcessStatement:
      case N.BlockStatement:
        this.open(node.kind === N.ProcessStatement ? 'process' : 'block', node, scope, labelled);
        return;
      case N.ForGenerateStatement:
      case N.IfGenerateStatement:
      case N.CaseGenerateStatement:
        this.open('generate', node, scope, labelled);
        return;
      case N.GenerateAlternative:
        // An alternative label (`alt: if ...`) is declared in the generate's region.
        this.visitChildren(node, scope);
        return;
      case N.LoopStatement:
        if (!node.child(N.ForScheme)) this.visitChildren(node, scope);
        else this.open('loop', node, scope, labelled);
        return;
      default: {
        const kind = SIMPLE_DECLS.get(node.kind);
        if (kind) {
          for (const n of definingNames(node)) this.declare(scope, kind, node, n);
          return;
        }
        if (INTERFACE_OBJECTS.has(node.kind)) {
          const k = this.interfaceKind(node);
          for (const n of definingNames(node)) this.declare(scope, k, node, n);
          return;
        }
        this.visitChildren(node, scope);
      }
    }
  }
}

/**
 * The regions of `file`. With a `basis` (the previous version's regions and the tree change of an
 * incremental reparse), regions are copied from their previous version where the edit allows.
 */
export function buildFileScopes(file: SourceFile, empty = false, basis?: ScopesBasis): FileScopes {
  const regions = new Regions(file, empty, basis);
  const root = regions.root;

  /** Fills every region: for answers about the whole file (outline, diagnostics, facts). */
  let complete = false;
  const fillAll = (): void => {
    if (complete) return;
    complete = true;
    const stack = [root];
    while (stack.length) stack.push(...stack.pop()!.children);
  };

  let maps: { byNameNode: Map<SyntaxNode, Declaration>; byNode: Map<SyntaxNode, Declaration>; allByNode: Map<SyntaxNode, Declaration[]> } | undefined;
  const wholeFile = () => {
    fillAll();
    if (maps) return maps;
    maps = { byNameNode: new Map(), byNode: new Map(), allByNode: new Map() };
    for (const d of regions.declarations) {
      maps.byNameNode.set(d.nameNode, d);
      const node = d.node;
      const same = maps.allByNode.get(node);
      if (same) same.push(d);
      else {
        maps.byNode.set(node, d);
        maps.allByNode.set(node, [d]);
      }
    }
    return maps;
  };

  let names: Map<string, SyntaxNode[]> | undefined;
  return {
    root,
    get declarations() {
      fillAll();
      return regions.declarations;
    },
    get byNameNode() {
      return wholeFile().byNameNode;
    },
    get byNode() {
      return wholeFile().byNode;
    },
    get allByNode() {
      return wholeFile().allByNode;
    },
    get unitScopes() {
      void root.children;
      return regions.unitScopes;
    },
    get stats() {
      return regions.stats;
    },
    release: () => regions.release(),
    scopeAt: (offset) => innermost(root, offset),
    declarationOfName(nameNode) {
      if (nameNode.green !== regions.green) return undefined;
      const name = nameOf(nameNode);
      if (!name) return undefined;
      // A declaration's name lies inside the region it is declared in (or in the region it opens).
      for (let s: Scope | undefined = innermost(root, nameNode.start); s; s = s.parent) {
        for (const d of s.decls.get(name) ?? []) if ((d as Decl).nameIndex === nameNode.index) return d;
      }
      return undefined;
    },
    declarationOfNode(node) {
      if (node.green !== regions.green) return undefined;
      // Design units are declared at the top; anything else in a region around the node.
      const top = root.declarationOfIndex(node.index);
      if (top) return top;
      for (let s: Scope | undefined = innermost(root, node.start); s && s !== root; s = s.parent) {
        const d = s.declarationOfIndex(node.index);
        if (d) return d;
      }
      return undefined;
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
    // Children are disjoint and in text order: binary search (an architecture may hold thousands of
    // processes), on offsets read from the green tree so that no node object is made.
    const ch = scope.children;
    let lo = 0;
    let hi = ch.length - 1;
    let next: Scope | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = ch[mid];
      if (offset < c.start) hi = mid - 1;
      else if (offset > c.end) lo = mid + 1;
      else {
        next = c;
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
