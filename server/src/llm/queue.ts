// One generation at a time per model, with a small queue in which newer requests supersede stale ones.
import { anyToken, CancellationSource, type CancellationToken } from './cancellation';
import { LlmError } from './errors';

interface Entry {
  key: string | undefined;
  priority: number;
  seq: number;
  /** Runs the job; `done` is called when it settles (instead of starting the next queued job). */
  start: (done?: () => void) => void;
  drop: (e: LlmError) => void;
}

interface Running {
  key: string | undefined;
  priority: number;
  source: CancellationSource;
}

/**
 * Lets a running job step aside: resolves at once unless a queued job has a higher priority, in
 * which case that job (and any others above the caller's priority) runs first and this resolves
 * when they are done. Jobs call it between units of work (a prefill chunk, a decode step).
 */
export type Yield = () => Promise<void>;

/**
 * Runs jobs one after another. A job submitted with the key of a queued job replaces it (the old
 * one rejects with SUPERSEDED); a job with the key of the running (or paused) job cancels that one
 * (it returns its partial result). Queued jobs start by priority, then arrival; beyond `maxQueued`
 * the lowest priority, oldest queued job is dropped. A running job that calls its `Yield` between
 * steps is paused while higher-priority jobs run (an interactive hover does not wait for
 * background preparation to finish), then resumes where it was.
 */
export class GenerationQueue {
  private readonly queued: Entry[] = [];
  /** The running job on top, jobs paused by a higher-priority one below it. */
  private readonly active: Running[] = [];
  private seq = 0;

  constructor(private readonly maxQueued = 4) {}

  get length(): number {
    return this.queued.length + this.active.length;
  }

  run<T>(job: (token: CancellationToken, yieldTo: Yield) => Promise<T>, opts: { key?: string; priority?: number; token?: CancellationToken } = {}): Promise<T> {
    const key = opts.key;
    if (key !== undefined) {
      for (const e of this.queued.filter((q) => q.key === key)) {
        this.remove(e);
        e.drop(new LlmError('SUPERSEDED', `A newer request with key "${key}" replaced this one before it started.`, ''));
      }
      for (const r of this.active) if (r.key === key) r.source.cancel();
    }
    return new Promise<T>((resolve, reject) => {
      const source = new CancellationSource();
      const token = anyToken(opts.token, source.token);
      let sub: { dispose(): void } | undefined;
      const priority = opts.priority ?? 0;
      const entry: Entry = {
        key,
        priority,
        seq: this.seq++,
        start: (done) => {
          sub?.dispose();
          const me: Running = { key, priority, source };
          this.active.push(me);
          const yieldTo: Yield = () => this.yieldFrom(me);
          job(token, yieldTo).then(resolve, reject).finally(() => {
            const i = this.active.indexOf(me);
            if (i >= 0) this.active.splice(i, 1);
            if (done) done();
            else this.next();
          });
        },
        drop: (e) => {
          sub?.dispose();
          reject(e);
        },
      };
      if (opts.token?.isCancellationRequested) {
        reject(new LlmError('CANCELLED', 'The request was cancelled before it started.', ''));
        return;
      }
      sub = opts.token?.onCancellationRequested?.(() => {
        if (this.queued.includes(entry)) {
          this.remove(entry);
          entry.drop(new LlmError('CANCELLED', 'The request was cancelled before it started.', ''));
        }
      });
      this.queued.push(entry);
      this.queued.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
      while (this.queued.length > this.maxQueued) {
        const victim = this.queued.pop()!;
        victim.drop(new LlmError('SUPERSEDED', 'The generation queue is full; this older request was dropped.', 'Retry it when the editor needs it again.'));
      }
      if (this.active.length === 0) this.next();
    });
  }

  /** Runs the queued jobs that outrank `me` (the job on top) before it goes on. */
  private async yieldFrom(me: Running): Promise<void> {
    while (this.active[this.active.length - 1] === me && !me.source.token.isCancellationRequested) {
      const e = this.queued[0];
      if (!e || e.priority <= me.priority) return;
      this.queued.shift();
      await new Promise<void>((done) => e.start(done));
    }
  }

  private remove(e: Entry): void {
    const i = this.queued.indexOf(e);
    if (i >= 0) this.queued.splice(i, 1);
  }

  private next(): void {
    // A paused job resumes from its own yieldFrom; the queue starts nothing under it.
    if (this.active.length) return;
    const e = this.queued.shift();
    e?.start();
  }
}
