// Name resolution: from a name in the tree to the declarations it denotes, across files.
import { NodeKind as N } from '../syntax/nodeKind';
import { nameOf, SyntaxNode, SyntaxToken, tokenAt } from '../syntax/tree';
import { TokenKind as T } from '../syntax/tokenKind';
import type { DesignUnit } from './designUnits';
import type { Declaration, DeclKind, Scope } from './scopes';
import type { SourceFile } from './sourceFile';
import { STANDARD_NAMES } from './standardNames';
import type { Workspace } from './workspace';

export type Resolution =
  /** The declarations the name denotes (several for overloads, or a component and its bound entity). */
  | { kind: 'declarations'; decls: Declaration[] }
  /** A library name (`work`, `ieee`). */
  | { kind: 'library'; library: string }
  /** Declared somewhere the workspace cannot see: STD.STANDARD, an external library, a predefined attribute. */
  | { kind: 'external' }
  /** Should be known here but is not: worth a diagnostic. */
  | { kind: 'unresolved' };

const EXTERNAL: Resolution = { kind: 'external' };
const UNRESOLVED: Resolution = { kind: 'unresolved' };

const OBJECT_KINDS = new Set<DeclKind>(['signal', 'constant', 'variable', 'sharedVariable', 'port', 'generic', 'parameter', 'element', 'file', 'alias']);
const NAME_TOKENS = new Set([T.Identifier, T.ExtendedIdentifier, T.CharacterLiteral, T.StringLiteral]);

function decls(list: Declaration[]): Resolution {
  return list.length > 0 ? { kind: 'declarations', decls: list } : EXTERNAL;
}

/** The declaration of a design unit (held by the unit's file). */
export function unitDeclaration(unit: DesignUnit): Declaration | undefined {
  return unit.file.scopes.declarationOfNode(unit.node);
}

/** The region (ports, generics, declarations) of a design unit. */
export function unitScope(unit: DesignUnit): Scope | undefined {
  return unit.file.scopes.unitScopes.get(unit);
}

/**
 * The name under the cursor: a SimpleName, DefiningName or Label node whose token contains the
 * offset (or ends right at it).
 */
export function nameNodeAt(file: SourceFile, offset: number): SyntaxNode | undefined {
  // The token under the cursor, or the name just left of it (cursor right after an identifier).
  let tok = tokenAt(file.root, offset);
  if ((!tok || !NAME_TOKENS.has(tok.kind) || tok.start === offset) && offset > 0) {
    const left = tokenAt(file.root, offset - 1);
    if (left && NAME_TOKENS.has(left.kind) && left.end === offset && !(tok && NAME_TOKENS.has(tok.kind) && tok.start === offset)) tok = left;
  }
  if (!tok || !NAME_TOKENS.has(tok.kind)) return undefined;
  const p = tok.parent;
  if (p && (p.kind === N.SimpleName || p.kind === N.DefiningName || p.kind === N.Label)) return p;
  return undefined;
}

/** What the name at `offset` denotes; a declaration's own name denotes that declaration. */
export function resolveAt(ws: Workspace, file: SourceFile, offset: number): Resolution | undefined {
  const n = nameNodeAt(file, offset);
  if (!n) return undefined;
  return resolveNameNode(ws, file, n);
}

export function declarationsAt(ws: Workspace, file: SourceFile, offset: number): Declaration[] {
  const r = resolveAt(ws, file, offset);
  return r?.kind === 'declarations' ? r.decls : [];
}

/** Resolves a SimpleName, DefiningName or Label node of `file`. */
export function resolveNameNode(ws: Workspace, file: SourceFile, n: SyntaxNode): Resolution {
  return new Resolver(ws, file).name(n, 0);
}

/** The entities and components an instantiation statement instantiates (a component first, then its bound entity). */
export function instantiatedUnits(ws: Workspace, file: SourceFile, statement: SyntaxNode): Declaration[] {
  const r = new Resolver(ws, file).instantiationTargets(statement);
  return r.kind === 'declarations' ? r.decls : [];
}

/** The entity a component declaration is bound to by default: same name, working library first. */
export function boundEntity(ws: Workspace, component: Declaration): DesignUnit | undefined {
  const own = ws.findEntity(component.name, component.file.library);
  if (own) return own;
  for (const lib of ws.libraries()) {
    const e = ws.findEntity(component.name, lib);
    if (e) return e;
  }
  return undefined;
}

/** Guards recursion through use clauses, contexts and subtype chains. */
const MAX_DEPTH = 16;

class Resolver {
  constructor(
    private readonly ws: Workspace,
    private readonly file: SourceFile,
  ) {}

  name(n: SyntaxNode, depth: number): Resolution {
    if (depth > MAX_DEPTH) return EXTERNAL;
    if (n.kind === N.DefiningName || n.kind === N.Label) {
      const d = this.file.scopes.declarationOfName(n);
      return d ? this.withBinding([d]) : EXTERNAL;
    }
    if (n.kind !== N.SimpleName) return EXTERNAL;
    const tok = n.childTokens()[0];
    if (!tok || tok.kind === T.CharacterLiteral || tok.kind === T.StringLiteral) return EXTERNAL;
    const name = nameOf(n);
    const p = n.parent;
    if (!name || !p) return EXTERNAL;
    const first = p.children.find((c) => c instanceof SyntaxNode);
    switch (p.kind) {
      case N.EndClause: {
        const d = p.parent ? this.file.scopes.declarationOfNode(p.parent) : undefined;
        return d ? decls([d]) : EXTERNAL;
      }
      case N.AttributeName:
        if (first !== n) return this.attributeDesignator(n, name);
        break;
      case N.SelectedName:
        if (first !== n) return this.selected(p, name, depth);
        break;
      case N.ArchitectureBody:
      case N.ConfigurationDeclaration: {
        const e = this.ws.findEntity(name, this.file.library, this.file.uri);
        return e ? decls(this.unitDecls([e])) : UNRESOLVED;
      }
      case N.PackageBody: {
        const pkg = this.ws.findPackage(name, this.file.library, this.file.uri);
        return pkg ? decls(this.unitDecls([pkg])) : UNRESOLVED;
      }
      case N.LibraryClause:
        return { kind: 'library', library: name };
      case N.InstantiatedUnit:
        if (p.token(T.EntityKw)) {
          if (first !== n) return this.architectureOf(p, name);
          const e = this.ws.findEntity(name, this.file.library, this.file.uri);
          return e ? decls(this.unitDecls([e])) : UNRESOLVED;
        }
        if (p.token(T.ConfigurationKw)) {
          const c = this.ws.primaryUnits(this.file.library, name).filter((u) => u.kind === 'configuration');
          return c.length ? decls(this.unitDecls(c)) : EXTERNAL;
        }
        return this.componentName(n, name);
    }
    const formal = this.formal(n, name, depth);
    if (formal) return formal;
    return this.lookup(this.file.scopes.scopeAt(n.start), name, depth);
  }

  /** A component (or a declaration) with the entity bound to it appended. */
  private withBinding(list: Declaration[]): Resolution {
    const out = [...list];
    for (const d of list) {
      if (d.kind !== 'component') continue;
      const e = boundEntity(this.ws, d);
      if (e) out.push(...this.unitDecls([e]));
    }
    return decls(out);
  }

  private unitDecls(units: DesignUnit[]): Declaration[] {
    return units.map(unitDeclaration).filter((d): d is Declaration => !!d);
  }

  /** `u1 : comp port map (...)` (also `component comp`): the component, its entity; an entity if no component is visible. */
  private componentName(n: SyntaxNode, name: string): Resolution {
    const r = this.lookup(this.file.scopes.scopeAt(n.start), name, 0);
    if (r.kind === 'declarations') return this.withBinding(r.decls.filter((d) => d.kind === 'component').length ? r.decls.filter((d) => d.kind === 'component') : r.decls);
    const e = this.ws.findEntity(name, this.file.library, this.file.uri);
    return e ? decls(this.unitDecls([e])) : r;
  }

  /** `entity work.e(arch)`: the architecture named in parentheses. */
  private architectureOf(instUnit: SyntaxNode, name: string): Resolution {
    const entityName = instUnit.childNodes().find((c) => c.kind === N.SelectedName || c.kind === N.SimpleName);
    const target = entityName ? this.nameDenoted(entityName, 0) : EXTERNAL;
    if (target.kind !== 'declarations') return EXTERNAL;
    const unit = target.decls.find((d) => d.unit?.kind === 'entity')?.unit;
    if (!unit) return EXTERNAL;
    const arch = this.ws.architecturesOf(unit).filter((a) => a.name === name);
    return arch.length ? decls(this.unitDecls(arch)) : UNRESOLVED;
  }

  /** What a SimpleName or SelectedName node denotes (a SelectedName by its last suffix). */
  private nameDenoted(node: SyntaxNode, depth: number): Resolution {
    if (node.kind === N.SimpleName) return this.name(node, depth + 1);
    if (node.kind === N.SelectedName) {
      const suffix = node.children[node.children.length - 1];
      if (suffix instanceof SyntaxNode && suffix.kind === N.SimpleName) return this.name(suffix, depth + 1);
    }
    return EXTERNAL;
  }

  private attributeDesignator(n: SyntaxNode, name: string): Resolution {
    const r = this.lookup(this.file.scopes.scopeAt(n.start), name, 0);
    if (r.kind === 'declarations') {
      const attrs = r.decls.filter((d) => d.kind === 'attribute');
      if (attrs.length) return decls(attrs);
    }
    return EXTERNAL; // a predefined attribute ('event, 'range, ...)
  }

  /** `prefix.name`: an item of a library, a package, a record, or an expanded name. */
  private selected(sel: SyntaxNode, name: string, depth: number): Resolution {
    const prefix = sel.children.find((c): c is SyntaxNode => c instanceof SyntaxNode);
    if (!prefix) return EXTERNAL;
    const pr = this.nameDenoted(prefix, depth);
    if (pr.kind === 'library') {
      const lib = pr.library === 'work' ? this.file.library : pr.library;
      if (!this.ws.hasLibrary(lib)) return EXTERNAL;
      const units = this.ws.primaryUnits(lib, name);
      return units.length ? decls(this.unitDecls(units)) : lib === this.file.library ? UNRESOLVED : EXTERNAL;
    }
    if (pr.kind !== 'declarations') return EXTERNAL;
    for (const d of pr.decls) {
      const region = OBJECT_KINDS.has(d.kind) ? this.typeRegion(d, depth) : d.region;
      const found = region?.decls.get(name);
      if (found?.length) return decls(found);
    }
    return EXTERNAL;
  }

  /** The record elements or protected-type methods reachable through an object's type mark. */
  private typeRegion(d: Declaration, depth: number): Scope | undefined {
    for (let i = 0; i < 8 && depth < MAX_DEPTH; i++) {
      const mark = firstTypeMark(d.node);
      const nameNode = mark?.childNodes()[0];
      if (!nameNode) return undefined;
      const r = this.resolverFor(d.file).nameDenoted(nameNode, depth + 1);
      if (r.kind !== 'declarations') return undefined;
      const t = r.decls.find((x) => x.kind === 'type' || x.kind === 'subtype');
      if (!t) return undefined;
      if (t.kind === 'type') return t.region;
      d = t; // a subtype: follow its own type mark
    }
    return undefined;
  }

  private resolverFor(file: SourceFile): Resolver {
    return file === this.file ? this : new Resolver(this.ws, file);
  }

  /** A formal in an association list (`clk => clk_i`): the port, generic or parameter of the target. */
  private formal(n: SyntaxNode, name: string, depth: number): Resolution | undefined {
    let cur: SyntaxNode = n;
    while (cur.parent && (cur.parent.kind === N.CallOrIndexName || cur.parent.kind === N.SelectedName) && cur.parent.children[0] === cur) cur = cur.parent;
    if (cur.parent?.kind !== N.FormalPart) return undefined;
    const list = cur.parent.parent?.parent; // FormalPart < AssociationElement < AssociationList
    const aspect = list?.kind === N.AssociationList ? list.parent : undefined;
    if (!aspect) return EXTERNAL;
    const wanted: DeclKind = aspect.kind === N.GenericMapAspect ? 'generic' : aspect.kind === N.PortMapAspect ? 'port' : 'parameter';
    let targets: Resolution;
    const owner = aspect.parent;
    if (aspect.kind === N.CallOrIndexName) {
      targets = this.nameDenoted(aspect.children[0] as SyntaxNode, depth);
    } else if (owner?.kind === N.ComponentInstantiationStatement) {
      targets = this.instantiationTargets(owner);
    } else if (owner?.kind === N.BlockHeader) {
      const block = owner.parent ? this.file.scopes.declarationOfNode(owner.parent) : undefined;
      targets = block ? decls([block]) : EXTERNAL;
    } else if (owner?.kind === N.PackageInstantiationDeclaration) {
      const g = owner.childNodes().find((c) => c.kind === N.SelectedName || c.kind === N.SimpleName);
      targets = g ? this.nameDenoted(g, depth) : EXTERNAL;
    } else return EXTERNAL;
    if (targets.kind !== 'declarations') return EXTERNAL;
    const found: Declaration[] = [];
    let allKnown = true;
    for (let t of targets.decls) {
      // A configuration's ports are its entity's.
      if (t.unit?.kind === 'configuration') {
        const e = this.ws.primaryOf(t.unit);
        const ed = e ? unitDeclaration(e) : undefined;
        if (!ed) {
          allKnown = false;
          continue;
        }
        t = ed;
      }
      if (!t.region) {
        allKnown = false;
        continue;
      }
      for (const d of t.region.decls.get(name) ?? []) if (d.kind === wanted || (wanted === 'generic' && inGenericClause(d))) found.push(d);
    }
    if (found.length) return decls(found);
    // A formal missing from a known entity or component is a real error; for calls, overloads we
    // cannot rank make it unknowable.
    return allKnown && wanted !== 'parameter' ? UNRESOLVED : EXTERNAL;
  }

  /** The component (and bound entity) or entity that an instantiation statement instantiates. */
  instantiationTargets(statement: SyntaxNode): Resolution {
    const iu = statement.child(N.InstantiatedUnit);
    if (!iu) return EXTERNAL;
    const nameNode = iu.childNodes().find((c) => c.kind === N.SelectedName || c.kind === N.SimpleName);
    if (!nameNode) return EXTERNAL;
    return this.nameDenoted(nameNode, 0);
  }

  /** Looks `name` up from `scope` outwards: declarations first, then use clauses, then libraries. */
  lookup(scope: Scope, name: string, depth: number): Resolution {
    const { scopes, complete } = this.chain(scope);
    for (const s of scopes) {
      if (s.kind === 'file') continue; // design units are reached through libraries, not directly
      const found = s.decls.get(name);
      if (found?.length) return decls(found);
      // A unit's own name is visible inside it (and an entity's or package's inside its secondary units).
      if (s.kind === 'unit' && s.owner?.name === name) return decls([s.owner]);
    }
    let analysable = complete;
    const visible: Declaration[] = [];
    for (const s of scopes) {
      for (const use of s.uses) {
        const r = this.useVisible(s, use, name, depth);
        if (r === 'external') analysable = false;
        else visible.push(...r);
      }
    }
    if (visible.length) return decls(dedupe(visible));
    if (name === 'work' || name === 'std' || scopes.some((s) => s.libraries.includes(name))) return { kind: 'library', library: name };
    if (STANDARD_NAMES.has(name)) return EXTERNAL;
    return analysable ? UNRESOLVED : EXTERNAL;
  }

  /** The regions searched from `scope`: enclosing regions, an architecture's entity, a body's package. */
  private chain(scope: Scope): { scopes: Scope[]; complete: boolean } {
    const scopes: Scope[] = [];
    let complete = true;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      scopes.push(s);
      const unit = s.unit;
      if (s.kind === 'unit' && unit && (unit.kind === 'architecture' || unit.kind === 'packageBody' || unit.kind === 'configuration')) {
        const primary = this.ws.primaryOf(unit);
        const ps = primary ? unitScope(primary) : undefined;
        if (ps) scopes.push(ps);
        else complete = false;
      }
    }
    return { scopes, complete };
  }

  /** Declarations named `name` that one use clause or context reference makes visible; 'external' when it cannot be analysed. */
  private useVisible(scope: Scope, use: SyntaxNode, name: string, depth: number): Declaration[] | 'external' {
    if (depth > MAX_DEPTH) return 'external';
    let external = false;
    const out: Declaration[] = [];
    for (const sel of use.childNodes(N.SelectedName, N.SimpleName)) {
      const parts = selectedParts(sel);
      if (!parts || parts.length < 2) {
        external = true;
        continue;
      }
      const lib = parts[0] === 'work' ? (scope.unit?.library ?? this.file.library) : parts[0];
      if (use.kind === N.ContextReference) {
        const ctx = this.ws.primaryUnits(lib, parts[1]).find((u) => u.kind === 'context');
        if (!ctx || parts.length !== 2) {
          external = true;
          continue;
        }
        for (const inner of ctx.node.descendants(N.UseClause, N.ContextReference)) {
          const r = this.resolverFor(ctx.file).useVisible(scope, inner, name, depth + 1);
          if (r === 'external') external = true;
          else out.push(...r);
        }
        continue;
      }
      if (parts.length === 2) {
        // use lib.all / use lib.unit
        if (parts[1] !== 'all' && parts[1] !== name) continue;
        if (!this.ws.hasLibrary(lib)) {
          external = true;
          continue;
        }
        out.push(...this.unitDecls(this.ws.primaryUnits(lib, name)));
        continue;
      }
      if (parts.length !== 3) {
        external = true;
        continue;
      }
      // use lib.pkg.all / use lib.pkg.item
      if (parts[2] !== 'all' && parts[2] !== name) continue;
      const pkg = this.ws.hasLibrary(lib) ? this.ws.findPackage(parts[1], lib, this.file.uri) : undefined;
      // An instance of a generic package declares what its generic package does, with actuals we do not model.
      const region = pkg && pkg.kind === 'package' ? unitScope(pkg) : undefined;
      if (!region) {
        external = true;
        continue;
      }
      out.push(...(region.decls.get(name) ?? []));
    }
    return external && out.length === 0 ? 'external' : out;
  }
}

/** `a.b.all` as ['a', 'b', 'all']; undefined when a part is not a plain name. */
export function selectedParts(node: SyntaxNode): string[] | undefined {
  const parts: string[] = [];
  let cur: SyntaxNode | undefined = node;
  while (cur) {
    if (cur.kind === N.SimpleName) {
      const n = nameOf(cur);
      if (!n) return undefined;
      parts.unshift(n);
      return parts;
    }
    if (cur.kind !== N.SelectedName) return undefined;
    const last = cur.children[cur.children.length - 1];
    if (last instanceof SyntaxToken && last.kind === T.AllKw) parts.unshift('all');
    else if (last instanceof SyntaxNode && last.kind === N.SimpleName) {
      const n = nameOf(last);
      if (!n) return undefined;
      parts.unshift(n);
    } else return undefined;
    cur = cur.children.find((c): c is SyntaxNode => c instanceof SyntaxNode);
  }
  return undefined;
}

function firstTypeMark(node: SyntaxNode): SyntaxNode | undefined {
  for (const d of node.descendants(N.TypeMark)) return d;
  return undefined;
}

function dedupe(list: Declaration[]): Declaration[] {
  return [...new Set(list)];
}

/** Generic types, subprograms and packages are declared by a generic clause under their own kinds. */
function inGenericClause(d: Declaration): boolean {
  for (let p = d.node.parent, i = 0; p && i < 4; p = p.parent, i++) if (p.kind === N.GenericClause) return true;
  return false;
}
