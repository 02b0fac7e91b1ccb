// The model part of a hover: a one- to three-sentence explanation within a time budget, cached by
// prompt, with background preparation of the open file's most useful names (ports, registers).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { architectureFacts } from '../analysis/facts/index';
import { nameNodeAt, resolveAt } from '../analysis/resolve';
import type { Declaration } from '../analysis/scopes';
import type { Workspace } from '../analysis/workspace';
import type { Backend, CancellationToken, TokenCounter } from '../llm/index';
import { ground, groundingConstraints, type GroundingVerdict } from './grounding';
import { buildPrompt, type Prompt } from './prompt';
import type { HoverSection, Position } from './types';

export interface HoverExplanation {
  /** The grounded explanation, or '' when nothing passed the check. */
  text: string;
  verdict: GroundingVerdict;
  cached: boolean;
}

export interface HoverAnswer {
  /** The model's section, or a note that it is being prepared; undefined when there is no model or no target. */
  section?: HoverSection;
  explanation?: HoverExplanation;
  pending: boolean;
  error?: string;
}

/** Kinds a hover explains with the model (others get facts only). */
const EXPLAINED = new Set(['signal', 'port', 'generic', 'constant', 'variable', 'process', 'instance', 'entity', 'architecture', 'package', 'function', 'procedure', 'component', 'type']);

/** Queue priorities: a hover someone waits for runs before (and pauses) background preparation. */
export const HOVER_PRIORITY = 5;
export const PREPARE_PRIORITY = -5;

/** The hover's note while the model is still writing. */
export const PREPARING = '_Explanation being prepared… hover again in a moment._';

/** At most this many explanations are kept (oldest dropped first). */
const CACHE_ENTRIES = 2000;

/**
 * The model prompt for a hover on `decl` (also what the recipe's hover pairs are made with), within
 * the model's own token counts when `tokenCounter` is given (a backend's `tokenCounter()`).
 */
export function hoverPrompt(ws: Workspace, uri: string, decl: Declaration, offset?: number, tokenCounter?: TokenCounter): Prompt {
  return buildPrompt(ws, { kind: 'declaration', decl, file: ws.getFile(uri), offset }, { task: 'hover', sourceTokens: 500, tokenCounter });
}

export class HoverExplainer {
  private readonly cache = new Map<string, HoverExplanation>();
  private readonly running = new Map<string, Promise<HoverExplanation>>();
  /** Bumped per file on every edit: background work for an older version stops. */
  private readonly fileEpoch = new Map<string, number>();

  constructor(private readonly backend: () => Backend | undefined, private readonly maxTokens = 96) {}

  /** The declaration a hover at `pos` is about, when the model explains that kind. */
  static targetAt(ws: Workspace, uri: string, pos: Position): { decl: Declaration; offset: number } | undefined {
    const file = ws.getFile(uri);
    if (!file) return undefined;
    const offset = file.lines.offsetAt(pos);
    if (!nameNodeAt(file, offset)) return undefined;
    const r = resolveAt(ws, file, offset);
    if (!r || r.kind !== 'declarations' || !r.decls[0]) return undefined;
    const d = r.decls[0];
    return EXPLAINED.has(d.unit?.kind ?? d.kind) ? { decl: d, offset } : undefined;
  }

  /** The prompt for `decl`, counted with `backend`'s tokenizer when it has one (another model, another prompt and cache key). */
  promptFor(ws: Workspace, uri: string, decl: Declaration, offset?: number, backend: Backend | undefined = this.backend()): Prompt {
    return hoverPrompt(ws, uri, decl, offset, backend?.tokenCounter?.());
  }

  static keyOf(p: Prompt): string {
    return createHash('sha256').update(JSON.stringify(p.messages)).digest('hex').slice(0, 32);
  }

  /** The cached explanation for a prompt, if any. */
  cached(p: Prompt): HoverExplanation | undefined {
    const hit = this.cache.get(HoverExplainer.keyOf(p));
    return hit ? { ...hit, cached: true } : undefined;
  }

  /**
   * Explains the name at `pos`, waiting at most `budgetMs` (Infinity: until done) counted from
   * `startedAt` (a `performance.now()` time; default: now), so the synchronous work before the
   * model (resolving, building and counting the prompt) is inside the budget. When the model is
   * slower, the answer says "being prepared" and the generation finishes into the cache.
   */
  async answer(ws: Workspace, uri: string, pos: Position, budgetMs: number, token?: CancellationToken, startedAt = performance.now()): Promise<HoverAnswer> {
    const b = this.backend();
    const t = HoverExplainer.targetAt(ws, uri, pos);
    if (!b || !t) return { pending: false };
    const p = this.promptFor(ws, uri, t.decl, t.offset, b);
    const hit = this.cached(p);
    if (hit) return { section: section(hit), explanation: hit, pending: false };
    const job = this.start(p, b, HOVER_PRIORITY, `hover:${uri}:${t.decl.name}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      if (Number.isFinite(budgetMs)) timer = setTimeout(() => r('timeout'), Math.max(0, budgetMs - (performance.now() - startedAt)));
    });
    const cancelled = new Promise<'timeout'>((r) => token?.onCancellationRequested?.(() => r('timeout')));
    try {
      const r = await Promise.race([job, timeout, cancelled]);
      if (r === 'timeout') return { section: { id: 'explanation', markdown: PREPARING }, pending: true };
      return { section: section(r), explanation: r, pending: false };
    } catch (e) {
      return { pending: false, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Starts (or joins) the generation for a prompt; the result lands in the cache. */
  private start(p: Prompt, b: Backend, priority: number, queueKey: string): Promise<HoverExplanation> {
    const key = HoverExplainer.keyOf(p);
    const running = this.running.get(key);
    if (running) return running;
    const job = (async () => {
      const r = await b.generate({ messages: p.messages, maxTokens: this.maxTokens, priority, queueKey, ...groundingConstraints(p.grounding) });
      const g = ground(r.text, p.grounding);
      const e: HoverExplanation = { text: r.finishReason === 'cancelled' ? '' : g.text, verdict: g.verdict, cached: false };
      if (r.finishReason !== 'cancelled') this.remember(key, e);
      return e;
    })();
    this.running.set(key, job);
    job.catch(() => undefined).finally(() => this.running.delete(key));
    return job;
  }

  private remember(key: string, e: HoverExplanation): void {
    this.cache.delete(key);
    this.cache.set(key, e);
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Called on every edit of a file: background preparation for its older text stops. */
  textChanged(uri: string): void {
    this.fileEpoch.set(uri, (this.fileEpoch.get(uri) ?? 0) + 1);
  }

  /**
   * Prepares explanations for the file's ports and registers first, then its other signals and
   * processes, one at a time at low priority; stops when the file changes again. Resolves with
   * the number prepared.
   */
  async prepare(ws: Workspace, uri: string, limit = 40): Promise<number> {
    const epoch = (this.fileEpoch.get(uri) ?? 0) + 1;
    this.fileEpoch.set(uri, epoch);
    const file = ws.getFile(uri);
    const b = this.backend();
    if (!file || !b) return 0;
    const ranked: { decl: Declaration; rank: number }[] = [];
    for (const u of file.units) {
      if (u.kind !== 'architecture') continue;
      const facts = architectureFacts(ws, u);
      const regs = new Set(facts.registers.map((r) => r.name));
      for (const d of file.scopes.declarations) {
        if (d.node.start < u.node.start && !(d.kind === 'port' && ws.primaryOf(u)?.file === file)) continue;
        if (d.node.end > u.node.end && d.kind !== 'port') continue;
        const rank = d.kind === 'port' ? 0 : regs.has(d.name) ? 1 : d.kind === 'signal' ? 2 : d.kind === 'process' ? 3 : d.kind === 'instance' ? 4 : -1;
        if (rank >= 0) ranked.push({ decl: d, rank });
      }
    }
    ranked.sort((a, b2) => a.rank - b2.rank || a.decl.nameNode.start - b2.decl.nameNode.start);
    let done = 0;
    const seen = new Set<string>();
    for (const { decl } of ranked) {
      if (done >= limit || this.fileEpoch.get(uri) !== epoch || ws.getFile(uri) !== file) break;
      if (seen.has(decl.name)) continue;
      seen.add(decl.name);
      const p = this.promptFor(ws, uri, decl, undefined, b);
      if (this.cached(p)) continue;
      try {
        // One queue key per file: a newer preparation of the same file supersedes this one.
        await this.start(p, b, PREPARE_PRIORITY, `prepare:${uri}`);
        done++;
      } catch {
        break;
      }
    }
    return done;
  }
}

/** The model's words, marked as such; a short note when no sentence passed the grounding check. */
function section(e: HoverExplanation): HoverSection {
  return { id: 'explanation', markdown: e.text ? `*Explanation (model):* ${e.text}` : '_The model\'s explanation was withheld: it did not pass the grounding check._' };
}
