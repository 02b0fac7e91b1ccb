// The `vhdlExplain.*` settings the server reads, and their defaults.
import type { LibraryMapping } from '../analysis/library';
import type { ServerContext } from './context';

export interface ServerConfig {
  /** `vhdlExplain.libraries`: `{ libName: [glob, ...] }`; unmatched files go to `work`. */
  libraries: LibraryMapping;
  /** `vhdlExplain.diagnostics.debounceMs`: quiet time after typing before diagnostics refresh. */
  diagnosticsDebounceMs: number;
}

export const DEFAULT_CONFIG: ServerConfig = { libraries: {}, diagnosticsDebounceMs: 200 };

/** Reads settings from a `vhdlExplain` section object, ignoring values of the wrong shape. */
export function configFromSection(section: unknown, base: ServerConfig = DEFAULT_CONFIG): ServerConfig {
  const out: ServerConfig = { ...base };
  if (!section || typeof section !== 'object') return out;
  const s = section as Record<string, unknown>;
  if (s.libraries && typeof s.libraries === 'object' && !Array.isArray(s.libraries)) {
    const libs: LibraryMapping = {};
    for (const [k, v] of Object.entries(s.libraries as Record<string, unknown>)) {
      if (Array.isArray(v)) libs[k] = v.filter((g): g is string => typeof g === 'string');
      else if (typeof v === 'string') libs[k] = [v];
    }
    out.libraries = libs;
  }
  const diag = s.diagnostics as Record<string, unknown> | undefined;
  if (diag && typeof diag.debounceMs === 'number' && diag.debounceMs >= 0) out.diagnosticsDebounceMs = diag.debounceMs;
  return out;
}

/** Asks the client for the current settings (when it supports workspace/configuration). */
export async function fetchConfig(ctx: ServerContext, supported: boolean, base: ServerConfig): Promise<ServerConfig> {
  if (!supported) return base;
  try {
    const section = await ctx.connection.workspace.getConfiguration('vhdlExplain');
    return configFromSection(section, base);
  } catch (e) {
    ctx.log(`could not read settings: ${e instanceof Error ? e.message : String(e)}`);
    return base;
  }
}
