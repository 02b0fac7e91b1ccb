// "Explain this entity" / "Explain selection": facts sections from the analysis (instant), then the
// model's prose, checked sentence by sentence as it streams. Shared by the server and the CLI.
import { clockingOf, type EntityFacts } from '../analysis/facts/index';
import type { ArchitectureFacts, ObjectFacts } from '../analysis/facts/types';
import type { SourceFile } from '../analysis/sourceFile';
import type { Workspace } from '../analysis/workspace';
import { commentOf } from '../analysis/facts/comments';
import { isLlmError } from '../llm/errors';
import type { Backend, CancellationToken, GenerateRequest } from '../llm/index';
import { groundingConstraints, mergeVerdicts, StreamingGrounder, type GroundingVerdict } from './grounding';
import { buildPrompt, type ExplainTarget, type Prompt } from './prompt';
import { clockPhrase, fsmLine, processName, resetKind, resetPhrase, roleText } from './promptFacts';
import type { Position, Range } from './types';

export interface ExplainOptions {
  /** The model; undefined explains with facts only. */
  backend?: Backend;
  /** Why there is no model (shown in the note), when `backend` is undefined. */
  noModelReason?: string;
  maxTokens?: number;
  /** Receives Markdown to append, in order; the concatenation equals the result's `markdown`. */
  onDelta?: (delta: string) => void;
  token?: CancellationToken;
  /** Source budget of the prompt, in the backend's tokens (estimated when it has no counter). */
  sourceTokens?: number;
}

export interface ExplainAnswer {
  title: string;
  markdown: string;
  modelUsed: boolean;
  grounding?: GroundingVerdict;
  /** The prompt sent (for --json and for tests). */
  prompt?: Prompt;
  /** Model timings when it ran. */
  model?: { firstTextMs: number | null; firstTokenMs?: number; totalMs: number; finishReason: string; completionTokens: number; error?: string; retried: boolean };
  cancelled: boolean;
}

/** The unit or range to explain: a non-empty range wins; else the design unit containing the position. */
export function explainTargetAt(ws: Workspace, uri: string, position?: Position, range?: Range): ExplainTarget | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  if (range) {
    const start = file.lines.offsetAt(range.start);
    const end = file.lines.offsetAt(range.end);
    if (end > start) return { kind: 'range', file, start, end };
  }
  const offset = position ? file.lines.offsetAt(position) : 0;
  const units = file.units.filter((u) => u.kind !== 'configuration' && u.kind !== 'context');
  const here = units.find((u) => u.designUnitNode.start <= offset && offset <= u.designUnitNode.end) ?? (position ? undefined : units[0]);
  return here ? { kind: 'unit', unit: here } : undefined;
}

/** `[label](line:N)` or `[label](line:N-M)`: the panel turns these into source links. */
export function lineLink(label: string, line: number, endLine?: number): string {
  const safe = label.replace(/[[\]\\]/g, (c) => `\\${c}`);
  return `[${safe}](line:${line}${endLine && endLine > line ? `-${endLine}` : ''})`;
}

/** User text (comments) inside Markdown: no links, no HTML, no table breaks. */
export function mdText(s: string): string {
  return s.replace(/[[\]<>|\\]/g, (c) => `\\${c}`);
}

function cell(s: string): string {
  return mdText(s).replace(/\n/g, ' ');
}

function firstLine(comment: string): string {
  return comment.split('\n')[0] ?? '';
}

/** The Markdown sections computed from the analysis alone (no model), in the panel's order. */
export function factsSections(ef: EntityFacts | undefined, af: ArchitectureFacts | undefined, file: SourceFile | undefined, sameFile: (uri: string) => boolean): string[] {
  const out: string[] = [];
  const link = (label: string, uri: string, line: number, end?: number) => (sameFile(uri) ? lineLink(label, line, end) : `\`${label}\``);
  // Facts carry lower-cased names; show them as the source spells them (`G_STABLE_CYCLES`).
  const spelled = (name: string, line: number) => spelling(file, line, name);
  if (ef) {
    const rows: string[] = [];
    if (ef.generics.length) {
      rows.push('| Generic | Type | Description |', '|---|---|---|');
      for (const g of ef.generics) rows.push(`| ${link(spelled(g.name, g.declaration.line), g.declaration.file, g.declaration.line)} | \`${cell(g.type)}\` | ${cell(firstLine(g.comment))} |`);
      rows.push('');
    }
    if (ef.ports.length) {
      rows.push('| Port | Direction | Type | Role | Description |', '|---|---|---|---|---|');
      const clocking = af ? clockingOf(af) : undefined;
      for (const p of ef.ports) rows.push(`| ${link(spelled(p.name, p.declaration.line), p.declaration.file, p.declaration.line)} | ${p.mode ?? ''} | \`${cell(p.type)}\` | ${cell(portRole(p, clocking))} | ${cell(firstLine(p.comment))} |`);
    }
    out.push(`## Interface\n\n${rows.length ? rows.join('\n').trim() : '_No generics and no ports._'}`);
  }
  if (!af) {
    if (ef) out.push(`## Behaviour\n\n_No architecture of \`${ef.entity}\` is in the workspace._`);
    return out;
  }
  const beh: string[] = [];
  for (const p of af.processes) {
    const kind = p.kind === 'clocked' ? `clocked${p.clock ? ` on the ${p.clock.edge} edge of \`${p.clock.signal}\`` : ''}${p.reset ? `, ${p.reset.kind === 'async' ? 'asynchronous' : 'synchronous'} reset \`${p.reset.signal}\`` : ''}` : p.kind === 'combinational' ? 'combinational' : 'waits on events (testbench or behavioural)';
    const what = p.assigns.length ? `; ${p.kind === 'clocked' ? 'registers' : 'drives'} ${p.assigns.slice(0, 10).map((a) => `\`${a}\``).join(', ')}${p.assigns.length > 10 ? ` and ${p.assigns.length - 10} more` : ''}` : '';
    const warn = [...(p.missingSensitivity.length ? [`missing from the sensitivity list: ${p.missingSensitivity.map((n) => `\`${n}\``).join(', ')}`] : []), ...(p.latches.length ? [`latch risk on ${p.latches.map((n) => `\`${n}\``).join(', ')}`] : [])];
    beh.push(`- Process ${lineLink(processName(p), p.line, p.endLine)}: ${kind}${what}${warn.length ? ` (**${warn.join('; ')}**)` : ''}`);
  }
  const comb = af.objects.filter((o) => (o.kind === 'signal' || o.kind === 'port') && o.role === 'combinational' && o.drivers.every((d) => d.statement === 'concurrent assignment'));
  for (const o of comb.slice(0, 40)) {
    const d = o.drivers[0];
    beh.push(`- ${lineLink(o.name, d ? d.statementLine : o.declaration.line)}: ${o.copyOf ? `a copy of register \`${o.copyOf}\`` : 'combinational'}, from a concurrent assignment`);
  }
  if (comb.length > 40) beh.push(`- and ${comb.length - 40} more concurrent assignments`);
  out.push(`## Behaviour\n\n${beh.length ? beh.join('\n') : '_No processes or concurrent assignments._'}`);
  if (af.fsms.length) {
    const parts: string[] = [];
    for (const f of af.fsms) {
      parts.push(`- ${lineLink(f.signal, f.line)}: ${fsmLine(f).replace(/^state machine on `[^`]*`/, 'state machine')}`);
      if (f.unreachable.length) parts.push(`  - never entered: ${f.unreachable.join(', ')}`);
    }
    out.push(`## State machines\n\n${parts.join('\n')}`);
  }
  const clk: string[] = [];
  const { clocks, resets, complete } = clockingOf(af);
  for (const c of clocks) clk.push(`- Clock ${clockPhrase(c)}`);
  for (const r of resets) clk.push(`- Reset ${resetPhrase(r)}`);
  if (clocks.length && !resets.length && complete) clk.push('- No reset');
  for (const r of af.registers.slice(0, 40)) {
    clk.push(`- Register ${lineLink(r.name, r.line)}: ${roleText({ role: 'register', clock: r.clock, reset: r.reset } as ObjectFacts).replace(/^register /, '')}`);
  }
  if (af.registers.length > 40) clk.push(`- and ${af.registers.length - 40} more registers`);
  for (const c of af.crossings) {
    clk.push(`- ${c.synchroniser ? 'Clock-domain crossing' : '**Possible unsynchronised clock-domain crossing**'} into ${lineLink(c.register, c.line)} from \`${c.source}\` (clock \`${c.fromClock.signal}\`)${c.synchroniser ? ` through a ${c.synchroniser} synchroniser` : ''}`);
  }
  out.push(`## Clocking and resets\n\n${clk.length ? clk.join('\n') : '_No clocked processes: the architecture is combinational or behavioural._'}`);
  if (af.instances.length) {
    const parts = af.instances.map((i) => {
      const what = i.entity ? `entity \`${i.entity}\`${i.architecture ? ` (\`${i.architecture}\`)` : ''}` : `\`${i.unit}\` (not found in the workspace)`;
      const ports = i.ports.slice(0, 8).map((c) => `\`${c.formal}\` => \`${cell(c.actual)}\``).join(', ');
      return `- ${lineLink(i.label, i.line)}: ${what}${i.generate.length ? ` inside generate \`${i.generate.join('/')}\`` : ''}${ports ? `; ${ports}${i.ports.length > 8 ? ', …' : ''}` : ''}`;
    });
    out.push(`## Instantiated blocks\n\n${parts.join('\n')}`);
  }
  return out;
}

/** `name` as written on 1-based `line` of `file` (the facts' lower-case name when it is not found there). */
export function spelling(file: SourceFile | undefined, line: number, name: string): string {
  if (!file || line < 1 || line > file.lines.lineStarts.length) return name;
  const start = file.lines.lineStarts[line - 1];
  const end = file.lines.lineStarts[line] ?? file.text.length;
  const m = new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`, 'i').exec(file.text.slice(start, end));
  return m ? m[0] : name;
}

/** A port's role: an input used as a clock or reset says so (its own processes' or its instances'). */
function portRole(p: ObjectFacts, clocking?: ReturnType<typeof clockingOf>): string {
  if (p.mode === 'in') {
    const name = p.name.toLowerCase();
    const roles = [
      ...(clocking?.clocks ?? []).filter((c) => c.signal.toLowerCase() === name).map((c) => `clock (${c.edge} edge)`),
      ...(clocking?.resets ?? []).filter((r) => r.signal.toLowerCase() === name).map((r) => `reset (${resetKind(r)})`),
    ];
    return roles.length ? [...new Set(roles)].join(', ') : 'input';
  }
  if (p.copyOf) return `copy of register ${p.copyOf}`;
  return roleText(p).replace(/`/g, '');
}

/** Explains a target: streams and returns Markdown. Never throws for model failures: they become a note. */
export async function explain(ws: Workspace, target: ExplainTarget, opts: ExplainOptions = {}): Promise<ExplainAnswer> {
  // The backend's own token counts when it has them (a local model), else the estimate.
  const tokenCounter = opts.backend?.tokenCounter?.();
  const prompt = buildPrompt(ws, target, { task: target.kind === 'range' ? 'selection' : 'entity', sourceTokens: opts.sourceTokens, tokenCounter });
  const file = target.kind === 'range' ? target.file : target.kind === 'unit' ? target.unit.file : target.decl.file;
  let markdown = '';
  const emit = (s: string) => {
    if (!s) return;
    markdown += s;
    opts.onDelta?.(s);
  };
  emit(`# ${prompt.title}\n\n`);
  const comment = prompt.entity?.comment ?? (target.kind === 'unit' && !prompt.architecture ? commentOf(target.unit.file, target.unit.node) : undefined);
  if (comment) emit(`${comment.split('\n').map((l) => `> ${mdText(l)}`).join('\n')}\n\n`);
  const diags = file.syntaxDiagnostics;
  const sections = target.kind === 'range' ? [] : factsSections(prompt.entity, prompt.architecture, file, (u) => u === file.uri);
  if (target.kind === 'unit' && !prompt.entity && !prompt.architecture) {
    sections.push(`## Contents\n\n${packageContents(target.unit.node, file)}`);
  }
  for (const s of sections) emit(`${s}\n\n`);
  const answer: ExplainAnswer = { title: prompt.title, markdown: '', modelUsed: false, prompt, cancelled: false };
  const heading = target.kind === 'range' ? '## Explanation\n\n' : '## Explanation\n\n';
  if (opts.token?.isCancellationRequested) answer.cancelled = true;
  else if (!opts.backend) {
    emit(`${heading}_No model: ${opts.noModelReason ?? 'explanations are off'}. The sections above come from the analysis alone._\n\n`);
  } else {
    emit(heading);
    // A model with a small context gets shorter prompts (less source, fewer facts lines) rather than none.
    const smaller = [
      () => buildPrompt(ws, target, { task: prompt.task, sourceTokens: 300, maxFacts: 10, tokenCounter }),
      () => buildPrompt(ws, target, { task: prompt.task, sourceTokens: 80, maxFacts: 4, tokenCounter }),
    ];
    const r = await runModel(opts.backend, prompt, opts, emit, smaller);
    answer.modelUsed = r.used;
    answer.grounding = r.verdict;
    answer.model = r.timing;
    answer.cancelled = r.cancelled;
    emit('\n\n');
  }
  const notes: string[] = [];
  if (diags.length) {
    const first = diags.slice(0, 5).map((d) => `${lineLink(`line ${file.lines.positionAt(d.start).line + 1}`, file.lines.positionAt(d.start).line + 1)}: ${d.message}`);
    notes.push(`- ${diags.length} syntax error${diags.length > 1 ? 's' : ''} in this file; the explanation covers what parses. ${first.join('; ')}${diags.length > 5 ? '; …' : ''}`);
  }
  for (const n of prompt.architecture?.notes ?? []) notes.push(`- ${n}`);
  if (prompt.trimmed) notes.push('- The design is long: the model saw a shortened copy of the source (whole statements left out, marked in its prompt); the facts above cover all of it.');
  if (answer.cancelled) notes.push('- Stopped: the explanation was cancelled before it finished.');
  if (notes.length) emit(`## Notes\n\n${notes.join('\n')}\n`);
  answer.markdown = markdown;
  return answer;
}

function packageContents(node: import('../syntax/tree').SyntaxNode, file: SourceFile): string {
  const items: string[] = [];
  for (const d of file.scopes.declarations) {
    if (d.node.start < node.start || d.node.end > node.end) continue;
    if (!['function', 'procedure', 'constant', 'type', 'subtype', 'component', 'signal'].includes(d.kind)) continue;
    if (d.scope.node !== node && d.scope.unit === undefined) continue;
    const line = file.lines.positionAt(d.nameNode.start).line + 1;
    items.push(`- ${d.kind} ${lineLink(spelling(file, line, d.name), line)}`);
  }
  return items.length ? [...new Set(items)].slice(0, 60).join('\n') : '_No declarations._';
}

interface ModelRun {
  used: boolean;
  verdict?: GroundingVerdict;
  cancelled: boolean;
  timing: NonNullable<ExplainAnswer['model']>;
}

async function runModel(backend: Backend, prompt: Prompt, opts: ExplainOptions, emit: (s: string) => void, smaller: (() => Prompt)[]): Promise<ModelRun> {
  const started = Date.now();
  let firstTextMs: number | null = null;
  let firstTokenMs: number | undefined;
  let req: GenerateRequest = { messages: prompt.messages, maxTokens: opts.maxTokens ?? 512, queueKey: 'explain', priority: 10, ...groundingConstraints(prompt.grounding) };
  let retried = false;
  const earlier: GroundingVerdict[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const grounder = new StreamingGrounder(prompt.grounding);
    try {
      const r = await backend.generate(attempt === 0 ? req : { ...req, temperature: 0.7, seed: 1, cache: false }, (d) => {
        firstTokenMs ??= Date.now() - started;
        const ok = grounder.push(d);
        if (ok) {
          if (firstTextMs === null) firstTextMs = Date.now() - started;
          emit(ok);
        }
      }, opts.token);
      const rest = grounder.end();
      if (rest) {
        if (firstTextMs === null) firstTextMs = Date.now() - started;
        emit(rest);
      }
      const cancelled = r.finishReason === 'cancelled' || !!opts.token?.isCancellationRequested;
      // Nothing survived the check: regenerate once with sampling (greedy would say the same again).
      if (!grounder.passedAny && !cancelled && attempt === 0) {
        retried = true;
        earlier.push(grounder.verdict);
        continue;
      }
      if (!grounder.passedAny) emit(`_The model's answer did not pass the grounding check (${grounder.verdict.dropped.length} sentence${grounder.verdict.dropped.length === 1 ? '' : 's'} removed): use the facts above._`);
      return {
        used: true,
        verdict: mergeVerdicts([...earlier, grounder.verdict]),
        cancelled,
        timing: { firstTextMs, firstTokenMs: firstTokenMs ?? r.timings.firstTokenMs, totalMs: Date.now() - started, finishReason: r.finishReason, completionTokens: r.completionTokens, retried },
      };
    } catch (e) {
      const next = isLlmError(e, 'PROMPT_TOO_LONG') ? smaller.shift() : undefined;
      if (next) {
        req = { ...req, messages: next().messages };
        attempt--;
        continue;
      }
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      const cancelled = !!opts.token?.isCancellationRequested || /cancel/i.test(msg);
      emit(cancelled ? '' : `_The model failed (${msg}). The sections above come from the analysis alone._`);
      return { used: false, cancelled, timing: { firstTextMs, totalMs: Date.now() - started, finishReason: 'error', completionTokens: 0, error: msg, retried } };
    }
  }
  /* c8 ignore next */
  return { used: false, cancelled: false, timing: { firstTextMs, totalMs: Date.now() - started, finishReason: 'error', completionTokens: 0, retried } };
}
