// Model lifecycle: the `vhdlExplain.model.*` settings, the backend they ask for, and a
// `vhdl/modelStatus` notification on every state change. A broken model never breaks the facts.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createBackend, type Backend, type GenerateRequest, type GenerateResult, type OnText, type CancellationToken, type TokenCounter } from '../llm/index';
import { LocalBackend } from '../llm/localBackend';
import type { ServerContext } from './context';
import { ModelStatusNotification, type ModelStatus } from './protocol';

export interface ModelSettings {
  backend: 'local' | 'remote' | 'off';
  folder: string;
  file: string;
  threads: number;
  remoteUrl: string;
  remoteModel: string;
  maxTokens: number;
  hoverBudgetMs: number;
  /** Prepare hover explanations for the open file in the background. */
  prepareHovers: boolean;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  backend: 'local',
  folder: '',
  file: 'model_q4.onnx',
  threads: 0,
  remoteUrl: '',
  remoteModel: '',
  maxTokens: 512,
  // The 25M default model (session 10) answers a first hover in a median 316 ms, at most 466 ms, over
  // JSON-RPC on a 2-core machine: 500 lets it (300 left 13 of 16 with the "being prepared" note).
  hoverBudgetMs: 500,
  prepareHovers: true,
};

/** Shown with the remote state: the server's tokenizer is unknown here, so prompt budgets are estimated. */
export const REMOTE_DETAIL = 'prompt budgets estimated at 3.5 characters per token (the server\'s tokenizer is not known here)';

/** Reads the model settings from a `vhdlExplain` section, keeping `base` for missing or ill-typed values. */
export function modelSettingsFrom(section: unknown, base: ModelSettings = DEFAULT_MODEL_SETTINGS): ModelSettings {
  const out = { ...base };
  if (!section || typeof section !== 'object') return out;
  const s = section as Record<string, any>;
  const m = (s.model ?? {}) as Record<string, unknown>;
  if (m.backend === 'local' || m.backend === 'remote' || m.backend === 'off') out.backend = m.backend;
  if (typeof m.folder === 'string') out.folder = m.folder;
  if (typeof m.file === 'string' && m.file) out.file = m.file;
  if (typeof m.threads === 'number' && m.threads >= 0) out.threads = m.threads;
  if (typeof m.remoteUrl === 'string') out.remoteUrl = m.remoteUrl;
  if (typeof m.remoteModel === 'string') out.remoteModel = m.remoteModel;
  if (typeof s.explain?.maxTokens === 'number' && s.explain.maxTokens >= 16) out.maxTokens = s.explain.maxTokens;
  if (typeof s.hover?.budgetMs === 'number' && s.hover.budgetMs >= 0) out.hoverBudgetMs = s.hover.budgetMs;
  if (typeof s.hover?.prepare === 'boolean') out.prepareHovers = s.hover.prepare;
  return out;
}

/** `models/default` next to the bundle (dist/../models/default) or the source tree. */
export function defaultModelFolder(): string {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'models', 'default');
    if (existsSync(candidate)) return candidate;
  }
  return resolve(__dirname, '..', 'models', 'default');
}

function hasModel(folder: string): boolean {
  try {
    return existsSync(join(folder, 'config.json')) && readdirSync(join(folder, 'onnx')).some((f) => f.endsWith('.onnx'));
  } catch {
    return false;
  }
}

/** Owns the backend; answers `backend()` with undefined (and a reason) when explanations are off. */
export class ModelManager {
  private current: Backend | undefined;
  private status: ModelStatus = { state: 'off', detail: 'not configured yet' };
  private busy = 0;
  private generation = 0;
  /** Set by dispose (the server is shutting down): no backend is made, or loaded, after it. */
  private closed = false;
  settings: ModelSettings = DEFAULT_MODEL_SETTINGS;
  readonly listeners = new Set<(s: ModelStatus) => void>();

  /** Folder for the engine's persisted result cache; set from the client's initializationOptions. */
  cacheDir: string | undefined;

  /** `defaultFolder`: where the bundled model is looked for when vhdlExplain.model.folder is empty. */
  constructor(private readonly log: (m: string) => void = () => {}, cacheDir?: string, private readonly defaultFolder = defaultModelFolder()) {
    this.cacheDir = cacheDir;
  }

  get state(): ModelStatus {
    return this.status;
  }

  /** Why there is no backend, for notes; undefined when there is one. */
  get unavailableReason(): string | undefined {
    if (this.current && this.status.state !== 'failed') return undefined;
    return this.status.detail ?? this.status.state;
  }

  backend(): Backend | undefined {
    return this.status.state === 'failed' || this.status.state === 'off' ? undefined : this.current;
  }

  /** Applies new settings: disposes the old backend and makes the new one (loading starts in the background). */
  async configure(settings: ModelSettings): Promise<void> {
    const same = JSON.stringify({ ...settings, maxTokens: 0, hoverBudgetMs: 0, prepareHovers: true }) === JSON.stringify({ ...this.settings, maxTokens: 0, hoverBudgetMs: 0, prepareHovers: true });
    this.settings = settings;
    if (this.closed || (same && this.current)) return;
    const gen = ++this.generation;
    const old = this.current;
    this.current = undefined;
    await old?.dispose().catch(() => undefined);
    if (settings.backend === 'off') return this.set({ state: 'off', detail: 'vhdlExplain.model.backend is off: hovers and panels show the facts only.' });
    if (settings.backend === 'remote') {
      if (!settings.remoteUrl) return this.set({ state: 'failed', detail: 'vhdlExplain.model.backend is remote but vhdlExplain.model.remoteUrl is empty.' });
      this.current = createBackend({ remoteUrl: settings.remoteUrl, remoteModel: settings.remoteModel || undefined, log: this.log });
      return this.set(this.idle());
    }
    const folder = settings.folder ? resolve(settings.folder) : this.defaultFolder;
    if (!settings.folder && !hasModel(folder)) {
      return this.set({ state: 'off', detail: `No default model is installed yet (${folder} has no model): set vhdlExplain.model.folder to a model folder. Facts still work.` });
    }
    const onnx = existsSync(join(folder, 'onnx', settings.file)) ? settings.file : undefined;
    try {
      this.current = createBackend({ modelDir: folder, modelFile: onnx, threads: settings.threads || undefined, cacheDir: this.cacheDir, log: this.log });
    } catch (e) {
      return this.set({ state: 'failed', model: folder, detail: e instanceof Error ? e.message : String(e) });
    }
    const name = folder.split(/[\\/]/).filter(Boolean).pop();
    this.set({ state: 'loading', model: name, detail: folder });
    const b = this.current;
    if (b instanceof LocalBackend) {
      b.load().then(
        () => {
          // Read the tokenizer now rather than inside the first hover's budget.
          if (gen === this.generation) b.tokenCounter();
          return gen === this.generation && this.set({ state: 'ready', model: name });
        },
        (e: unknown) => gen === this.generation && this.set({ state: 'failed', model: name, detail: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  /**
   * The current backend's token counter: prompts are bounded in its model's own tokens. Undefined
   * without a backend, or for a remote one (its tokenizer is unknown: prompts use the estimate).
   */
  tokenCounter(): TokenCounter | undefined {
    return this.backend()?.tokenCounter?.();
  }

  /** The state after a request, for the current settings. */
  private idle(model?: string): ModelStatus {
    return this.settings.backend === 'remote'
      ? { state: 'remote', model: this.settings.remoteUrl, detail: REMOTE_DETAIL }
      : { state: 'ready', model };
  }

  /** Generates through the current backend, reporting busy/ready; a load failure turns the state to failed. */
  async generate(req: GenerateRequest, onText?: OnText, token?: CancellationToken, what = 'explaining'): Promise<GenerateResult> {
    const b = this.backend();
    if (!b) throw new Error(this.unavailableReason ?? 'no model');
    const gen = this.generation;
    const base = this.status;
    this.busy++;
    if (this.busy === 1 && base.state !== 'loading') this.set({ state: 'busy', model: base.model, detail: what });
    try {
      return await b.generate(req, onText, token);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (gen === this.generation && code && /^MODEL_|TOKENIZER|OUT_OF_MEMORY|REMOTE_UNREACHABLE/.test(code)) {
        this.set({ state: 'failed', model: base.model, detail: e instanceof Error ? e.message : String(e) });
      }
      throw e;
    } finally {
      this.busy--;
      if (this.busy === 0 && gen === this.generation && this.status.state === 'busy') {
        this.set(this.idle(base.model));
      }
    }
  }

  /**
   * A Backend view whose generate() goes through the manager (busy state, failures), with the
   * backend's token counter: every prompt built for it (hover, explain, doc comment, docs) is
   * counted with the model it goes to; a new model brings its own counter.
   */
  asBackend(what: string): Backend | undefined {
    const b = this.backend();
    if (!b) return undefined;
    return { id: b.id, generate: (req, onText, token) => this.generate(req, onText, token, what), tokenCounter: () => b.tokenCounter?.(), dispose: async () => {} };
  }

  async dispose(): Promise<void> {
    this.closed = true;
    this.generation++;
    const b = this.current;
    this.current = undefined;
    // A model still loading is waited for, then released with its worker thread.
    await b?.dispose().catch(() => undefined);
    this.set({ state: 'off', detail: 'The language server is shutting down.' });
  }

  private set(s: ModelStatus): void {
    if (JSON.stringify(s) === JSON.stringify(this.status)) return;
    this.status = s;
    this.log(`model: ${s.state}${s.model ? ` (${s.model})` : ''}${s.detail ? `: ${s.detail}` : ''}`);
    for (const l of this.listeners) l(s);
  }
}

/** The server's model manager, created by registerModel. */
export let models: ModelManager | undefined;
let pendingSection: unknown;

/** Creates the manager and sends `vhdl/modelStatus` on every change. */
export function registerModel(ctx: ServerContext): void {
  models = new ModelManager((m) => ctx.log(m));
  models.listeners.add((s) => void ctx.connection.sendNotification(ModelStatusNotification.type, s));
  ctx.onShutdown.add(() => models?.dispose());
}

/**
 * Remembers the settings from initializationOptions (applied once the client is initialized) and the
 * folder where explanations are cached between editor sessions (the client's global storage).
 */
export function initialModelSettings(section: unknown, cacheDir?: string): void {
  pendingSection = section;
  if (models && cacheDir) models.cacheDir = cacheDir;
}

/** Applies the `vhdlExplain` section (after `initialized` and on every configuration change). */
export async function applyModelSettings(ctx: ServerContext, section: unknown): Promise<void> {
  if (!models) return;
  const s = modelSettingsFrom(section ?? pendingSection, models.settings);
  await models.configure(s);
  // The first status goes out even when the settings did not change it.
  void ctx.connection.sendNotification(ModelStatusNotification.type, models.state);
}

/** Reads the raw `vhdlExplain` section from the client (undefined when it cannot answer). */
export async function fetchModelSection(ctx: ServerContext): Promise<unknown> {
  try {
    return await ctx.connection.workspace.getConfiguration('vhdlExplain');
  } catch {
    return undefined;
  }
}
