// Publishes diagnostics for open documents, debounced while the user types.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { fileDiagnosticsStepwise } from '../ide/diagnostics';
import type { Diagnostic } from '../ide/types';
import type { ServerContext } from './context';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], message: d.message, code: d.code, source: d.source };
}

export class DiagnosticsPublisher {
  private timer: NodeJS.Timeout | undefined;
  /** Versions last published, so an unchanged document is not re-sent. */
  private readonly published = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly ctx: ServerContext,
    public debounceMs: number,
  ) {
    ctx.onWorkspaceChanged.add(() => this.schedule());
    ctx.documents.onDidClose((e) => {
      this.published.delete(e.document.uri);
      void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  }

  /** Any change can resolve or break names in other open files, so all open documents refresh. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    this.timer = setTimeout(() => void this.publishAll(this.generation), this.debounceMs);
  }

  private async publishAll(generation: number): Promise<void> {
    this.timer = undefined;
    await this.ctx.ready;
    for (const doc of this.ctx.documents.all()) {
      // A newer edit restarts the round; yielding between files keeps requests responsive.
      if (generation !== this.generation) return;
      try {
        // Step through the file, yielding to requests between chunks; a newer edit abandons the round.
        const steps = fileDiagnosticsStepwise(this.ctx.workspace, doc.uri);
        let step = steps.next();
        while (!step.done) {
          await new Promise((r) => setImmediate(r));
          if (generation !== this.generation) return;
          step = steps.next();
        }
        const diags = step.value;
        const key = `${doc.version}:${JSON.stringify(diags)}`;
        if (this.published.get(doc.uri) === key) continue;
        this.published.set(doc.uri, key);
        await this.ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diags.map(toLspDiagnostic) });
      } catch (e) {
        this.ctx.log(`diagnostics for ${doc.uri} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise((r) => setImmediate(r));
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
