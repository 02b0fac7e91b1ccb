// "Insert doc comment": `--!` lines above an entity, port, generic, signal, process or subprogram, in
// the declaration's own indentation, with the facts and (when there is a model) a one-sentence summary.
import { clockingOf, factsOfDeclaration, entityFacts } from '../analysis/facts/index';
import type { Declaration } from '../analysis/scopes';
import type { Workspace } from '../analysis/workspace';
import type { Backend, CancellationToken, TokenCounter } from '../llm/index';
import { NodeKind as N } from '../syntax/nodeKind';
import { ground, groundingConstraints } from './grounding';
import { spelling } from './explain';
import { buildPrompt, type Prompt } from './prompt';
import { clockPhrase, resetPhrase } from './promptFacts';
import type { Position, Range } from './types';

const DOCUMENTED = new Set(['entity', 'port', 'generic', 'signal', 'process', 'function', 'procedure']);

export interface DocCommentPlan {
  decl: Declaration;
  /** `signal cnt`, `entity debouncer`. */
  target: string;
  /** 0-based line the comment goes above, and its indentation. */
  line: number;
  indent: string;
}

export interface DocCommentEdit {
  target: string;
  /** Insert `newText` at the start of `range.start.line` (an empty range). */
  range: Range;
  newText: string;
  modelUsed: boolean;
  grounding?: { ok: boolean; dropped: string[]; reasons: string[] };
}

/** The documentable declaration at (or declared on the line of) `pos`. */
export function docCommentTarget(ws: Workspace, uri: string, pos: Position): DocCommentPlan | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  const offset = file.lines.offsetAt(pos);
  let best: Declaration | undefined;
  for (const d of file.scopes.declarations) {
    const kind = d.unit?.kind ?? d.kind;
    if (!DOCUMENTED.has(kind)) continue;
    const onName = d.nameNode.start <= offset && offset <= d.nameNode.end;
    const onLine = file.lines.positionAt(d.nameNode.start).line === pos.line;
    const inside = d.node.start <= offset && offset <= d.node.end && kind !== 'entity' && kind !== 'process' && kind !== 'function' && kind !== 'procedure';
    if (!onName && !onLine && !inside) continue;
    // The innermost (smallest) declaration wins: a port over its entity.
    if (!best || d.node.end - d.node.start < best.node.end - best.node.start) best = d;
  }
  if (!best) return undefined;
  const kind = best.unit?.kind ?? best.kind;
  // Subprogram bodies and declarations both spell the name; document the construct, not its parameter.
  const startNode = best.node.kind === N.ProcessStatement ? best.node : best.node;
  const line = file.lines.positionAt(startNode.start).line;
  const lineStart = file.lines.lineStarts[line];
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart, startNode.start))?.[0] ?? '';
  return { decl: best, target: `${kind} ${best.name}`, line, indent };
}

/** The facts lines (without markers) for a declaration. */
export function docFacts(ws: Workspace, d: Declaration): string[] {
  const kind = d.unit?.kind ?? d.kind;
  if (kind === 'entity' && d.unit) {
    const e = entityFacts(ws, d.unit);
    const out = [`${e.generics.length} generic${e.generics.length === 1 ? '' : 's'}, ${e.ports.length} port${e.ports.length === 1 ? '' : 's'}.`];
    const a = e.architectures[0];
    if (a) {
      const { clocks: c, resets: r } = clockingOf(a);
      const clocks = c.map(clockPhrase);
      const resets = r.map(resetPhrase);
      if (clocks.length) out.push(`Clock${clocks.length > 1 ? 's' : ''}: ${clocks.join(', ')}.`);
      if (resets.length) out.push(`Reset${resets.length > 1 ? 's' : ''}: ${resets.join(', ')}.`);
      if (a.fsms.length) out.push(`State machine${a.fsms.length > 1 ? 's' : ''}: ${a.fsms.map((f) => `\`${f.signal}\` (${f.states.length} states)`).join(', ')}.`);
      if (a.instances.length) out.push(`Instantiates: ${a.instances.map((i) => `\`${i.entity ?? i.unit}\``).join(', ')}.`);
    }
    return out.map(plain);
  }
  if (kind === 'function' || kind === 'procedure') {
    const params = d.region ? [...d.region.decls.values()].flat().filter((p) => p.kind === 'parameter').sort((a, b) => a.nameNode.start - b.nameNode.start).map((p) => spelling(d.file, d.file.lines.positionAt(p.nameNode.start).line + 1, p.name)) : [];
    const spec = d.node.child(N.FunctionSpecification, N.ProcedureSpecification) ?? d.node;
    const ret = kind === 'function' ? /\breturn\s+([A-Za-z][\w.]*)/i.exec(d.file.text.slice(spec.start, spec.end))?.[1] : undefined;
    return [plain(`${kind === 'function' ? 'Function' : 'Procedure'}${params.length ? ` with parameter${params.length > 1 ? 's' : ''} ${params.map((p) => `\`${p}\``).join(', ')}` : ' without parameters'}${ret ? `, returns \`${ret}\`` : ''}.`)];
  }
  const f = factsOfDeclaration(ws, d);
  const out: string[] = [];
  const o = f.details?.object;
  if (o) {
    if (o.role === 'register' && o.clock) out.push(`Register clocked by ${clockPhrase(o.clock)}${o.reset ? `, reset by ${resetPhrase(o.reset)}` : ', not reset'}.`);
    else if (o.role === 'combinational') out.push('Combinational.');
    else if (o.role === 'instance output') out.push('Driven by an instance output.');
    else if (o.role === 'undriven' && o.kind !== 'generic') out.push(o.mode === 'in' ? 'Input.' : 'Not driven in this architecture.');
    const names = (as: typeof o.drivers) => [...new Set(as.map((a) => a.label ?? `line ${a.statementLine}`))].slice(0, 6).map((n) => `\`${n}\``).join(', ');
    if (o.drivers.length) out.push(`Driven by ${names(o.drivers)}.`);
    if (o.readers.length) out.push(`Read by ${names(o.readers)}.`);
    else if (o.kind !== 'generic' && o.kind !== 'constant') out.push('Never read.');
  }
  const p = f.details?.process;
  if (p) {
    const what = p.kind === 'clocked' ? `Clocked process${p.clock ? ` on ${clockPhrase(p.clock)}` : ''}${p.reset ? `, reset ${resetPhrase(p.reset)}` : ', no reset'}` : p.kind === 'combinational' ? 'Combinational process' : 'Process with wait statements';
    out.push(`${what}.`);
    if (p.assigns.length) out.push(`${p.kind === 'clocked' ? 'Registers' : 'Drives'}: ${p.assigns.slice(0, 8).map((a) => `\`${a}\``).join(', ')}${p.assigns.length > 8 ? ', …' : ''}.`);
  }
  if (f.fsm) out.push(`State register of a ${f.fsm.style} state machine: ${f.fsm.states.join(', ')}; reset state ${f.fsm.resetState ?? 'none'}.`);
  return out.map(plain);
}

/** Comment text is one line: no line breaks, no control characters. */
function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The model prompt for a declaration's doc comment (also what the recipe's doc-comment pairs are made
 * with), within the model's own token counts when `tokenCounter` is given (a backend's `tokenCounter()`).
 */
export function docCommentPrompt(ws: Workspace, decl: Declaration, tokenCounter?: TokenCounter): Prompt {
  return buildPrompt(ws, { kind: 'declaration', decl, file: decl.file, offset: decl.nameNode.start }, { task: 'docComment', sourceTokens: 500, tokenCounter });
}

/** Builds the edit: facts (always) and a grounded model summary (when a backend is given and it passes). */
export async function insertDocComment(ws: Workspace, uri: string, pos: Position, backend?: Backend, token?: CancellationToken): Promise<DocCommentEdit | undefined> {
  const plan = docCommentTarget(ws, uri, pos);
  if (!plan) return undefined;
  const file = ws.getFile(uri)!;
  const lines: string[] = [];
  let modelUsed = false;
  let grounding: DocCommentEdit['grounding'];
  if (backend) {
    try {
      const p = docCommentPrompt(ws, plan.decl, backend.tokenCounter?.());
      const r = await backend.generate({ messages: p.messages, maxTokens: 64, priority: 8, queueKey: `doc:${uri}`, ...groundingConstraints(p.grounding) }, undefined, token);
      const g = ground(r.text, p.grounding);
      modelUsed = true;
      grounding = g.verdict;
      const first = /^(.*?[.!?])(\s|$)/s.exec(g.text.trim())?.[1] ?? g.text.trim();
      if (first) lines.push(plain(first.replace(/^\*\*[^*]+\*\*\s*/, '')));
    } catch {
      // No summary: the facts still go in.
    }
  }
  lines.push(...docFacts(ws, plan.decl));
  if (lines.length === 0) lines.push(plain(`${plan.target}.`));
  // Do not repeat what the existing comment above already says.
  const above: string[] = [];
  for (let l = plan.line - 1; l >= 0; l--) {
    const t = file.text.slice(file.lines.lineStarts[l], file.lines.lineStarts[l + 1] ?? file.text.length).trim();
    if (!t.startsWith('--')) break;
    above.push(t.replace(/^--!?\s?/, '').trim());
  }
  const fresh = lines.filter((l) => l && !above.includes(l));
  if (fresh.length === 0) return undefined;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const newText = fresh.map((l) => `${plan.indent}--! ${l}${eol}`).join('');
  return { target: plan.target, range: { start: { line: plan.line, character: 0 }, end: { line: plan.line, character: 0 } }, newText, modelUsed, grounding };
}
