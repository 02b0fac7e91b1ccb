// An LRU cache of generation results, keyed by model + prompt + settings, persisted as JSON lines.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CachedResult {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
  trimmedLines: number;
}

export interface ResultCacheOptions {
  /** Folder for the cache file; without it the cache lives in memory only. */
  dir?: string;
  maxEntries?: number;
  fileName?: string;
}

/** A stable hash of any JSON-able value (object keys sorted). */
export function cacheKey(parts: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canon(parts))).digest('hex');
}

/**
 * Entries are appended to the file as they are added ({"k": key, "v": result} per line) and
 * used ({"t": key}: a hit moves the entry to the recent end on reload too); the
 * file is rewritten with only the live entries when it grows past twice the capacity. Lines that
 * do not parse (a crash mid-write) are skipped on load.
 */
export class ResultCache {
  private readonly map = new Map<string, CachedResult>();
  private readonly max: number;
  private readonly file: string | undefined;
  private lines = 0;

  constructor(opts: ResultCacheOptions = {}) {
    this.max = Math.max(1, opts.maxEntries ?? 500);
    this.file = opts.dir ? join(opts.dir, opts.fileName ?? 'llm-results.jsonl') : undefined;
    if (this.file && existsSync(this.file)) {
      try {
        for (const line of readFileSync(this.file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          this.lines++;
          try {
            const { k, v, t } = JSON.parse(line) as { k?: string; v?: CachedResult; t?: string };
            if (typeof k === 'string' && v && typeof v.text === 'string') this.put(k, v);
            else if (typeof t === 'string') this.get(t);
          } catch {
            // a torn line: skip it
          }
        }
      } catch {
        // unreadable file: start empty, it is only a cache
      }
    }
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): CachedResult | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  /** get(), and remember the use on disk so the LRU order survives a restart. */
  use(key: string): CachedResult | undefined {
    const v = this.get(key);
    if (v) this.write({ t: key });
    return v;
  }

  set(key: string, value: CachedResult): void {
    this.put(key, value);
    this.write({ k: key, v: value });
  }

  private write(line: { k: string; v: CachedResult } | { t: string }): void {
    if (!this.file) return;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      if (this.lines + 1 > 2 * this.max) this.compact();
      else {
        appendFileSync(this.file, JSON.stringify(line) + '\n');
        this.lines++;
      }
    } catch {
      // a read-only or full disk only costs the persistence
    }
  }

  private put(key: string, value: CachedResult): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  private compact(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const body = [...this.map].map(([k, v]) => JSON.stringify({ k, v }) + '\n').join('');
    writeFileSync(tmp, body);
    renameSync(tmp, this.file!);
    this.lines = this.map.size;
  }
}
