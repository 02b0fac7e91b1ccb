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
 * The declarations of one region as plain data, one row each: shared, unchanged, by the copies of
 * the region in later versions while the edits leave its own declarations alone (only the node
 * indices, kept per version, are renumbered).
 */
interface Rows {
  names: string[];
  kinds: DeclKind[];
  /** Rows by name (a number for one row, else a list), made on first lookup; complete once made. */
  byName?: Map<string, number | number[]>;
}

/**
 * A declaration: a row of its region, made into an object when someone asks for it. Its nodes are
 * found in the tree on first use: a region copied from the previous version makes no objects for
 * the declarations nobody looks at.
 */
class Decl implements Declaration {
  unit?: DesignUnit;
  constructor(
    readonly scope: Scope,
    readonly row: number,
    private nodeObj?: SyntaxNode,
    private nameObj?: SyntaxNode,
  ) {}
  get name(): string {
    return this.scope.rows.names[this.row];
  }
  get kind(): DeclKind {
    return this.scope.rows.kinds[this.row];
  }
  get file(): SourceFile {
    return this.scope.regions.file;
  }
  get region(): Scope | undefined {
    return this.scope.regionOfRow(this.row);
  }
  get nodeIndex(): number {
    return this.scope.nodeIdx[this.row];
  }
  get nameIndex(): number {
    return this.scope.nameIdx[this.row];
  }
  get node(): SyntaxNode {
    return (this.nodeObj ??= this.scope.regions.nodeAt(this.nodeIndex, this.scope));
  }
  get nameNode(): SyntaxNode {
    return (this.nameObj ??= this.scope.regions.nodeAt(this.nameIndex, this.scope));
  }
}

/** A library clause's name, with the node it came from (to place it when a region is copied). */
interface LibraryEntry {
  library: string;
  index: number;
}

/** What filling a region recorded besides declarations, in text order: use clauses, library names, nested regions. */
type Entry = Scope | SyntaxNode | LibraryEntry;

/** The empty list regions answer before they hold anything (never written). */
const NONE = Object.freeze([]) as never[];

/**
 * A region's declarations by name, as `Scope.decls` gives them: a name's declarations become
 * objects when the name is first looked up; iterating makes them all (in declaration order).
 */
class DeclMap extends Map<string, Declaration[]> {
  private complete = false;
  constructor(private readonly region: Scope) {
    super();
  }
  override get(name: string): Declaration[] | undefined {
    const hit = super.get(name);
    if (hit !== undefined || this.complete) return hit;
    const list = this.region.declsNamed(name);
    if (list) super.set(name, list);
    return list;
  }
  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  private all(): void {
    if (this.complete) return;
    this.complete = true;
    const known = new Map(super.entries());
    super.clear();
    for (const name of this.region.rows.names) {
      if (super.has(name)) continue;
      super.set(name, known.get(name) ?? this.region.declsNamed(name)!);
    }
  }
  override get size(): number {
    this.all();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.all();
    return super.keys();
  }
  override values(): MapIterator<Declaration[]> {
    this.all();
    return super.values();
  }
  override entries(): MapIterator<[string, Declaration[]]> {
    this.all();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, Declaration[]]> {
    return this.entries();
  }
  override forEach(f: (value: Declaration[], key: string, map: Map<string, Declaration[]>) => void, thisArg?: unknown): void {
    this.all();
    super.forEach(f, thisArg);
  }
}

/**
 * A declarative region. Its contents are filled on first access (`decls`, `uses`, `libraries`,
 * `children`), so a request near one process never walks the other thousand processes of a file.
 */
export class Scope {
  unit?: DesignUnit;
  /** The row of the parent's declaration that opens this region (a label, a type, a subprogram), or -1. */
  ownerRow = -1;
  private filled = false;
  /** The same region of the file's previous version, filled there: this one copies it (see Regions.copy). */
  predecessor: Scope | undefined;
  /** The declarations, as rows (see Rows) with this version's node indices. */
  rows: Rows = { names: [], kinds: [] };
  nodeIdx: number[] | Int32Array = [];
  nameIdx: number[] | Int32Array = [];
  private objs: (Decl | undefined)[] | undefined;
  private declMap: DeclMap | undefined;
  private byNodeIndex: Map<number, number> | undefined;
  private regionByRow: Map<number, Scope> | undefined;
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
      parent.regionByRow = undefined;
      (parent.childList ??= []).push(this);
      (parent.entryList ??= []).push(this);
    }
  }

  /** The declaration that opens the region: a labelled statement's label, a design unit, a type, a subprogram. */
  get owner(): Declaration | undefined {
    return this.ownerRow >= 0 ? this.parent?.declAt(this.ownerRow) : undefined;
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
    return (this.declMap ??= new DeclMap(this));
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

  /** Use clauses, library names and nested regions in text order (for copying the region into the next version). */
  get entries(): readonly Entry[] {
    return this.entryList ?? NONE;
  }

  get isFilled(): boolean {
    return this.filled;
  }

  /** The number of declarations (rows) the region holds once filled. */
  get rowCount(): number {
    return this.rows.names.length;
  }

  /** The declaration of one row (made on first use). */
  declAt(row: number): Decl {
    const objs = (this.objs ??= []);
    return (objs[row] ??= new Decl(this, row));
  }

  /** The declarations named `name`, in declaration order; undefined when there is none. */
  declsNamed(name: string): Declaration[] | undefined {
    const rows = this.rows;
    if (!rows.byName) {
      const m = new Map<string, number | number[]>();
      for (let r = 0; r < rows.names.length; r++) {
        const have = m.get(rows.names[r]);
        if (have === undefined) m.set(rows.names[r], r);
        else if (typeof have === 'number') m.set(rows.names[r], [have, r]);
        else have.push(r);
      }
      rows.byName = m;
    }
    const at = rows.byName.get(name);
    if (at === undefined) return undefined;
    return typeof at === 'number' ? [this.declAt(at)] : at.map((r) => this.declAt(r));
  }

  /** The region that the declaration of `row` opens, if any. */
  regionOfRow(row: number): Scope | undefined {
    if (!this.childList) return undefined;
    if (!this.regionByRow) {
      this.regionByRow = new Map();
      for (const c of this.childList) if (c.ownerRow >= 0) this.regionByRow.set(c.ownerRow, c);
    }
    return this.regionByRow.get(row);
  }

  /** The first declaration this region holds for a construct node (by green index). */
  declarationOfIndex(index: number): Declaration | undefined {
    this.ensure();
    if (!this.byNodeIndex) {
      this.byNodeIndex = new Map();
      for (let r = 0; r < this.nodeIdx.length; r++) if (!this.byNodeIndex.has(this.nodeIdx[r])) this.byNodeIndex.set(this.nodeIdx[r], r);
    }
    const r = this.byNodeIndex.get(index);
    return r === undefined ? undefined : this.declAt(r);
  }

  /** Used while filling: a declaration made from the tree (its nodes at hand). */
  addDecl(name: string, kind: DeclKind, node: SyntaxNode, nameNode: SyntaxNode): Decl {
    const row = this.addRow(name, kind, node.index, nameNode.index);
    const d = new Decl(this, row, node, nameNode);
    (this.objs ??= [])[row] = d;
    return d;
  }

  /** Used while filling: a declaration as a row only. */
  addRow(name: string, kind: DeclKind, nodeIndex: number, nameIndex: number): number {
    this.rows.names.push(name);
    this.rows.kinds.push(kind);
    (this.nodeIdx as number[]).push(nodeIndex);
    (this.nameIdx as number[]).push(nameIndex);
    return this.rows.names.length - 1;
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
  /** Regions in the order they were filled or copied (their declarations, in this order, are the file's). */
  readonly filledOrder: Scope[] = [];
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
    this.filledOrder.push(s);
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
    if (!ch || s.kind === 'file' || p.kind !== s.kind || og.nodeKinds[p.nodeIndex] !== this.green.nodeKinds[s.nodeIndex]) return false;
    const replaced = ch.last >= ch.first && og.nodeFirstDescendant[p.nodeIndex] <= ch.first && ch.last < p.nodeIndex;
    const inS = (j: number): boolean => replaced && j >= ch.first && j <= ch.last;
    const n = p.rowCount;
    const rowInS = (r: number): boolean => inS(p.nodeIdx[r]) || inS(p.nameIdx[r]);
    let sNode: SyntaxNode | undefined;
    let sEnd = 0;
    if (replaced) {
      // The edit is inside this region: inside a nested region (which copies itself), or visited here.
      const nested = p.children.some((c) => !inS(c.nodeIndex) && og.nodeFirstDescendant[c.nodeIndex] <= ch.first && ch.last < c.nodeIndex);
      if (nested) {
        for (let r = 0; r < n; r++) if (rowInS(r)) return false;
        for (const e of p.entries) if (inS(entryIndex(e))) return false;
      } else {
        if (ch.added === 0 || s.kind === 'record') return false;
        sNode = this.nodeAt(ch.first + ch.added - 1, s);
        const top = s.node;
        const body = s.kind === 'unit' ? (s.unit && s.unit.node.kind !== N.PackageInstantiationDeclaration ? s.unit.node : undefined) : top;
        let a = sNode.parent;
        for (; a && a !== top; a = a.parent) if (a !== body && !passesThrough(a)) return false;
        if (a !== top) return false;
        sEnd = og.tokenStarts[og.nodeTokenEnd[ch.last]];
      }
    }
    // Rows and the other entries are each in text order: those before the replaced subtree S, then
    // S's new subtree visited (adding to both), then those after it.
    const before = (j: number): boolean => og.tokenStarts[og.nodeTokenStart[j]] < sEnd;
    const newRowOf = new Int32Array(n).fill(-1);
    let r = 0;
    const copyRows = (all: boolean): void => {
      for (; r < n && (all || before(p.nodeIdx[r])); r++) {
        if (!rowInS(r)) newRowOf[r] = s.addRow(p.rows.names[r], p.rows.kinds[r], this.mapOld(p.nodeIdx[r])!, this.mapOld(p.nameIdx[r])!);
      }
    };
    if (!sNode) {
      // The region's own declarations are all kept, in place: their rows are shared, renumbered.
      s.rows = p.rows;
      const nodes = new Int32Array(n);
      const names = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        nodes[k] = this.mapOld(p.nodeIdx[k])!;
        names[k] = this.mapOld(p.nameIdx[k])!;
        newRowOf[k] = k;
      }
      s.nodeIdx = nodes;
      s.nameIdx = names;
    }
    const copied: [Scope, number][] = [];
    const entries = p.entries;
    let e = 0;
    const copyEntries = (all: boolean): void => {
      for (; e < entries.length; e++) {
        const x = entries[e];
        const oi = entryIndex(x);
        if (!all && !before(oi)) break;
        if (inS(oi)) continue;
        if (x instanceof Scope) {
          const c = new Scope(x.kind, this.mapOld(oi)!, s, this);
          copied.push([c, x.ownerRow]);
          if (x.isFilled) {
            c.predecessor = x;
            this.pending.add(c);
          }
        } else if (x instanceof SyntaxNode) {
          s.addUse(this.nodeAt(this.mapOld(oi)!, s));
        } else {
          s.addLibrary(x.library, this.mapOld(oi)!);
        }
      }
    };
    if (sNode) {
      copyRows(false);
      copyEntries(false);
      this.visit(sNode, s);
      copyRows(true);
    }
    copyEntries(true);
    // A copied region's owner is a row of this one: renumbered like the rows.
    for (const [c, row] of copied) c.ownerRow = row >= 0 ? newRowOf[row] : -1;
    return true;
  }

  private declare(scope: Scope, kind: DeclKind, node: SyntaxNode, nameNode: SyntaxNode | undefined): Decl | undefined {
    const spelled = nameOf(nameNode);
    if (!nameNode || !spelled) return undefined;
    return scope.addDecl(detach(spelled), kind, node, nameNode);
  }

  /** A nested region, filled when first needed (from its predecessor when it has one). */
  private open(kind: ScopeKind, node: SyntaxNode, parent: Scope, owner: Decl | undefined): Scope {
    const s = new Scope(kind, node, parent, this);
    if (owner) s.ownerRow = owner.row;
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
  return new WholeFile(new Regions(file, empty, basis), empty);
}

/**
 * FileScopes as a class, its accessors on the prototype. Not an object literal with getters: V8
 * gives each such literal a hidden class of its own, reachable from its parent class's transitions,
 * and the minor garbage collector keeps what those reach alive. Every version's regions, tree and
 * text then survived each scavenge until the next full collection (measured: 28 texts of a
 * 10,000-line file promoted per scavenge, against 1).
 */
class WholeFile implements FileScopes {
  readonly root: Scope;
  private complete = false;
  private all: Declaration[] | undefined;
  private maps: { byNameNode: Map<SyntaxNode, Declaration>; byNode: Map<SyntaxNode, Declaration>; allByNode: Map<SyntaxNode, Declaration[]> } | undefined;
  private names: Map<string, SyntaxNode[]> | undefined;

  constructor(
    private readonly regions: Regions,
    private readonly empty: boolean,
  ) {
    this.root = regions.root;
  }

  /** Fills every region: for answers about the whole file (outline, diagnostics, facts). */
  private fillAll(): void {
    if (this.complete) return;
    this.complete = true;
    const stack = [this.root];
    while (stack.length) stack.push(...stack.pop()!.children);
  }

  /** Every declaration, region by region in the order they were filled, each region's in text order. */
  get declarations(): Declaration[] {
    this.fillAll();
    if (this.all) return this.all;
    const all: Declaration[] = (this.all = []);
    for (const s of this.regions.filledOrder) for (let r = 0; r < s.rowCount; r++) all.push(s.declAt(r));
    return all;
  }

  private wholeFile(): NonNullable<WholeFile['maps']> {
    this.fillAll();
    if (this.maps) return this.maps;
    const maps = (this.maps = { byNameNode: new Map(), byNode: new Map(), allByNode: new Map() });
    for (const d of this.declarations) {
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
  }

  get byNameNode(): Map<SyntaxNode, Declaration> {
    return this.wholeFile().byNameNode;
  }

  get byNode(): Map<SyntaxNode, Declaration> {
    return this.wholeFile().byNode;
  }

  get allByNode(): Map<SyntaxNode, Declaration[]> {
    return this.wholeFile().allByNode;
  }

  get unitScopes(): Map<DesignUnit, Scope> {
    void this.root.children;
    return this.regions.unitScopes;
  }

  get stats(): { copied: number; filled: number } {
    return this.regions.stats;
  }

  release(): void {
    this.regions.release();
  }

  scopeAt(offset: number): Scope {
    return innermost(this.root, offset);
  }

  declarationOfName(nameNode: SyntaxNode): Declaration | undefined {
    if (nameNode.green !== this.regions.green) return undefined;
    const name = nameOf(nameNode);
    if (!name) return undefined;
    // A declaration's name lies inside the region it is declared in (or in the region it opens).
    for (let s: Scope | undefined = innermost(this.root, nameNode.start); s; s = s.parent) {
      for (const d of s.decls.get(name) ?? []) if ((d as Decl).nameIndex === nameNode.index) return d;
    }
    return undefined;
  }

  declarationOfNode(node: SyntaxNode): Declaration | undefined {
    if (node.green !== this.regions.green) return undefined;
    // Design units are declared at the top; anything else in a region around the node.
    const top = this.root.declarationOfIndex(node.index);
    if (top) return top;
    for (let s: Scope | undefined = innermost(this.root, node.start); s && s !== this.root; s = s.parent) {
      const d = s.declarationOfIndex(node.index);
      if (d) return d;
    }
    return undefined;
  }

  namesCalled(name: string): SyntaxNode[] {
    let names = this.names;
    if (!names) {
      names = this.names = new Map();
      if (this.empty) return [];
      for (const n of this.regions.file.root.descendants(N.SimpleName)) {
        const k = nameOf(n);
        if (!k) continue;
        const list = names.get(k);
        if (list) list.push(n);
        else names.set(k, [n]);
      }
    }
    return names.get(name) ?? [];
  }
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
