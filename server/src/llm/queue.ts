// One generation at a time per model, with a small queue in which newer requests supersede stale ones.
import { anyToken, CancellationSource, type CancellationToken } from './cancellation';
import { LlmError } from './errors';

interface Entry {
  key: string | undefined;
  priority: number;
  seq: number;
  start: () => void;
  drop: (e: LlmError) => void;
}

interface Running {
  key: string | undefined;
  source: CancellationSource;
}

/**
 * Runs jobs one after another. A job submitted with the key of a queued job replaces it (the old
 * one rejects with SUPERSEDED); a job with the key of the running job cancels that one (it returns
 * its partial result). Queued jobs start by priority, then arrival; beyond `maxQueued` the lowest
 * priority, oldest queued job is dropped.
 */
export class GenerationQueue {
  private readonly queued: Entry[] = [];
  private running: Running | undefined;
  private seq = 0;

  constructor(private readonly maxQueued = 4) {}

  get length(): number {
    return this.queued.length + (this.running ? 1 : 0);
  }

  run<T>(job: (token: CancellationToken) => Promise<T>, opts: { key?: string; priority?: number; token?: CancellationToken } = {}): Promise<T> {
    const key = opts.key;
    if (key !== undefined) {
      for (const e of this.queued.filter((q) => q.key === key)) {
        this.remove(e);
        e.drop(new LlmError('SUPERSEDED', `A newer request with key "${key}" replaced this one before it started.`, ''));
      }
      if (this.running && this.running.key === key) this.running.source.cancel();
    }
    return new Promise<T>((resolve, reject) => {
      const source = new CancellationSource();
      const token = anyToken(opts.token, source.token);
      let sub: { dispose(): void } | undefined;
      const entry: Entry = {
        key,
        priority: opts.priority ?? 0,
        seq: this.seq++,
        start: () => {
          sub?.dispose();
          this.running = { key, source };
          job(token).then(resolve, reject).finally(() => {
            this.running = undefined;
            this.next();
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
      if (!this.running) this.next();
    });
  }

  private remove(e: Entry): void {
    const i = this.queued.indexOf(e);
    if (i >= 0) this.queued.splice(i, 1);
  }

  private next(): void {
    if (this.running) return;
    const e = this.queued.shift();
    e?.start();
  }
}
