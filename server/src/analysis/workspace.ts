// The workspace index: every source file, and every design unit by library, updated file by file.
import type { DesignUnit } from './designUnits';
import { DEFAULT_LIBRARY } from './library';
import { SourceFile } from './sourceFile';

export interface SetFileOptions {
  /** The editor's version; -1 (the default) for text from disk. */
  version?: number;
  library?: string;
}

/**
 * Holds the files and answers "which design unit is `lib.name`". A changed file only marks its
 * own contribution to the unit index stale; the index catches up on the next query, parsing just
 * the files that changed.
 */
export class Workspace {
  private readonly fileMap = new Map<string, SourceFile>();
  private readonly stale = new Set<string>();
  private readonly contributed = new Map<string, DesignUnit[]>();
  /** Primary units (entity, package, configuration, context, package instance) by library, then name. */
  private readonly primary = new Map<string, Map<string, DesignUnit[]>>();
  /** Secondary units (architecture, package body) by library, then the name of their primary unit. */
  private readonly secondary = new Map<string, Map<string, DesignUnit[]>>();
  /** Increases with every change; caches that depend on other files compare it. */
  generation = 0;
  /** Reparse an edited file from its previous parse (incrementally where provably equal); off = full parses (benchmarks compare both). */
  incrementalParsing = true;
  /** After an incremental reparse, copy the regions (scopes, declarations) the edit left unchanged from the previous version; off = rebuild them (benchmarks compare both). */
  reuseScopes = true;

  /** Adds or replaces a file. Replacing it with the same text and library keeps its parse. */
  setFile(uri: string, text: string, options: SetFileOptions = {}): SourceFile {
    const library = (options.library ?? DEFAULT_LIBRARY).toLowerCase();
    const version = options.version ?? -1;
    const old = this.fileMap.get(uri);
    if (old && old.text === text && old.library === library) {
      // Same contents (a file opened as it is on disk): keep the parse, record the version.
      old.version = version;
      return old;
    }
    // An edit of the same file reparses from the old parse (incrementally where it can).
    const file = new SourceFile(uri, text, version, library, this.incrementalParsing && old !== undefined && old.library === library ? old : undefined, this.reuseScopes);
    this.fileMap.set(uri, file);
    this.stale.add(uri);
    this.generation++;
    return file;
  }

  removeFile(uri: string): void {
    if (!this.fileMap.delete(uri)) return;
    this.stale.add(uri);
    this.generation++;
  }

  setLibrary(uri: string, library: string): void {
    const file = this.fileMap.get(uri);
    if (!file || file.library === library.toLowerCase()) return;
    this.setFile(uri, file.text, { version: file.version, library });
  }

  getFile(uri: string): SourceFile | undefined {
    return this.fileMap.get(uri);
  }

  files(): IterableIterator<SourceFile> {
    return this.fileMap.values();
  }

  get fileCount(): number {
    return this.fileMap.size;
  }

  /** Whether any workspace file belongs to `library` (then its units are known, not external). */
  hasLibrary(library: string): boolean {
    this.refresh();
    return this.primary.has(library.toLowerCase()) || library.toLowerCase() === DEFAULT_LIBRARY;
  }

  libraries(): string[] {
    this.refresh();
    return [...this.primary.keys()].sort();
  }

  /** Primary units named `name` in `library` (several when the workspace declares it twice). */
  primaryUnits(library: string, name: string): DesignUnit[] {
    this.refresh();
    return this.primary.get(library.toLowerCase())?.get(name.toLowerCase()) ?? [];
  }

  /** Every design unit of the workspace, primary and secondary. */
  allUnits(): DesignUnit[] {
    this.refresh();
    const out: DesignUnit[] = [];
    for (const units of this.contributed.values()) out.push(...units);
    return out;
  }

  /**
   * The entity `library.name`. When the workspace declares it more than once (copies of a library
   * for several VHDL versions), `near` (a file URI) picks the copy in the nearest folder.
   */
  findEntity(name: string, library = DEFAULT_LIBRARY, near?: string): DesignUnit | undefined {
    return closest(this.primaryUnits(library, name).filter((u) => u.kind === 'entity'), near);
  }

  findPackage(name: string, library = DEFAULT_LIBRARY, near?: string): DesignUnit | undefined {
    return closest(this.primaryUnits(library, name).filter((u) => u.kind === 'package' || u.kind === 'packageInstance'), near);
  }

  /** Architectures of an entity, or the body of a package. */
  secondaryUnits(primary: DesignUnit): DesignUnit[] {
    this.refresh();
    return this.secondary.get(primary.library)?.get(primary.name) ?? [];
  }

  architecturesOf(entity: DesignUnit): DesignUnit[] {
    return this.secondaryUnits(entity).filter((u) => u.kind === 'architecture');
  }

  packageBodyOf(pkg: DesignUnit): DesignUnit | undefined {
    return this.secondaryUnits(pkg).find((u) => u.kind === 'packageBody');
  }

  /** The primary unit a secondary unit belongs to (an architecture's entity, a body's package). */
  primaryOf(unit: DesignUnit): DesignUnit | undefined {
    if (!unit.primaryName) return undefined;
    const want = unit.kind === 'architecture' || unit.kind === 'configuration' ? 'entity' : 'package';
    return closest(this.primaryUnits(unit.library, unit.primaryName).filter((u) => u.kind === want), unit.file.uri);
  }

  /**
   * Parses every file not parsed yet, calling `pause` between files so that a server stays
   * responsive; stops early when `isCancelled` says so.
   */
  async warmUp(pause: () => Promise<void>, isCancelled: () => boolean = () => false): Promise<void> {
    for (const file of [...this.fileMap.values()]) {
      if (isCancelled()) return;
      if (this.fileMap.get(file.uri) !== file || file.isParsed) continue;
      void file.units;
      await pause();
    }
    this.refresh();
  }

  /** Brings the unit index up to date with the files that changed since the last query. */
  private refresh(): void {
    if (this.stale.size === 0) return;
    const stale = [...this.stale];
    this.stale.clear();
    for (const uri of stale) {
      for (const u of this.contributed.get(uri) ?? []) this.unindex(u);
      this.contributed.delete(uri);
      const file = this.fileMap.get(uri);
      if (!file) continue;
      const units = file.units;
      this.contributed.set(uri, units);
      for (const u of units) this.indexUnit(u);
    }
  }

  /** Which table and key a unit is filed under. */
  private slot(u: DesignUnit): { table: Map<string, Map<string, DesignUnit[]>>; key: string | undefined } {
    const secondary = u.kind === 'architecture' || u.kind === 'packageBody';
    return secondary ? { table: this.secondary, key: u.primaryName } : { table: this.primary, key: u.name };
  }

  private indexUnit(u: DesignUnit): void {
    const { table, key } = this.slot(u);
    if (key === undefined) return;
    let lib = table.get(u.library);
    if (!lib) table.set(u.library, (lib = new Map()));
    const list = lib.get(key);
    if (list) list.push(u);
    else lib.set(key, [u]);
  }

  private unindex(u: DesignUnit): void {
    const { table, key } = this.slot(u);
    const lib = table.get(u.library);
    const list = key === undefined ? undefined : lib?.get(key);
    if (!lib || !list || key === undefined) return;
    const i = list.indexOf(u);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) lib.delete(key);
    if (lib.size === 0) table.delete(u.library);
  }
}

/** Of several same-named units, the one whose file shares the longest path prefix with `near`. */
export function closest(units: DesignUnit[], near: string | undefined): DesignUnit | undefined {
  if (units.length <= 1 || near === undefined) return units[0];
  let best = units[0];
  let bestLen = -1;
  for (const u of units) {
    const uri = u.file.uri;
    let i = 0;
    while (i < uri.length && i < near.length && uri[i] === near[i]) i++;
    if (i > bestLen) {
      best = u;
      bestLen = i;
    }
  }
  return best;
}
