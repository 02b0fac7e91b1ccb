// The prompt builder: THE one place the prompt format is defined. From the analysis it assembles what
// a model needs for a target (unit, object, process, instance, selection): the relevant source
// trimmed by whole lines, the facts, and connected entities with their one-line summaries.
import { architectureAt, architectureFacts, architecturesFor, entityFacts, factsOfDeclaration, type EntityFacts } from '../analysis/facts/index';
import type { ArchitectureFacts } from '../analysis/facts/types';
import type { DesignUnit } from '../analysis/designUnits';
import type { Declaration } from '../analysis/scopes';
import type { SourceFile } from '../analysis/sourceFile';
import type { Workspace } from '../analysis/workspace';
import { NodeKind as N } from '../syntax/nodeKind';
import { TokenKind as T } from '../syntax/tokenKind';
import type { SyntaxNode } from '../syntax/tree';
import type { TokenCounter } from '../llm/tokenCounter';
import { groundingContext, type GroundingContext } from './grounding';
import { allConcurrentStatements, declarationItems, estimateTokens, excerpt, type LineSpan, nodeLines, type TokenMeter } from './promptSource';
import { nameFactLines, unitFactLines } from './promptFacts';

/** Chat message as the engine takes it (kept structural so ide/ needs nothing from llm/ at run time). */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the model is asked to write. */
export type PromptTask = 'entity' | 'hover' | 'docComment' | 'selection';

export type ExplainTarget =
  | { kind: 'unit'; unit: DesignUnit }
  | { kind: 'declaration'; decl: Declaration; file?: SourceFile; offset?: number }
  | { kind: 'range'; file: SourceFile; start: number; end: number };

export interface PromptOptions {
  task?: PromptTask;
  /** Token budget of the source excerpt (default: 1200 for units and selections, 600 otherwise). */
  sourceTokens?: number;
  /** One-line summaries of other entities (lower-case name), e.g. from their `--!` comment or an earlier explanation. */
  summaries?: (entity: string) => string | undefined;
  /** At most this many facts lines (the rest summarised as one line); for models with a small context. */
  maxFacts?: number;
  /**
   * The model's token counter (a backend's `tokenCounter()`, or llm's `tokenCounterFromFile` in the
   * recipe): budgets are then counted in the model's own tokens, the excerpt never exceeds
   * `sourceTokens`, and `tokens` is exact. Without it, the estimate (3.5 characters per token).
   */
  tokenCounter?: TokenCounter;
  /**
   * The whole prompt as the model reads it (chat template included, when counted) within this many
   * tokens: the source budget shrinks to make room. Unset: only the source is bounded.
   */
  maxTokens?: number;
}

export interface Prompt {
  task: PromptTask;
  /** Short human title: `debounce (rtl)`, `signal cnt`, `Selection, lines 12-30`. */
  title: string;
  messages: PromptMessage[];
  /** 1-based lines of the target file in the excerpt. */
  sourceLines: number[];
  /** Tokens of the source excerpt (counted when a counter was given, else estimated). */
  sourceTokens: number;
  /** Estimated tokens of all messages (the 3.5-characters-per-token estimate, counter or not). */
  estimatedTokens: number;
  /**
   * Tokens of the final messages as the model reads them (markers removed, chat template applied)
   * when counted with `tokenCounter`; else the estimate (`estimatedTokens`).
   */
  tokens: number;
  /** What the chat template adds around the contents (`tokens` of the same roles with empty contents); 0 when estimated. */
  templateTokens: number;
  /** `tokenizer`: `tokens` and `sourceTokens` are the model's counts; `estimate`: characters per token. */
  counted: 'tokenizer' | 'estimate';
  /** True when the source was trimmed to fit. */
  trimmed: boolean;
  grounding: GroundingContext;
  /** The architecture facts the prompt used (for the explain sections). */
  architecture?: ArchitectureFacts;
  entity?: EntityFacts;
}

/** Wraps the part of a message the engine's context guard may shorten (same markers as llm/contextGuard). */
const CONTEXT_BEGIN = '<<<context>>>';
const CONTEXT_END = '<<</context>>>';

export const SYSTEM_PROMPT =
  'You are VHDL Explain, an assistant that explains VHDL designs to hardware engineers. ' +
  'Use only names that appear in the design, and never contradict the facts from the analysis.';

const PACKAGE_SECTIONS = 'Answer with the sections **Purpose.**, **Contents.** and **Notes.**, each one short paragraph.';

const ENTITY_SECTIONS = 'Answer with the sections **Purpose.**, **Interface.**, **Behaviour.**, **Clocking and reset.**, **State machine.** (only if there is one) and **Notes.**, each one short paragraph.';

function instruction(task: PromptTask, what: string, lines?: string): string {
  switch (task) {
    case 'entity':
      return `Explain ${what}. ${/^the package/.test(what) ? PACKAGE_SECTIONS : ENTITY_SECTIONS}`;
    case 'hover':
      return `In one to three sentences, say what ${what} is for in this design.`;
    case 'docComment':
      return `In one sentence, summarise what ${what} does, for a documentation comment.`;
    case 'selection':
      return `Explain what the selected code (${lines}) does, in one short paragraph.`;
  }
}

/**
 * Builds the prompt for a target. Deterministic: the same workspace and options (and counter) give
 * the same messages. With a counter, the excerpts joined and the whole prompt (`maxTokens`) are
 * checked on the finished messages, and the source budget shrinks by any overshoot.
 */
export function buildPrompt(ws: Workspace, target: ExplainTarget, opts: PromptOptions = {}): Prompt {
  if (opts.tokenCounter) {
    try {
      return fitted(ws, target, opts, opts.tokenCounter);
    } catch {
      // A counter that fails (a chat template that rejects these messages) leaves the estimate; the
      // engine names the template's problem when it renders the same messages.
    }
  }
  return fitted(ws, target, opts, undefined);
}

function fitted(ws: Workspace, target: ExplainTarget, opts: PromptOptions, counter: TokenCounter | undefined): Prompt {
  const build: Build = {
    summaries: opts.summaries ?? ((e: string) => entitySummary(ws, e)),
    maxFacts: opts.maxFacts ?? Infinity,
    counter,
    meter: counter ? { count: memoized(counter) } : undefined,
  };
  const budget = opts.sourceTokens ?? defaultSourceTokens(target);
  let p = buildWithin(ws, target, opts.task, budget, build);
  for (let b = budget, i = 0; i < 4 && b > 0; i++) {
    const over = Math.max(counter ? p.sourceTokens - budget : 0, opts.maxTokens !== undefined ? p.tokens - opts.maxTokens : 0);
    if (over <= 0) break;
    b = Math.max(0, b - over);
    p = buildWithin(ws, target, opts.task, b, build);
  }
  return p;
}

/** `counter.count` remembering its answers for one build (the last excerpt is counted again as the source). */
function memoized(counter: TokenCounter): (text: string) => number {
  const seen = new Map<string, number>();
  return (text) => {
    let n = seen.get(text);
    if (n === undefined) seen.set(text, (n = counter.count(text)));
    return n;
  };
}

function isUnitDeclaration(d: Declaration): d is Declaration & { unit: DesignUnit } {
  return !!d.unit && (d.unit.kind === 'entity' || d.unit.kind === 'architecture' || d.unit.kind === 'package' || d.unit.kind === 'packageBody');
}

/** Source tokens by default: 1200 for units and selections, 600 for a name. */
function defaultSourceTokens(target: ExplainTarget): number {
  return target.kind === 'declaration' && !isUnitDeclaration(target.decl) ? 600 : 1200;
}

function buildWithin(ws: Workspace, target: ExplainTarget, task: PromptTask | undefined, budget: number, build: Build): Prompt {
  if (target.kind === 'unit') return unitPrompt(ws, target.unit, task ?? 'entity', budget, build);
  if (target.kind === 'range') return rangePrompt(ws, target.file, target.start, target.end, budget, build);
  const d = target.decl;
  if (isUnitDeclaration(d)) return unitPrompt(ws, d.unit, task ?? 'hover', budget, build);
  return declarationPrompt(ws, d, task ?? 'hover', budget, build, target.file, target.offset);
}

/** The first sentence of an entity's `--!`/`--` comment: its one-line summary when it has one. */
export function entitySummary(ws: Workspace, entity: string): string | undefined {
  for (const lib of ws.libraries()) {
    const e = ws.findEntity(entity, lib);
    if (!e) continue;
    const c = entityFacts(ws, e).comment.replace(/\s+/g, ' ').trim();
    if (!c) return undefined;
    const first = /^(.*?[.!?])(\s|$)/.exec(c)?.[1] ?? c;
    return first.length > 160 ? `${first.slice(0, first.lastIndexOf(' ', 157))} ...` : first;
  }
  return undefined;
}

/** What every part of one build shares: where entity summaries come from, the facts limit, the counter. */
interface Build {
  summaries: (entity: string) => string | undefined;
  maxFacts: number;
  counter?: TokenCounter;
  /** `counter.count` for the excerpts, with the tokens-per-estimate ratio learnt so far in this build. */
  meter?: TokenMeter;
}

function userMessage(b: Build, task: PromptTask, what: string, source: string, facts: string[], lines?: string): string {
  const keep = Math.max(1, b.maxFacts - 1);
  if (facts.length > b.maxFacts) facts = [...facts.slice(0, keep), `and ${facts.length - keep} more facts left out for length`];
  const parts = [instruction(task, what, lines), '', `${CONTEXT_BEGIN}\`\`\`vhdl\n${source}\n\`\`\`${CONTEXT_END}`];
  if (facts.length) parts.push('', 'Facts from the analysis:', ...facts.map((f) => `- ${f}`));
  return parts.join('\n');
}

/** The prompt from its user message; `source` is the excerpt inside it, counted again as a whole. */
function finish(b: Build, task: PromptTask, title: string, source: string, user: string, ex: { lines: number[]; tokens: number; trimmed: boolean }, grounding: GroundingContext, extra: Partial<Prompt> = {}): Prompt {
  const messages: PromptMessage[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
  const estimatedTokens = estimateTokens(SYSTEM_PROMPT) + estimateTokens(user.split(CONTEXT_BEGIN).join('').split(CONTEXT_END).join(''));
  const c = b.counter;
  return {
    task,
    title,
    messages,
    sourceLines: ex.lines,
    sourceTokens: b.meter ? b.meter.count(source) : ex.tokens,
    estimatedTokens,
    // countChat removes the context markers, as the engine does before it encodes.
    tokens: c ? c.countChat(messages) : estimatedTokens,
    templateTokens: c ? c.countChat(messages.map((m) => ({ ...m, content: '' }))) : 0,
    counted: c ? 'tokenizer' : 'estimate',
    trimmed: ex.trimmed,
    grounding,
    ...extra,
  };
}

/** Spans of a unit in priority order: header, interface, declarations, statements whole, then their first lines. */
function unitSpans(file: SourceFile, node: SyntaxNode): LineSpan[] {
  const whole = nodeLines(file, node);
  const spans: LineSpan[] = [];
  const head = node.child(N.DeclarativePart) ?? node.child(N.ConcurrentStatements);
  spans.push({ first: whole.first, last: head ? Math.max(whole.first, nodeLines(file, head).first - 1) : whole.first });
  for (const c of [N.GenericClause, N.PortClause]) {
    const clause = node.child(c);
    if (clause) spans.push({ ...nodeLines(file, clause), cuttable: true });
  }
  const begin = node.token(T.BeginKw);
  if (begin) spans.push({ first: file.lines.positionAt(begin.start).line, last: file.lines.positionAt(begin.start).line });
  spans.push({ first: whole.last, last: whole.last });
  for (const d of declarationItems(node)) spans.push(nodeLines(file, d));
  const stmts = node.child(N.ConcurrentStatements)?.childNodes() ?? node.child(N.SequentialStatements)?.childNodes() ?? [];
  for (const s of stmts) spans.push(nodeLines(file, s));
  for (const s of stmts) spans.push({ ...nodeLines(file, s), cuttable: true });
  return spans;
}

function unitPrompt(ws: Workspace, unit: DesignUnit, task: PromptTask, budget: number, b: Build): Prompt {
  let entity: DesignUnit | undefined;
  let arch: DesignUnit | undefined;
  if (unit.kind === 'entity') {
    entity = unit;
    arch = ws.architecturesOf(unit)[0];
  } else if (unit.kind === 'architecture') {
    arch = unit;
    entity = ws.primaryOf(unit);
  }
  if (!entity && !arch) {
    // Packages, package bodies, configurations: the unit's text, with its body when there is one.
    const body = unit.kind === 'package' ? ws.packageBodyOf(unit) : undefined;
    const pkg = unit.kind === 'packageBody' ? ws.primaryOf(unit) : unit;
    const first = excerpt(pkg?.file ?? unit.file, unitSpans(pkg?.file ?? unit.file, (pkg ?? unit).node), budget, b.meter);
    const parts = [first.text];
    let tokens = first.tokens;
    let trimmed = first.trimmed;
    if (body) {
      const second = excerpt(body.file, unitSpans(body.file, body.node), Math.max(0, budget - tokens), b.meter);
      if (second.text) parts.push(second.text);
      tokens += second.tokens;
      trimmed ||= second.trimmed;
    }
    const name = (pkg ?? unit).name;
    const what = `the ${kindWord((pkg ?? unit).kind)} \`${name}\``;
    const g = groundingContext([...new Set([unit.file, pkg?.file ?? unit.file, ...(body ? [body.file] : [])])], []);
    if ((pkg ?? unit).kind === 'package') g.unit = 'package';
    const facts = [`${kindWord((pkg ?? unit).kind)} \`${name}\``];
    const decls = (pkg ?? unit).file.scopes.declarations.filter((d) => d.scope.unit === (pkg ?? unit) && ['constant', 'function', 'procedure', 'type', 'subtype', 'component', 'signal'].includes(d.kind));
    const byKind = new Map<string, string[]>();
    for (const d of decls) byKind.set(d.kind, [...new Set([...(byKind.get(d.kind) ?? []), d.name])]);
    for (const [k, names] of byKind) facts.push(`${k === 'subtype' ? 'subtypes' : `${k}s`}: ${names.slice(0, 12).map((n) => `\`${n}\``).join(', ')}${names.length > 12 ? ` and ${names.length - 12} more` : ''}`);
    const source = parts.join('\n\n');
    return finish(b, task, name, source, userMessage(b, task, what, source, facts), { lines: first.lines, tokens, trimmed }, g);
  }
  const ef = entity ? entityFacts(ws, entity) : undefined;
  const af = arch ? architectureFacts(ws, arch) : undefined;
  const parts: string[] = [];
  let tokens = 0;
  let trimmed = false;
  let lines: number[] = [];
  const target = arch ?? entity!;
  if (entity) {
    const ex = excerpt(entity.file, unitSpans(entity.file, entity.node), Math.floor(budget * (arch ? 0.4 : 1)), b.meter);
    parts.push(ex.text);
    tokens += ex.tokens;
    trimmed ||= ex.trimmed;
    if (entity.file === target.file) lines = ex.lines;
  }
  if (arch) {
    const ex = excerpt(arch.file, unitSpans(arch.file, arch.node), budget - tokens, b.meter);
    parts.push(ex.text);
    tokens += ex.tokens;
    trimmed ||= ex.trimmed;
    lines = [...new Set([...lines, ...ex.lines])].sort((a, b) => a - b);
  }
  const title = entity && arch ? `${entity.name} (${arch.name})` : (entity ?? arch)!.name;
  const what = entity ? `the entity \`${entity.name}\`${arch ? ` (architecture \`${arch.name}\`)` : ''}` : `the architecture \`${arch!.name}\``;
  const files = new Set<SourceFile>([...(entity ? [entity.file] : []), ...(arch ? [arch.file] : [])]);
  for (const i of af?.instances ?? []) {
    const e = i.entity ? ws.findEntity(i.entity, unit.library) : undefined;
    if (e) files.add(e.file);
  }
  const g = groundingContext([...files], af ? [af] : []);
  g.unit = 'entity';
  if (ef) g.interface = { entity: ef.entity, ports: new Set(ef.ports.map((p) => p.name.toLowerCase())), generics: new Set(ef.generics.map((p) => p.name.toLowerCase())) };
  const source = parts.join('\n\n');
  return finish(b, task, title, source, userMessage(b, task, what, source, unitFactLines(ef, af, b.summaries)), { lines, tokens, trimmed }, g, { architecture: af, entity: ef });
}

function kindWord(k: string): string {
  return k === 'packageBody' ? 'package body' : k === 'packageInstance' ? 'package instance' : k;
}

/** The statement (innermost) that starts on 1-based `line` and contains `accessLine`. */
function statementAt(stmts: SyntaxNode[], file: SourceFile, line: number, accessLine: number): SyntaxNode | undefined {
  let best: SyntaxNode | undefined;
  for (const s of stmts) {
    const l = nodeLines(file, s);
    if (l.first + 1 === line && l.first + 1 <= accessLine && accessLine <= l.last + 1) {
      if (!best || s.end - s.start < best.end - best.start) best = s;
    }
  }
  return best;
}

function declarationPrompt(
  ws: Workspace,
  d: Declaration,
  task: PromptTask,
  budget: number,
  b: Build,
  atFile?: SourceFile,
  offset?: number,
): Prompt {
  const facts = factsOfDeclaration(ws, d, atFile, offset);
  const arch = architecturesFor(ws, d, atFile, offset)[0] ?? (atFile && offset !== undefined ? architectureAt(atFile, offset) : undefined);
  const file = arch?.file ?? d.file;
  const spans: LineSpan[] = [];
  const entity = arch ? ws.primaryOf(arch) : d.unit?.kind === 'entity' ? d.unit : undefined;
  if (d.file === file) spans.push({ ...nodeLines(file, d.node), cuttable: true });
  if (arch) {
    const header = nodeLines(file, arch.node);
    spans.push({ first: header.first, last: header.first });
    const stmts = allConcurrentStatements(arch.node);
    const obj = facts.details?.object;
    const accesses = obj ? [...obj.drivers, ...obj.readers] : [];
    const seen = new Set<SyntaxNode>();
    const fallbacks: LineSpan[] = [];
    for (const a of accesses) {
      const s = statementAt(stmts, file, a.statementLine, a.line);
      if (!s || seen.has(s)) continue;
      seen.add(s);
      const l = nodeLines(file, s);
      spans.push(l);
      // When the whole statement is too long: its first line and the lines around the access.
      fallbacks.push({ first: l.first, last: l.first }, { first: Math.max(l.first, a.line - 3), last: Math.min(l.last, a.line) });
    }
    spans.push(...fallbacks);
    if (facts.details?.process) {
      for (const name of [...facts.details.process.assigns, ...facts.details.process.reads].slice(0, 12)) {
        const o = architectureFacts(ws, arch).objects.find((x) => x.name === name && x.kind === 'signal');
        if (o && o.declaration.file === file.uri) spans.push({ first: o.declaration.line - 1, last: o.declaration.line - 1 });
      }
    }
  }
  const parts: string[] = [];
  // The entity's header, generics and ports, after everything above in priority: in the same excerpt
  // when the entity is in this file (so no line is shown twice), else from its own file, ahead.
  const eSpans: LineSpan[] = [];
  if (entity) {
    const port = entity.node.child(N.PortClause);
    const gen = entity.node.child(N.GenericClause);
    const whole = nodeLines(entity.file, entity.node);
    eSpans.push({ first: whole.first, last: whole.first });
    if (gen) eSpans.push({ ...nodeLines(entity.file, gen), cuttable: true });
    if (port) eSpans.push({ ...nodeLines(entity.file, port), cuttable: true });
    eSpans.push({ first: whole.last, last: whole.last });   // `end entity x;`
  }
  const apart = entity !== undefined && entity.file !== file;
  if (entity && !apart) spans.push(...eSpans);
  const ex = excerpt(file, spans, apart ? Math.floor(budget * 0.75) : budget, b.meter);
  let tokens = ex.tokens;
  let trimmed = ex.trimmed;
  if (entity && apart) {
    const ee = excerpt(entity.file, eSpans, budget - tokens, b.meter);
    if (ee.text) parts.push(ee.text);
    tokens += ee.tokens;
    trimmed ||= ee.trimmed;
  }
  parts.push(ex.text);
  const files = new Set<SourceFile>([file, d.file, ...(entity ? [entity.file] : [])]);
  const inst = facts.kind === 'instance' ? facts.instances[0] : undefined;
  if (inst && 'entity' in inst && inst.entity) {
    const e = ws.findEntity(inst.entity, d.file.library);
    if (e) files.add(e.file);
  }
  const af = arch ? architectureFacts(ws, arch) : undefined;
  const g = groundingContext([...files], af ? [af] : []);
  g.subject = d.name.toLowerCase();
  const title = `${facts.kind} ${d.name}`;
  const what = `the ${facts.kind} \`${d.name}\``;
  const source = parts.join('\n\n');
  return finish(b, task, title, source, userMessage(b, task, what, source, nameFactLines(facts, b.summaries)), { lines: ex.lines, tokens, trimmed }, g, { architecture: af });
}

function rangePrompt(ws: Workspace, file: SourceFile, start: number, end: number, budget: number, build: Build): Prompt {
  const a = file.lines.positionAt(start).line;
  const b = Math.max(a, file.lines.positionAt(Math.max(start, end - 1)).line);
  const spans: LineSpan[] = [{ first: a, last: b, cuttable: true }];
  const arch = architectureAt(file, start);
  const entity = arch ? ws.primaryOf(arch) : undefined;
  // Declarations of the names the selection uses, when they are in this file.
  const used = new Set<string>();
  for (const t of file.root.tokens()) {
    if (t.start >= start && t.end <= end && (t.kind === T.Identifier || t.kind === T.ExtendedIdentifier)) used.add(t.text.toLowerCase());
  }
  for (const decl of file.scopes.declarations) {
    if (!used.has(decl.name) || !['signal', 'port', 'constant', 'generic', 'type', 'variable'].includes(decl.kind)) continue;
    const l = nodeLines(file, decl.node);
    if (l.last < a || l.first > b) spans.push(l.last - l.first < 6 ? l : { first: file.lines.positionAt(decl.nameNode.start).line, last: file.lines.positionAt(decl.nameNode.start).line });
  }
  const ex = excerpt(file, spans, budget, build.meter);
  const af = arch ? architectureFacts(ws, arch) : undefined;
  const ef = entity ? entityFacts(ws, entity) : undefined;
  const facts = af ? unitFactLines(ef, af, build.summaries).slice(0, 8) : [];
  const g = groundingContext([file, ...(entity && entity.file !== file ? [entity.file] : [])], af ? [af] : []);
  const lines = a === b ? `line ${a + 1}` : `lines ${a + 1}-${b + 1}`;
  const title = `Selection, ${lines}`;
  return finish(build, 'selection', title, ex.text, userMessage(build, 'selection', 'the selection', ex.text, facts, lines), ex, g, { architecture: af, entity: ef });
}
