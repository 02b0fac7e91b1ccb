// Library mapping: which VHDL library a source file belongs to, from `vhdlExplain.libraries` globs.

/** `{ libName: [glob, ...] }`; files that match no glob go to `work`. */
export type LibraryMapping = Record<string, string[]>;

export const DEFAULT_LIBRARY = 'work';

/** Libraries that exist outside the workspace; names from them are never reported as unresolved. */
export const EXTERNAL_LIBRARIES = new Set(['std', 'ieee']);

/**
 * Compiles a glob to a regular expression over '/'-separated paths:
 * `**` spans folders, `*` and `?` stay inside one, `{a,b}` picks one of several.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '\\') re += '/';
    else re += c.replace(/[.+^$()|[\]]/g, '\\$&');
  }
  while (depth-- > 0) re += ')';
  return new RegExp(`^${re}$`, 'i');
}

export class LibraryMapper {
  private readonly rules: { library: string; patterns: RegExp[] }[];

  constructor(mapping: LibraryMapping | undefined) {
    this.rules = [];
    if (!mapping || typeof mapping !== 'object') return;
    for (const [lib, globs] of Object.entries(mapping)) {
      if (!Array.isArray(globs)) continue;
      const patterns = globs.filter((g): g is string => typeof g === 'string' && g.length > 0).map(globToRegExp);
      this.rules.push({ library: lib.toLowerCase(), patterns });
    }
  }

  /**
   * The library of a file. `paths` are the file's paths relative to each workspace folder and
   * its absolute path; a glob matches if it matches any of them. First matching library wins.
   */
  libraryOf(paths: string[]): string {
    const norm = paths.map((p) => p.replace(/\\/g, '/'));
    for (const rule of this.rules) {
      for (const re of rule.patterns) {
        if (norm.some((p) => re.test(p))) return rule.library;
      }
    }
    return DEFAULT_LIBRARY;
  }
}
