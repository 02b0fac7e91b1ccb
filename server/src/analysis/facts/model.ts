// The lazy model of one architecture: statements are analysed on demand, one at a time, so that the
// facts of one name cost only the statements that mention it (hover on a large file after an edit).
import { NodeKind as N } from '../../syntax/nodeKind';
import { nameOf, type SyntaxNode, tokenAt } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import { unitScope } from '../resolve';
import type { Declaration, Scope } from '../scopes';
import type { SourceFile } from '../sourceFile';
import type { Workspace } from '../workspace';
import { aliasTarget, Collector, Names, OBJECT_KINDS, type Read, type Write } from './collect';
import { analyseProcess, type ProcessAnalysis } from './processes';
import { enclosingBody, MAX_CALL_DEPTH } from './procedures';
import { lineOf } from './text';

const NESTING = new Set([N.BlockStatement, N.ForGenerateStatement, N.IfGenerateStatement, N.CaseGenerateStatement]);

export class ArchitectureModel {
  readonly file: SourceFile;
  readonly entity: DesignUnit | undefined;
  readonly names: Names;
  readonly archScope: Scope | undefined;
  private readonly results = new Map<SyntaxNode, Collector>();
  private readonly procs = new Map<SyntaxNode, ProcessAnalysis | undefined>();
  private readonly accesses = new Map<Declaration, { writes: Write[]; reads: Read[] }>();
  private statementList: SyntaxNode[] | undefined;
  /** Per-model memo for derived facts (objects, FSMs, crossings), keyed by the deriving module. */
  readonly memo = new Map<string, Map<unknown, unknown>>();

  constructor(
    readonly ws: Workspace,
    readonly arch: DesignUnit,
  ) {
    this.file = arch.file;
    this.entity = ws.primaryOf(arch);
    this.archScope = this.file.scopes.unitScopes.get(arch);
    this.names = new Names(this.file, this.archScope, this.entity, ws);
  }

  /** Memoizes `f()` under (`table`, `key`). */
  cached<K, V>(table: string, key: K, f: () => V): V {
    let m = this.memo.get(table);
    if (!m) this.memo.set(table, (m = new Map()));
    if (m.has(key)) return m.get(key) as V;
    const v = f();
    m.set(key, v);
    return v;
  }

  /** Every concurrent statement in text order, those inside blocks and generates included. */
  statements(): SyntaxNode[] {
    if (this.statementList) return this.statementList;
    const out: SyntaxNode[] = [];
    const visit = (list: SyntaxNode | undefined) => {
      if (!list) return;
      for (const s of list.childNodes()) {
        out.push(s);
        if (!NESTING.has(s.kind)) continue;
        if (s.kind === N.BlockStatement) visit(s.child(N.ConcurrentStatements));
        else if (s.kind === N.ForGenerateStatement) visit(s.child(N.GenerateStatementBody)?.child(N.ConcurrentStatements));
        else for (const alt of s.childNodes(N.GenerateAlternative)) visit(alt.child(N.GenerateStatementBody)?.child(N.ConcurrentStatements));
      }
    };
    visit(this.arch.node.child(N.ConcurrentStatements));
    return (this.statementList = out);
  }

  /** The analysis of one concurrent statement (a block or generate: its header only). */
  statement(s: SyntaxNode): Collector {
    let c = this.results.get(s);
    if (c) return c;
    c = new Collector(this.ws, this.file, this.names);
    const gen: string[] = [];
    let replicated = false;
    for (let p = s.parent; p && p !== this.arch.node; p = p.parent) {
      if (!NESTING.has(p.kind)) continue;
      gen.unshift(nameOf(p.child(N.Label)) ?? (p.kind === N.BlockStatement ? 'block' : 'generate'));
      if (p.kind === N.ForGenerateStatement) replicated = true;
    }
    c.statement(s, gen, replicated, false);
    this.results.set(s, c);
    return c;
  }

  /** The concurrent statement a name belongs to, or undefined outside the statement part. */
  statementOf(n: SyntaxNode): SyntaxNode | undefined {
    let cur: SyntaxNode = n;
    while (cur.parent && cur.parent.kind !== N.ConcurrentStatements) {
      cur = cur.parent;
      if (cur === this.arch.node) return undefined;
    }
    return cur.parent && cur.start >= this.arch.node.start && cur.end <= this.arch.node.end ? cur : undefined;
  }

  /**
   * The concurrent statements whose analysis sees a use of a name: the statement it is in, or for a
   * use inside a procedure or function declared outside any process (in the architecture, a block
   * or a generate), the statements that call it, directly or through other subprograms.
   */
  statementsFor(n: SyntaxNode): SyntaxNode[] {
    const body = enclosingBody(n, this.arch.node);
    const s = this.statementOf(n);
    if (!body || (s && s.kind === N.ProcessStatement)) return s ? [s] : [];
    return this.cached('callers', body, () => {
      const out = new Set<SyntaxNode>();
      const seen = new Set<SyntaxNode>();
      const visit = (b: SyntaxNode, depth: number) => {
        if (seen.has(b) || depth > MAX_CALL_DEPTH) return;
        seen.add(b);
        const name = nameOf((b.child(N.ProcedureSpecification) ?? b.child(N.FunctionSpecification))?.child(N.DefiningName));
        if (!name) return;
        for (const use of this.occurrences(name)) {
          if (use.start >= b.start && use.end <= b.end) continue; // its own recursive calls
          const caller = enclosingBody(use, this.arch.node);
          const st = this.statementOf(use);
          if (caller && !(st && st.kind === N.ProcessStatement)) visit(caller, depth + 1);
          else if (st) out.add(st);
        }
      };
      visit(body, 0);
      return [...out];
    });
  }

  /** Writes and reads of one object, from the statements that mention its name only. */
  accessesOf(d: Declaration): { writes: Write[]; reads: Read[] } {
    const hit = this.accesses.get(d);
    if (hit) return hit;
    const stmts = new Set<SyntaxNode>();
    for (const name of this.spellings(d)) {
      for (const n of this.occurrencesFor(d, name)) for (const s of this.statementsFor(n)) stmts.add(s);
    }
    for (const s of this.packageCallers(d)) stmts.add(s);
    const writes: Write[] = [];
    const reads: Read[] = [];
    for (const s of stmts) {
      const c = this.statement(s);
      for (const w of c.writes) if (w.decl === d) writes.push(w);
      for (const r of c.reads) if (r.decl === d) reads.push(r);
    }
    writes.sort((a, b) => a.name.start - b.name.start);
    reads.sort((a, b) => a.name.start - b.name.start);
    const out = { writes, reads };
    this.accesses.set(d, out);
    return out;
  }

  /**
   * For an object declared in a package (a signal, a shared variable): the statements here that call
   * a subprogram of that package whose body mentions the object's name, directly or through other
   * subprograms of the package body (the analysis of such a call walks the body: see Collector).
   * Found by searching texts, so a mention that is no access only costs that statement's analysis.
   */
  private packageCallers(d: Declaration): SyntaxNode[] {
    const pkg = d.scope.kind === 'unit' && d.scope.unit?.kind === 'package' ? d.scope.unit : undefined;
    if (!pkg) return [];
    return this.cached('packageCallers', d, () => {
      const pb = this.ws.packageBodyOf(pkg);
      const scope = pb ? unitScope(pb) : undefined;
      if (!pb || !scope) return [];
      const mentions = (b: SyntaxNode, name: string): boolean => {
        const search = pb.file.nameSearch(name);
        search.lastIndex = b.start;
        const i = search.exec(pb.file.text)?.index ?? -1;
        return i >= 0 && i + name.length <= b.end;
      };
      const bodies: { name: string; node: SyntaxNode }[] = [];
      for (const list of scope.decls.values()) {
        for (const x of list) if ((x.kind === 'function' || x.kind === 'procedure') && x.node.kind === N.SubprogramBody) bodies.push({ name: x.name, node: x.node });
      }
      // Subprograms whose body mentions the name, then those whose body calls one of them, and so on.
      const reaching = new Set(bodies.filter((b) => mentions(b.node, d.name)).map((b) => b.name));
      for (let depth = 0, grew = true; grew && depth < MAX_CALL_DEPTH; depth++) {
        grew = false;
        for (const b of bodies) {
          if (reaching.has(b.name) || ![...reaching].some((n) => mentions(b.node, n))) continue;
          reaching.add(b.name);
          grew = true;
        }
      }
      const out = new Set<SyntaxNode>();
      for (const name of reaching) for (const use of this.occurrences(name)) for (const s of this.statementsFor(use)) out.add(s);
      return [...out];
    });
  }

  /**
   * The SimpleName nodes spelling `name` inside the architecture, found by searching its text (a
   * native string search) rather than walking the tree: the cost follows the name's uses, not the file.
   */
  occurrences(name: string): SyntaxNode[] {
    return this.cached('occurrences', name, () => this.scanOccurrences(name));
  }

  /**
   * Analyses every statement and files every access under its object at once: for the complete
   * facts, one pass is cheaper than a text search per object.
   */
  indexAll(): void {
    if (this.cached('indexedAll', 0, () => false)) return;
    this.memo.get('indexedAll')!.set(0, true);
    const all = new Map<Declaration, { writes: Write[]; reads: Read[] }>();
    const slot = (d: Declaration) => {
      let e = all.get(d);
      if (!e) all.set(d, (e = { writes: [], reads: [] }));
      return e;
    };
    for (const s of this.statements()) {
      const c = this.statement(s);
      for (const w of c.writes) slot(w.decl).writes.push(w);
      for (const r of c.reads) slot(r.decl).reads.push(r);
    }
    for (const d of this.declarations()) slot(d);
    for (const [d, e] of all) {
      if (this.accesses.has(d)) continue;
      e.writes.sort((a, b) => a.name.start - b.name.start);
      e.reads.sort((a, b) => a.name.start - b.name.start);
      this.accesses.set(d, e);
    }
  }

  /**
   * The writes of one object, analysing only the statements where a use of its name could be a
   * write (inside an assignment target, or an actual of a port map or procedure call).
   */
  writesOf(d: Declaration): Write[] {
    const all = this.accesses.get(d);
    if (all) return all.writes;
    // Constants, generics and `in` ports cannot be assigned in the architecture: nothing to search.
    if (d.kind === 'constant' || d.kind === 'generic' || (d.kind === 'port' && (d.node.child(N.Mode)?.childTokens()[0]?.text.toLowerCase() ?? 'in') === 'in')) return [];
    return this.cached('writes', d, () => {
      const stmts = new Set<SyntaxNode>();
      for (const name of this.spellings(d)) {
        for (const n of this.occurrencesFor(d, name)) {
          if (!maybeWritten(n)) continue;
          for (const s of this.statementsFor(n)) stmts.add(s);
        }
      }
      const out: Write[] = [];
      for (const s of stmts) for (const w of this.statement(s).writes) if (w.decl === d) out.push(w);
      return out.sort((a, b) => a.name.start - b.name.start);
    });
  }

  /**
   * The uses of `name` that can denote `d`. A name declared in a process, block, generate or
   * subprogram of the architecture is visible only inside that region, and reachable from outside
   * only as the suffix of a selected name (`p_main.tmp`): the other uses are skipped, so a variable
   * named like those of a thousand other processes does not have them all analysed.
   */
  private occurrencesFor(d: Declaration, name: string): SyntaxNode[] {
    const region = d.scope.node;
    if (name !== d.name || d.scope === this.archScope || region === this.arch.node || region.start < this.arch.node.start || region.end > this.arch.node.end) return this.occurrences(name);
    const byName = this.cached('occurrencesIn', region, () => new Map<string, SyntaxNode[]>());
    let out = byName.get(name);
    if (!out) byName.set(name, (out = this.scanOccurrences(name, region)));
    return out;
  }

  /**
   * The SimpleName nodes spelling `name` in the architecture's text. With a `region` (where a local
   * object is declared): those inside it, and outside it only selected names (`blk.s`).
   */
  private scanOccurrences(name: string, region?: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const extended = name.startsWith('\\');
    const text = this.file.text;
    const end = this.arch.node.end;
    // An extended identifier is spelled exactly; a basic one in any case.
    const search = extended ? undefined : this.file.nameSearch(name);
    const next = (from: number): number => {
      if (!search) return text.indexOf(name, from);
      search.lastIndex = from;
      return search.exec(text)?.index ?? -1;
    };
    for (let at = next(this.arch.node.start); at >= 0 && at < end; at = next(at + 1)) {
      if (!extended && (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(at + name.length)))) continue;
      const inside = !region || (at >= region.start && at < region.end);
      if (!inside && !mayFollowDot(text, at)) continue;
      const tok = tokenAt(this.file.root, at);
      const p = tok?.parent;
      if (!tok || tok.start !== at || p?.kind !== N.SimpleName) continue;
      if (inside || p.parent?.kind === N.SelectedName) out.push(p);
    }
    return out;
  }

  /** The names an object is used by here: its own and those of aliases declared for it in the architecture. */
  spellings(d: Declaration): string[] {
    const aliases = this.cached('aliases', 0, () => {
      // Found by searching the text for the keyword: cheaper than listing every declaration of the file.
      const m = new Map<Declaration, string[]>();
      const search = this.file.nameSearch('alias');
      search.lastIndex = this.arch.node.start;
      for (let hit = search.exec(this.file.text); hit && hit.index < this.arch.node.end; hit = search.exec(this.file.text)) {
        const at = hit.index;
        const tok = tokenAt(this.file.root, at);
        const decl = tok?.start === at && tok.parent?.kind === N.AliasDeclaration ? tok.parent : undefined;
        const name = decl ? nameOf(decl.child(N.DefiningName)) : undefined;
        const t = decl && name ? aliasTarget(this.names, { node: decl, file: this.file }) : undefined;
        if (t && name) m.set(t.decl, [...(m.get(t.decl) ?? []), name]);
      }
      return m;
    });
    return [d.name, ...(aliases.get(d) ?? [])];
  }

  /** Whether `d` is one of the objects this architecture reports (its own or its entity's). */
  isOwnObject(d: Declaration): boolean {
    if (!OBJECT_KINDS.has(d.kind)) return false;
    if (this.entity && d.scope.kind === 'unit' && d.scope.unit === this.entity) return d.kind === 'port' || d.kind === 'generic';
    if (d.node.start < this.arch.node.start || d.node.end > this.arch.node.end) return false;
    return !insideSubprogram(d.scope, this.archScope);
  }

  /** The classification of a process statement (memoized). */
  process(node: SyntaxNode): ProcessAnalysis | undefined {
    if (this.procs.has(node)) return this.procs.get(node);
    const info = this.statement(node).processes[0];
    const p = info ? analyseProcess(info, this.names) : undefined;
    this.procs.set(node, p);
    return p;
  }

  /** The clocked process in which `d` is a register, if any. */
  registerProcess(d: Declaration): ProcessAnalysis | undefined {
    return this.cached('registerProcess', d, () => {
      for (const w of this.writesOf(d)) {
        if (w.statement.kind !== 'process' || w.uncertain) continue;
        const p = this.process(w.statement.node);
        if (p?.facts.kind === 'clocked' && p.registers.has(d)) return p;
      }
      return undefined;
    });
  }

  /** The objects of the architecture: the entity's ports and generics, then everything declared inside. */
  declarations(): Declaration[] {
    return this.cached('declarations', 0, () => {
      const decls: Declaration[] = [];
      const entityScope = this.entity ? unitScope(this.entity) : undefined;
      if (entityScope) for (const list of entityScope.decls.values()) for (const d of list) if (d.kind === 'port' || d.kind === 'generic') decls.push(d);
      decls.sort((a, b) => a.nameNode.start - b.nameNode.start);
      for (const d of this.file.scopes.declarations) {
        if (!OBJECT_KINDS.has(d.kind) || d.node.start < this.arch.node.start || d.node.end > this.arch.node.end) continue;
        if (insideSubprogram(d.scope, this.archScope)) continue;
        decls.push(d);
      }
      return decls;
    });
  }

  /** Notes that hold for the whole architecture without analysing its statements. */
  headerNotes(): string[] {
    return this.cached('headerNotes', 0, () => {
      const notes: string[] = [];
      const diags = this.file.syntaxDiagnostics.filter((x) => x.start >= this.arch.node.start && x.start <= this.arch.node.end);
      if (diags.length) notes.push(`${diags.length} syntax error${diags.length > 1 ? 's' : ''} in the architecture (first at line ${lineOf(this.file, diags[0].start)}): facts near them may be incomplete.`);
      if (!this.entity) notes.push(`Entity \`${this.arch.primaryName ?? '?'}\` is not found in the workspace: its ports and generics are not known.`);
      return notes;
    });
  }
}

function insideSubprogram(scope: Scope, stop: Scope | undefined): boolean {
  for (let s: Scope | undefined = scope; s && s !== stop; s = s.parent) if (s.kind === 'subprogram' || s.kind === 'protected' || s.kind === 'component' || s.kind === 'record') return true;
  return false;
}

/** Letters, digits and `_`: characters that continue a basic identifier. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

/**
 * Whether the token at `at` may follow a `.` (false only when it certainly does not): the text
 * before it, over blanks, ends in a `.`, or in what may be the end of a comment.
 */
function mayFollowDot(text: string, at: number): boolean {
  let i = at - 1;
  let newline = false;
  for (; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) newline = true;
    else if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xa0) break;
  }
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  if (c === 46) return true; // '.'
  if (c === 47 && text.charCodeAt(i - 1) === 42) return true; // the end of a block comment
  // A line comment ends the line before: look for `--` on that line.
  if (!newline) return false;
  let lineStart = i;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  for (let j = lineStart; j < i; j++) if (text.charCodeAt(j) === 45 && text.charCodeAt(j + 1) === 45) return true;
  return false;
}

/** A use that may be a write: in an assignment target or an association actual (port map, procedure call). */
function maybeWritten(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.kind === N.Target) return true;
    if (p.kind === N.FormalPart) return false;
    if (p.kind === N.AssociationElement) {
      const owner = p.parent?.parent;
      if (owner?.kind === N.PortMapAspect) return true;
      // A procedure call statement's arguments (a function call inside an expression cannot write).
      const call = owner?.kind === N.CallOrIndexName ? owner.parent : undefined;
      if (call?.kind === N.ProcedureCallStatement || call?.kind === N.ConcurrentProcedureCallStatement) return true;
    }
    if (p.kind === N.ConcurrentStatements || p.kind === N.SequentialStatements) return false;
  }
  return false;
}
