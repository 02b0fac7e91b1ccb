// One walk over an architecture (generate bodies and blocks included): every read and write of
// every object, the statement that makes it, the processes and the instances.
import { NodeKind as N } from '../../syntax/nodeKind';
import { TokenKind as T } from '../../syntax/tokenKind';
import { nameOf, SyntaxNode } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import { instantiatedUnits, resolveNameNode, unitScope } from '../resolve';
import type { Declaration, Scope } from '../scopes';
import type { SourceFile } from '../sourceFile';
import type { Workspace } from '../workspace';
import { type InterfaceItem, interfaceItems } from './interfaces';
import { calledProcedure, callParts, MAX_BODY_WALKS, MAX_CALL_DEPTH } from './procedures';
import { ASSIGNMENT_KINDS, CONCURRENT_ASSIGNMENT_KINDS, compact, lineOf, nameBase, simpleValue, stripParens, targetNames } from './text';
import type { Access, Connection, InstanceFacts, ReadContext, StatementKind } from './types';

export const OBJECT_KINDS = new Set(['signal', 'port', 'variable', 'sharedVariable', 'constant', 'generic']);

/** What the prefix of an expanded name may denote: the constructs that declare objects. */
const CONTAINER_KINDS = new Set(['library', 'package', 'entity', 'architecture', 'block', 'process', 'generate', 'label', 'function', 'procedure']);

/** Attributes whose value depends on the prefix signal's value or events: these read it. */
const SIGNAL_ATTRIBUTES = new Set(['event', 'stable', 'last_value', 'active', 'delayed', 'quiet', 'transaction', 'last_event', 'last_active', 'driving', 'driving_value']);

/** The concurrent statement an access belongs to. */
export interface StatementInfo {
  kind: StatementKind;
  label: string | null;
  line: number;
  node: SyntaxNode;
  generate: string[];
  /** Inside a for-generate: the statement exists once per index. */
  replicated: boolean;
}

export interface Write {
  decl: Declaration;
  element: string | undefined;
  /** The name node of the target's base. */
  name: SyntaxNode;
  /** The assignment statement (or the association element of a port map). */
  stmt: SyntaxNode;
  statement: StatementInfo;
  uncertain?: string;
  /** Made inside a procedure's body (or through its parameter): the procedure's name; `name` and `stmt` are then the call's. */
  via?: string;
  /** Through a procedure: the value text assigned, with the call's actuals put for the formals where they are plain. */
  value?: string;
  /** Inside a procedure body: the assignment statement there. */
  source?: SyntaxNode;
}

export interface Read {
  decl: Declaration;
  element: string | undefined;
  name: SyntaxNode;
  context: ReadContext;
  statement: StatementInfo;
  uncertain?: string;
  /** Made inside a procedure's body: the procedure's name; `name` is then the call's. */
  via?: string;
}

/** A procedure body walked for a call. */
interface Frame {
  /** The procedure's name. */
  procedure: string;
  body: SyntaxNode;
  /** The outermost call, in the concurrent statement: its name node, statement and text. */
  callName: SyntaxNode;
  callStmt: SyntaxNode;
  callText: string;
  /** Formal name -> actual text of this call. */
  formals: Map<string, string>;
  /** The file the body is in (a package body's, for a subprogram of a package). */
  file: SourceFile;
  /** Where this call's accesses start in `writes` and `reads` (to merge repeats). */
  firstWrite: number;
  firstRead: number;
}

export interface ProcessInfo {
  node: SyntaxNode;
  statement: StatementInfo;
  writes: Write[];
  reads: Read[];
  /** Names read that nothing declares (a missing package, a typo): the process's facts are incomplete. */
  unknown: string[];
}

export interface InstanceInfo {
  node: SyntaxNode;
  facts: InstanceFacts;
}

/** Looks names up in the architecture's regions (and its entity's); knows objects from everything else. */
export class Names {
  readonly entityScope: Scope | undefined;
  private readonly cache = new Map<SyntaxNode, Declaration | null>();
  private readonly packageSignals = new Map<string, Declaration | null>();
  /** The type declaration of an object's type mark (null: none found), filled by `typeDeclarationOf`. */
  readonly typeCache = new Map<Declaration, Declaration | null>();
  constructor(
    readonly file: SourceFile,
    readonly archScope: Scope | undefined,
    entity: DesignUnit | undefined,
    /** When given, names declared nowhere local are looked up through the use clauses for package signals. */
    readonly ws?: Workspace,
  ) {
    this.entityScope = entity ? unitScope(entity) : undefined;
  }

  /** The local declaration a SimpleName denotes; null when the name is not declared in the architecture or its entity. */
  lookup(n: SyntaxNode): Declaration | null {
    const hit = this.cache.get(n);
    if (hit !== undefined) return hit;
    const name = nameOf(n);
    let found: Declaration | null = null;
    if (name) {
      for (let s: Scope | undefined = this.file.scopes.scopeAt(n.start); s && !found; s = s.parent) {
        if (s.kind === 'file') break;
        const ds = s.decls.get(name);
        if (ds?.length) found = ds[0];
      }
      if (!found && this.entityScope) found = this.entityScope.decls.get(name)?.[0] ?? null;
    }
    this.cache.set(n, found);
    return found;
  }

  /** The object (signal, port, variable, constant, generic) a SimpleName denotes, through an alias too, or undefined. */
  object(n: SyntaxNode): Declaration | undefined {
    if (n.kind !== N.SimpleName) return undefined;
    const d = this.lookup(n);
    if (d?.kind === 'alias') return aliasTarget(this, d)?.decl;
    if (d) return OBJECT_KINDS.has(d.kind) ? d : undefined;
    return this.packageSignal(n);
  }

  /**
   * A signal of a package made visible by a use clause (`use work.pkg.all` then `flag`), resolved
   * once per spelling (use clauses apply to the whole unit). Not for the suffix of a selected name.
   */
  private packageSignal(n: SyntaxNode): Declaration | undefined {
    const ws = this.ws;
    const name = nameOf(n);
    if (!ws || !name || n.childTokens()[0]?.kind !== T.Identifier) return undefined;
    if (n.parent?.kind === N.SelectedName && n.parent.childNodes()[0] !== n) return undefined;
    let hit = this.packageSignals.get(name);
    if (hit === undefined) {
      const r = resolveNameNode(ws, this.file, n);
      hit = (r.kind === 'declarations' ? r.decls.find(isPackageSignal) : undefined) ?? null;
      this.packageSignals.set(name, hit);
    }
    return hit ?? undefined;
  }

  /** The element suffix an alias name stands for (`alias lo is s(1 downto 0)` gives `(1 downto 0)`), '' for a whole-object alias. */
  aliasElement(n: SyntaxNode): string | undefined {
    const d = n.kind === N.SimpleName ? this.lookup(n) : null;
    return d?.kind === 'alias' ? (aliasTarget(this, d)?.element ?? '') : undefined;
  }

  private readonly undeclared = new Map<string, boolean>();

  /**
   * Whether a simple name is declared nowhere the workspace can see (not local, not through a use
   * clause, not predefined). Resolved once per spelling: use clauses apply to the whole unit.
   */
  isUndeclared(n: SyntaxNode, ws: Workspace): boolean {
    if (this.lookup(n)) return false;
    const name = nameOf(n);
    if (!name || n.childTokens()[0]?.kind !== T.Identifier) return false;
    let hit = this.undeclared.get(name);
    if (hit === undefined) {
      hit = resolveNameNode(ws, this.file, n).kind === 'unresolved';
      this.undeclared.set(name, hit);
    }
    return hit;
  }

  /** Whether the name is declared with type boolean. */
  isBoolean(n: SyntaxNode): boolean {
    const d = this.object(n);
    const mark = d?.node.child(N.SubtypeIndication)?.child(N.TypeMark);
    return !!mark && compact(mark).toLowerCase() === 'boolean';
  }
}

/** A signal declared in a package (a global signal): its accesses are reported per architecture. */
export function isPackageSignal(d: Declaration): boolean {
  return d.kind === 'signal' && d.scope.kind === 'unit' && d.scope.unit?.kind === 'package';
}

/** The object an alias declaration names, and the element suffix of that name. */
export function aliasTarget(names: Names, alias: { node: SyntaxNode; file: SourceFile }, depth = 0): { decl: Declaration; element: string } | undefined {
  if (depth > 4 || alias.file !== names.file) return undefined;
  const is = alias.node.token(T.IsKw);
  const target = is ? alias.node.childNodes().find((c) => c.start >= is.end) : undefined;
  const nb = target ? nameBase(target) : undefined;
  if (!nb) return undefined;
  const d = names.lookup(nb.base);
  if (!d) return undefined;
  if (d.kind === 'alias') {
    const inner = aliasTarget(names, d, depth + 1);
    return inner ? { decl: inner.decl, element: inner.element + (nb.element ?? '') } : undefined;
  }
  return OBJECT_KINDS.has(d.kind) ? { decl: d, element: nb.element ?? '' } : undefined;
}

export class Collector {
  readonly writes: Write[] = [];
  readonly reads: Read[] = [];
  readonly processes: ProcessInfo[] = [];
  readonly instances: InstanceInfo[] = [];
  readonly notes: string[] = [];
  private stmt: StatementInfo | undefined;
  private proc: ProcessInfo | undefined;
  private uncertain: string | undefined;
  /** Procedure bodies being walked for a call, outermost first: their accesses belong to the call. */
  private frames: Frame[] = [];
  /** Procedure bodies walked for the current statement (bounded: calls may fan out). */
  private bodyWalks = 0;

  /** The file and names of the architecture; while a package subprogram's body is walked, `file` and `names` are the package body's. */
  private readonly home: { file: SourceFile; names: Names };
  /** Names of package bodies whose subprograms were walked, by package body. */
  private readonly packageNames = new Map<DesignUnit, Names>();
  /** Package functions by spelling: whether the name, not declared in the architecture, denotes a function of a package. */
  private readonly packageFunctions = new Map<string, boolean>();

  constructor(
    readonly ws: Workspace,
    public file: SourceFile,
    public names: Names,
  ) {
    this.home = { file, names };
  }

  architecture(arch: SyntaxNode): void {
    this.concurrent(arch.child(N.ConcurrentStatements), [], false);
  }

  private line(offset: number): number {
    return lineOf(this.file, offset);
  }

  private begin(kind: StatementKind, node: SyntaxNode, label: string | null, generate: string[], replicated: boolean): StatementInfo {
    const own = nameOf(node.child(N.Label));
    this.stmt = { kind, label: own ?? label, line: this.line(node.start), node, generate, replicated };
    return this.stmt;
  }

  private concurrent(list: SyntaxNode | undefined, gen: string[], replicated: boolean): void {
    if (!list) return;
    for (const s of list.childNodes()) this.statement(s, gen, replicated, true);
  }

  /**
   * One concurrent statement. With `deep` false, a block or generate statement contributes only
   * its header (range, condition, block header): its body statements are analysed on their own.
   */
  statement(s: SyntaxNode, gen: string[], replicated: boolean, deep: boolean): void {
    this.proc = undefined;
    this.uncertain = undefined;
    this.stmt = undefined;
    this.frames = [];
    this.bodyWalks = 0;
    if (CONCURRENT_ASSIGNMENT_KINDS.has(s.kind)) {
      const t = targetNames(s)[0];
      this.begin('concurrent assignment', s, t ? compact(t) : null, gen, replicated);
      this.assignment(s);
    } else {
      const label = nameOf(s.child(N.Label));
      switch (s.kind) {
        case N.ProcessStatement:
          this.process(s, gen, replicated);
          break;
        case N.ComponentInstantiationStatement:
          this.begin('instance', s, null, gen, replicated);
          this.instance(s);
          break;
        case N.ConcurrentProcedureCallStatement:
          this.begin('procedure call', s, null, gen, replicated);
          this.procedureCall(s.childNodes().find((c) => c.kind !== N.Label), s);
          break;
        case N.ConcurrentAssertionStatement:
          this.begin('assertion', s, null, gen, replicated);
          for (const c of s.childNodes()) if (c.kind !== N.Label) this.read(c, 'condition');
          break;
        case N.BlockStatement:
          this.begin('block', s, null, gen, replicated);
          for (const c of s.childNodes(N.BlockHeader)) this.read(c, 'expression');
          if (deep) this.concurrent(s.child(N.ConcurrentStatements), [...gen, label ?? 'block'], replicated);
          break;
        case N.ForGenerateStatement:
          this.begin('generate', s, null, gen, replicated);
          this.read(s.child(N.ParameterSpecification), 'expression');
          if (deep) this.concurrent(s.child(N.GenerateStatementBody)?.child(N.ConcurrentStatements), [...gen, label ?? 'generate'], true);
          break;
        case N.IfGenerateStatement:
        case N.CaseGenerateStatement: {
          const header = this.begin('generate', s, null, gen, replicated);
          for (const c of s.childNodes()) {
            if (c.kind === N.GenerateAlternative) {
              this.stmt = header;
              for (const e of c.childNodes()) if (e.kind !== N.GenerateStatementBody && e.kind !== N.Label && e.kind !== N.Choices) this.read(e, 'condition');
              if (deep) this.concurrent(c.child(N.GenerateStatementBody)?.child(N.ConcurrentStatements), [...gen, label ?? 'generate'], replicated);
            } else if (c.kind !== N.Label && c.kind !== N.EndClause) {
              this.stmt = header;
              this.read(c, 'condition');
            }
          }
          break;
        }
        case N.Error:
          this.notes.push(`Unparseable text at line ${this.line(s.start)}: its statements are not analysed.`);
          break;
        default:
          break;
      }
    }
    this.stmt = undefined;
    this.proc = undefined;
  }

  private process(s: SyntaxNode, gen: string[], replicated: boolean): void {
    const statement = this.begin('process', s, null, gen, replicated);
    const info: ProcessInfo = { node: s, statement, writes: [], reads: [], unknown: [] };
    this.processes.push(info);
    this.proc = info;
    const sens = s.child(N.SensitivityList);
    if (sens) for (const n of sens.childNodes()) this.read(n, 'sensitivity');
    this.sequential(s.child(N.SequentialStatements));
    if (!s.child(N.EndClause)) this.notes.push(`The process at line ${statement.line} is not closed with \`end process\`: its facts may be incomplete.`);
  }

  private sequential(list: SyntaxNode | undefined): void {
    if (!list) return;
    for (const s of list.childNodes()) this.sequentialStatement(s);
  }

  private sequentialStatement(s: SyntaxNode): void {
    if (ASSIGNMENT_KINDS.has(s.kind)) {
      this.assignment(s);
      return;
    }
    switch (s.kind) {
      case N.IfStatement:
        for (const b of s.childNodes(N.IfBranch)) {
          for (const c of b.childNodes()) {
            if (c.kind === N.SequentialStatements) this.sequential(c);
            else if (c.kind !== N.Label) this.read(c, 'condition');
          }
        }
        return;
      case N.CaseStatement:
        for (const c of s.childNodes()) {
          if (c.kind === N.CaseStatementAlternative) this.sequential(c.child(N.SequentialStatements));
          else if (c.kind !== N.Label && c.kind !== N.EndClause) this.read(c, 'condition');
        }
        return;
      case N.LoopStatement:
        for (const c of s.childNodes()) {
          if (c.kind === N.SequentialStatements) this.sequential(c);
          else if (c.kind === N.WhileScheme) this.read(c, 'condition');
          else if (c.kind === N.ForScheme) this.read(c, 'expression');
        }
        return;
      case N.WaitStatement:
        for (const c of s.childNodes()) {
          if (c.kind === N.SensitivityClause) for (const n of c.childNodes()) this.read(n, 'sensitivity');
          else if (c.kind === N.ConditionClause) this.read(c, 'condition');
          else if (c.kind !== N.Label) this.read(c, 'expression');
        }
        return;
      case N.ProcedureCallStatement:
        this.procedureCall(s.childNodes().find((c) => c.kind !== N.Label), s);
        return;
      case N.Error:
        this.notes.push(`Unparseable text at line ${this.line(s.start)}: its statements are not analysed.`);
        return;
      default:
        for (const c of s.childNodes()) if (c.kind !== N.Label) this.read(c, s.kind === N.AssertionStatement || s.kind === N.NextStatement || s.kind === N.ExitStatement ? 'condition' : 'expression');
    }
  }

  /** Any signal or variable assignment, sequential or concurrent. */
  private assignment(s: SyntaxNode): void {
    for (const t of targetNames(s)) this.write(t, s);
    for (const c of s.childNodes()) {
      switch (c.kind) {
        case N.Target:
        case N.Label:
          break;
        case N.ConditionalWaveforms:
          for (const e of c.childNodes()) this.read(e, e.kind === N.Waveform ? 'expression' : 'condition');
          break;
        case N.SelectedWaveforms:
          for (const sw of c.childNodes(N.SelectedWaveform)) for (const e of sw.childNodes()) if (e.kind !== N.Choices) this.read(e, 'expression');
          break;
        default:
          // The selector of `with s select` and the plain waveform or expression.
          this.read(c, s.kind === N.SelectedSignalAssignment || s.kind === N.ConcurrentSelectedSignalAssignment || s.kind === N.SelectedVariableAssignment ? (c.kind === N.Waveform ? 'expression' : 'condition') : 'expression');
      }
    }
  }

  /** A write to the object named by `target`; its indices and prefixes are reads. */
  private write(target: SyntaxNode, stmt: SyntaxNode, uncertain = this.uncertain, param?: { procedure: string; call: SyntaxNode }): void {
    let nb = nameBase(target);
    if (!nb) {
      this.read(target, 'expression');
      return;
    }
    let decl = this.names.object(nb.base);
    const ex = decl ? undefined : this.expanded(target);
    if (ex) {
      decl = ex.decl;
      nb = { base: ex.base, element: ex.element };
    }
    if (!decl) {
      const d = this.names.lookup(nb.base);
      if (!d && this.stmt && this.file === this.home.file) {
        const r = resolveNameNode(this.ws, this.file, nb.base);
        if (r.kind !== 'declarations')
          this.notes.push(`\`${compact(nb.base)}\` (line ${this.line(nb.base.start)}) is assigned but not declared here: its drivers are unknown.`);
      }
    } else if (this.stmt && !this.isLocalToFrame(decl)) {
      const w: Write = { decl, element: this.element(nb.base, nb.element), name: nb.base, stmt, statement: this.stmt, uncertain };
      const frame = this.frames[0];
      if (frame) {
        // Inside a procedure body: the access is the call's, at the call's line.
        w.name = frame.callName;
        w.stmt = frame.callStmt;
        w.via = param ? `${this.viaText()} → ${param.procedure}` : this.viaText();
        w.value = this.substituted(simpleValue(stmt)) ?? frame.callText;
        if (stmt !== target) w.source = stmt;
        // The same procedure reached twice from one call (`p; p;` inside it) is one access.
        for (let i = frame.firstWrite; i < this.writes.length; i++) {
          const x = this.writes[i];
          if (x.decl === decl && x.name === w.name && x.element === w.element && x.via === w.via && x.value === w.value && x.uncertain === w.uncertain) return;
        }
      } else if (param) {
        w.via = param.procedure;
        w.value = compact(param.call);
      }
      this.writes.push(w);
      this.proc?.writes.push(w);
    }
    if (target !== nb.base) this.readInside(target, 'index');
  }

  /**
   * An expanded name whose prefix is not an object (`blk.t`, `rtl.s`, `work.pkg.flag`): the object
   * its selected suffix denotes, that suffix's name node, and the element text after it.
   */
  private expanded(n: SyntaxNode): { decl: Declaration; base: SyntaxNode; element: string | undefined } | undefined {
    const chain: SyntaxNode[] = [];
    let cur: SyntaxNode | undefined = n;
    while (cur && (cur.kind === N.CallOrIndexName || cur.kind === N.SelectedName || cur.kind === N.AttributeName)) {
      chain.push(cur);
      cur = cur.childNodes()[0];
    }
    if (!chain.length || cur?.kind !== N.SimpleName || this.names.object(cur)) return undefined;
    // From the innermost prefix outwards: library, package, unit or label names until an object.
    for (let i = chain.length - 1; i >= 0 && i >= chain.length - 4; i--) {
      const sel = chain[i];
      const suffix = sel.kind === N.SelectedName ? sel.childNodes().pop() : undefined;
      if (suffix?.kind !== N.SimpleName) return undefined;
      const r = resolveNameNode(this.ws, this.file, suffix);
      if (r.kind !== 'declarations') return undefined;
      const d = r.decls.find((x) => OBJECT_KINDS.has(x.kind));
      if (d) return { decl: d, base: suffix, element: compact(n).slice(compact(sel).length) || undefined };
      if (!r.decls.some((x) => CONTAINER_KINDS.has(x.kind))) return undefined;
    }
    return undefined;
  }

  /** Whether an object is declared inside a procedure body being walked (its own variable): not an outer access. */
  private isLocalToFrame(d: Declaration): boolean {
    return this.frames.some((f) => d.file === f.file && d.node.start >= f.body.start && d.node.end <= f.body.end);
  }

  /** `send` or, for calls inside procedures, `idle → send`. */
  private viaText(): string {
    return this.frames.map((f) => f.procedure).join(' → ');
  }

  /** Source text of a value inside a procedure body, a plain formal replaced by the call's actual. */
  private substituted(v: SyntaxNode | undefined): string | undefined {
    if (!v) return undefined;
    const inner = stripParens(v);
    if (inner?.kind === N.SimpleName) {
      // The innermost call's actuals were themselves substituted when it was entered.
      const actual = this.frames[this.frames.length - 1]?.formals.get(nameOf(inner) ?? '');
      if (actual !== undefined) return actual;
    }
    return compact(v);
  }

  /** The element text of an access, an alias's own element first (`lo(0)` through `alias lo is s(1 downto 0)`). */
  private element(base: SyntaxNode, own: string | undefined): string | undefined {
    const via = this.names.aliasElement(base);
    if (via === undefined) return own;
    const combined = via + (own ?? '');
    return combined || undefined;
  }

  /** Reads everything an expression (or any subtree) reads. */
  read(n: SyntaxNode | undefined, context: ReadContext): void {
    if (!n) return;
    switch (n.kind) {
      case N.SimpleName: {
        const d = this.names.object(n);
        if (d) this.addRead(d, n, this.element(n, undefined), context);
        else if (context !== 'sensitivity' && context !== 'attribute' && this.isFunctionName(n)) this.functionCall(n, n);
        else if (this.file === this.home.file && this.names.isUndeclared(n, this.ws)) {
          const name = compact(n);
          if (this.proc && !this.proc.unknown.includes(name)) this.proc.unknown.push(name);
          this.notes.push(`\`${name}\` (line ${this.line(n.start)}) is not declared anywhere visible: facts that depend on it are incomplete.`);
        }
        return;
      }
      case N.CallOrIndexName:
      case N.SelectedName: {
        const nb = nameBase(n);
        const d = nb ? this.names.object(nb.base) : undefined;
        if (nb && d) {
          this.addRead(d, nb.base, this.element(nb.base, nb.element), context);
          this.readInside(n, 'index');
          return;
        }
        const ex = nb ? this.expanded(n) : undefined;
        if (ex) {
          this.addRead(ex.decl, ex.base, ex.element, context);
          this.readInside(n, 'index');
          return;
        }
        if (n.kind === N.SelectedName) return; // library.package.item: nothing local
        const [prefix, ...rest] = n.childNodes();
        if (prefix && prefix.kind !== N.SimpleName) this.read(prefix, context);
        for (const c of rest) this.read(c, context === 'condition' || context === 'sensitivity' ? 'argument' : 'argument');
        if (prefix?.kind === N.SimpleName && this.isFunctionName(prefix)) this.functionCall(prefix, n);
        return;
      }
      case N.AttributeName: {
        const [prefix, attr, ...rest] = n.childNodes();
        if (SIGNAL_ATTRIBUTES.has(nameOf(attr) ?? '')) this.read(prefix, 'attribute');
        for (const c of rest) this.read(c, 'expression');
        return;
      }
      case N.QualifiedExpression: {
        const [, ...rest] = n.childNodes();
        for (const c of rest) this.read(c, context);
        return;
      }
      case N.FormalPart:
      case N.TypeMark:
      case N.Choices:
      case N.Literal:
      case N.PhysicalLiteral:
      case N.Label:
        return;
      default:
        for (const c of n.children) if (c instanceof SyntaxNode) this.read(c, context);
    }
  }

  /** Reads the index and argument expressions inside a name, but not its base. */
  private readInside(n: SyntaxNode, context: ReadContext): void {
    let cur: SyntaxNode | undefined = n;
    while (cur && (cur.kind === N.CallOrIndexName || cur.kind === N.SelectedName || cur.kind === N.AttributeName)) {
      const [prefix, ...rest] = cur.childNodes();
      if (cur.kind === N.CallOrIndexName) for (const c of rest) this.read(c, context);
      cur = prefix;
    }
  }

  private addRead(decl: Declaration, name: SyntaxNode, element: string | undefined, context: ReadContext, uncertain = this.uncertain): void {
    if (!this.stmt || this.isLocalToFrame(decl)) return;
    const frame = this.frames[0];
    const r: Read = frame ? { decl, element, name: frame.callName, context, statement: this.stmt, uncertain, via: this.viaText() } : { decl, element, name, context, statement: this.stmt, uncertain };
    if (frame) {
      for (let i = frame.firstRead; i < this.reads.length; i++) {
        const x = this.reads[i];
        if (x.decl === decl && x.name === r.name && x.element === element && x.via === r.via && x.context === context && x.uncertain === uncertain) return;
      }
    }
    this.reads.push(r);
    this.proc?.reads.push(r);
  }

  /**
   * `proc(a, b)`: arguments to `out`/`inout` parameters are written, the rest read. The body of a
   * procedure declared in the architecture (or a process) is walked too: the signals it assigns
   * or reads outside its own declarations are accessed by the caller (`via`), bounded in depth
   * and never entering a body twice (recursion).
   */
  private procedureCall(call: SyntaxNode | undefined, callStmt: SyntaxNode): void {
    if (!call) return;
    const { prefix, nameNode, args } = callParts(call);
    const called = calledProcedure(this.ws, this.names, nameNode);
    const params = called?.params;
    const name = prefix ? compact(prefix) : 'procedure';
    const formals = new Map<string, string>();
    this.associate(args, params, (item, actual) => {
      if (item) formals.set(item.name, this.frames.length ? (this.substituted(actual) ?? compact(actual)) : compact(actual));
      const mode = item?.mode;
      if (mode === 'out' || mode === 'inout' || mode === 'buffer') {
        this.write(actual, actual, this.uncertain, { procedure: name, call });
        if (mode === 'inout') this.read(actual, 'argument');
      } else if (item) this.read(actual, 'argument');
      else {
        this.uncertain = `parameter mode of \`${name}\` unknown`;
        this.read(actual, 'argument');
        this.uncertain = undefined;
      }
    });
    const body = called?.body;
    if (!body || !this.stmt || !nameNode) return;
    this.walkBody(body, nameNode, name, call, callStmt, formals, 'procedure', called.packageBody);
  }

  /**
   * `f(x)` or `f` in an expression, where `f` is a function declared in the architecture (or a
   * process): what its body reads outside its own declarations (an impure function reading a
   * signal) is read by the caller's statement (`via`). Its arguments are read by `read` as usual.
   * Called for simple names that `isFunctionName` accepts.
   */
  private functionCall(nameNode: SyntaxNode, call: SyntaxNode): void {
    if (!this.stmt) return;
    const called = calledProcedure(this.ws, this.names, nameNode, 'function');
    if (called?.body) this.walkBody(called.body, nameNode, compact(nameNode), call, call, new Map(), 'function', called.packageBody);
  }

  /**
   * Whether `n` names a function declared where the facts can see its body (not an object, not a
   * type conversion): in the architecture (or a process), or an impure function of a package that
   * a use clause makes visible (resolved once per spelling).
   */
  private isFunctionName(n: SyntaxNode): boolean {
    const local = this.names.lookup(n);
    if (local) return local.kind === 'function';
    const name = nameOf(n);
    if (!name || n.childTokens()[0]?.kind !== T.Identifier) return false;
    const key = `${this.names.file.uri}\0${name}`;
    let hit = this.packageFunctions.get(key);
    if (hit === undefined) {
      const r = resolveNameNode(this.ws, this.names.file, n);
      hit = r.kind === 'declarations' && r.decls.some((d) => d.kind === 'function' && d.scope.kind === 'unit' && d.scope.unit?.kind === 'package' && d.node.child(N.FunctionSpecification)?.token(T.ImpureKw) !== undefined);
      this.packageFunctions.set(key, hit);
    }
    return hit;
  }

  /** Walks a subprogram body for its accesses, inside a frame of the call; bounded in depth and count, never entering a body twice. */
  private walkBody(
    body: SyntaxNode,
    nameNode: SyntaxNode,
    name: string,
    call: SyntaxNode,
    callStmt: SyntaxNode,
    formals: Map<string, string>,
    kind: 'procedure' | 'function',
    packageBody?: { body: DesignUnit; pkg: DesignUnit },
  ): void {
    if (this.frames.some((f) => f.body === body)) return; // recursion: the body's accesses are already counted
    if (this.frames.length >= MAX_CALL_DEPTH || this.bodyWalks >= MAX_BODY_WALKS) {
      if (this.bodyWalks === Infinity) return; // said once per statement
      this.bodyWalks = Infinity;
      this.notes.push(`Subprogram calls nested deeper than ${MAX_CALL_DEPTH} or more than ${MAX_BODY_WALKS} per statement at line ${this.line(call.start)}: the remaining subprogram bodies are not analysed.`);
      return;
    }
    this.bodyWalks++;
    const outer = this.frames[0];
    this.frames.push({
      procedure: nameOf(nameNode) ?? name,
      body,
      callName: outer?.callName ?? nameNode,
      callStmt: outer?.callStmt ?? callStmt,
      callText: outer?.callText ?? compact(call),
      formals,
      file: packageBody?.body.file ?? this.file,
      firstWrite: outer?.firstWrite ?? this.writes.length,
      firstRead: outer?.firstRead ?? this.reads.length,
    });
    const before = this.uncertain;
    const { file, names } = this;
    if (packageBody) {
      // A package's subprogram: the names in its body are the package body's and the package's.
      this.file = packageBody.body.file;
      this.names = this.packageNames.get(packageBody.body) ?? new Names(this.file, unitScope(packageBody.body), packageBody.pkg, this.ws);
      this.packageNames.set(packageBody.body, this.names);
    }
    // A half-written body: what it is seen to access is reported, marked uncertain.
    if (!body.child(N.EndClause) || this.file.syntaxDiagnostics.some((x) => x.start >= body.start && x.start <= body.end)) {
      this.uncertain ??= `${kind} \`${nameOf(nameNode) ?? name}\` is incomplete (syntax errors)`;
    }
    try {
      this.sequential(body.child(N.SequentialStatements));
    } finally {
      this.frames.pop();
      this.uncertain = before;
      this.file = file;
      this.names = names;
    }
  }

  /**
   * Pairs association elements with interface items (named or positional) and calls `each` for
   * every actual; returns the connections.
   */
  private associate(elements: SyntaxNode[], items: InterfaceItem[] | undefined, each: (item: InterfaceItem | undefined, actual: SyntaxNode) => void): Connection[] {
    const out: Connection[] = [];
    elements.forEach((el, i) => {
      const formal = el.child(N.FormalPart);
      const actual = el.childNodes().find((c) => c !== formal);
      let item: InterfaceItem | undefined;
      let formalName: string | undefined;
      if (formal) {
        const inner = formal.childNodes()[0];
        const nb = inner ? nameBase(inner) : undefined;
        formalName = nb ? nameOf(nb.base) : undefined;
        item = items?.find((p) => p.name === formalName);
        if (!item && inner?.kind === N.CallOrIndexName) {
          // A conversion function around the formal: `to_slv(q) => x`.
          const arg = inner.child(N.AssociationList)?.childNodes(N.AssociationElement)[0]?.childNodes()[0];
          const n2 = arg ? nameBase(arg) : undefined;
          const alt = n2 ? nameOf(n2.base) : undefined;
          const altItem = items?.find((p) => p.name === alt);
          if (altItem) {
            item = altItem;
            formalName = alt;
          }
        }
      } else {
        item = items?.[i];
        formalName = item?.name ?? `#${i + 1}`;
      }
      const open = el.token(T.OpenKw) !== undefined;
      out.push({ formal: formalName ?? (formal ? compact(formal) : `#${i + 1}`), actual: open ? 'open' : actual ? compact(actual) : '', mode: item?.mode ?? null });
      if (!open && actual) each(item, actual);
    });
    return out;
  }

  private instance(s: SyntaxNode): void {
    const statement = this.stmt!;
    const iu = s.child(N.InstantiatedUnit);
    const unitKind: InstanceFacts['unitKind'] = iu?.token(T.EntityKw) ? 'entity' : iu?.token(T.ConfigurationKw) ? 'configuration' : 'component';
    const unitNames = iu?.childNodes().filter((c) => c.kind === N.SimpleName || c.kind === N.SelectedName) ?? [];
    const targets = instantiatedUnits(this.ws, this.file, s);
    const component = targets.find((d) => d.kind === 'component');
    let entity = targets.find((d) => d.unit?.kind === 'entity')?.unit;
    const cfg = targets.find((d) => d.unit?.kind === 'configuration')?.unit;
    if (!entity && cfg?.primaryName) entity = this.ws.findEntity(cfg.primaryName, cfg.library);
    const source = component?.node ?? entity?.node;
    const ports = source ? interfaceItems(source, N.PortClause) : undefined;
    const generics = source ? interfaceItems(source, N.GenericClause) : undefined;
    let archName: string | null = null;
    if (unitKind === 'entity' && unitNames.length > 1) archName = nameOf(unitNames[1]) ?? null;
    const facts: InstanceFacts = {
      label: statement.label ?? '',
      line: statement.line,
      unitKind,
      unit: unitNames[0] ? compact(unitNames[0]) : '',
      entity: entity?.name ?? (component ? component.name : null),
      architecture: archName,
      entityDeclaration: entity ? { file: entity.file.uri, line: lineOf(entity.file, entity.node.start) } : null,
      generate: statement.generate,
      generics: [],
      ports: [],
    };
    if (!source) facts.uncertain = `\`${facts.unit}\` is not found in the workspace: port directions are unknown.`;
    else if (!entity) facts.uncertain = `no entity \`${component?.name}\` in the workspace is bound to the component.`;
    const gm = s.child(N.GenericMapAspect)?.child(N.AssociationList)?.childNodes(N.AssociationElement) ?? [];
    facts.generics = this.associate(gm, generics, (_item, actual) => this.read(actual, 'port map'));
    const pm = s.child(N.PortMapAspect)?.child(N.AssociationList)?.childNodes(N.AssociationElement) ?? [];
    facts.ports = this.associate(pm, ports, (item, actual) => {
      const mode = item?.mode;
      const before = this.writes.length;
      const beforeReads = this.reads.length;
      if (mode === 'out' || mode === 'buffer' || mode === 'inout') {
        this.write(actual, actual);
        if (mode === 'inout') this.read(actual, 'port map');
      } else if (mode === 'in' || mode === 'linkage') this.read(actual, 'port map');
      else {
        // Unknown direction: the actual may be read or driven; say so rather than guess.
        this.uncertain = 'port direction unknown';
        this.read(actual, 'port map');
        this.uncertain = undefined;
      }
      const formal = item?.name;
      for (let i = before; i < this.writes.length; i++) (this.writes[i] as Write & { port?: string }).port = formal;
      for (let i = beforeReads; i < this.reads.length; i++) (this.reads[i] as Read & { port?: string }).port = formal;
    });
    this.instances.push({ node: s, facts });
  }
}

/** Converts a write or read into the Access shape. */
export function toAccess(file: SourceFile, a: (Write | Read) & { port?: string }): Access {
  const out: Access = {
    line: lineOf(file, a.name.start),
    statement: a.statement.kind,
    label: a.statement.label,
    statementLine: a.statement.line,
    offset: a.name.start,
  };
  if (a.element) out.element = a.element;
  if ('context' in a) out.context = a.context;
  if (a.port) out.port = a.port;
  if (a.uncertain) out.uncertain = a.uncertain;
  if (a.via) out.via = a.via;
  if (a.statement.generate.length) out.generate = a.statement.generate;
  return out;
}
