// A minimal cancellation token; vscode-languageserver's CancellationToken satisfies it structurally.

export interface Disposable {
  dispose(): void;
}

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  /** Optional: lets long waits (HTTP streams, queue slots) react without polling. */
  onCancellationRequested?(listener: () => void): Disposable;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

export class CancellationSource {
  private cancelled = false;
  private listeners = new Set<() => void>();
  readonly token: CancellationToken;

  constructor() {
    const self = this;
    this.token = {
      get isCancellationRequested() {
        return self.cancelled;
      },
      onCancellationRequested(listener: () => void): Disposable {
        if (self.cancelled) {
          queueMicrotask(listener);
          return { dispose() {} };
        }
        self.listeners.add(listener);
        return { dispose: () => self.listeners.delete(listener) };
      },
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }
}

/** A token cancelled when any of `tokens` is. */
export function anyToken(...tokens: (CancellationToken | undefined)[]): CancellationToken {
  const list = tokens.filter((t): t is CancellationToken => t !== undefined);
  return {
    get isCancellationRequested() {
      return list.some((t) => t.isCancellationRequested);
    },
    onCancellationRequested(listener: () => void): Disposable {
      const subs = list.map((t) => t.onCancellationRequested?.(listener));
      return { dispose: () => subs.forEach((s) => s?.dispose()) };
    },
  };
}
