// Diagnostics of one file: syntax errors, and names whose declaration should be known but is not.
import { unresolvedNamesStepwise } from '../analysis/unresolved';
import type { Workspace } from '../analysis/workspace';
import { rangeOf } from './locations';
import type { Diagnostic } from './types';

export const SOURCE = 'vhdl-explain';

/*
 * Codes besides the parser's `syntax/*`:
 * - `unresolved-name` (warning): a simple name with no visible declaration where every `use`, `context`
 *   and primary unit around it is in the workspace, e.g. `s <= RUNN;` when the type says `(IDLE, RUN)`.
 *   Names after `use ieee.std_logic_1164.all` (ieee not in the workspace), selected names (`r.zz`),
 *   aggregate choices and predefined attributes are never reported.
 * - `too-large` (information): a file over 3 MB, e.g. a generated netlist; only its syntax is checked.
 */

export function fileDiagnostics(ws: Workspace, uri: string, isCancelled: () => boolean = () => false): Diagnostic[] {
  const steps = fileDiagnosticsStepwise(ws, uri);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (isCancelled()) return [];
  }
}

/** The same, pausing between chunks of work (see unresolvedNamesStepwise). */
export function* fileDiagnosticsStepwise(ws: Workspace, uri: string): Generator<void, Diagnostic[]> {
  const file = ws.getFile(uri);
  if (!file) return [];
  const out: Diagnostic[] = file.syntaxDiagnostics.map((d) => ({
    range: rangeOf(file, d.start, d.end),
    severity: 'error',
    message: d.message,
    code: d.code,
    source: SOURCE,
  }));
  if (!file.analysable) {
    out.push({
      range: rangeOf(file, 0, 0),
      severity: 'information',
      message: `file too large for analysis (${(file.text.length / 1e6).toFixed(1)} MB): only syntax is checked`,
      code: 'too-large',
      source: SOURCE,
    });
  }
  for (const n of yield* unresolvedNamesStepwise(ws, file)) {
    out.push({
      range: rangeOf(file, n.start, n.end),
      severity: 'warning',
      message: `no declaration of '${n.text}' is visible here`,
      code: 'unresolved-name',
      source: SOURCE,
    });
  }
  return out;
}
