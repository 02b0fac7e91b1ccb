// Training pairs for the model recipe, made with the same prompt builders the editor uses.
import { createHash } from 'node:crypto';
import { unitScope } from '../analysis/resolve';
import type { Declaration } from '../analysis/scopes';
import { Workspace } from '../analysis/workspace';
import { stripContextMarkers } from '../llm/contextGuard';
import type { TokenCounter } from '../llm/tokenCounter';
import { docCommentPrompt } from './insertDocComment';
import { hoverPrompt } from './modelHover';
import { buildPrompt, type Prompt, type PromptMessage, type PromptTask } from './prompt';

/** What the author of a design knows a declared name is for (the generator's own words). */
export interface NameDoc {
  name: string;
  kind: 'generic' | 'port' | 'signal';
  doc: string;
}

/**
 * A design record: the VHDL inline (`vhdl`) or as a path (`file`), the expert explanation inline
 * (`explanation`) or as a path (`explanation_file`), and optionally the entity to explain (`target`)
 * and what its names are for (`docs`, for hover and doc-comment pairs).
 */
export interface DesignRecord {
  id?: string;
  source?: string;
  vhdl?: string;
  file?: string;
  explanation?: string;
  explanation_file?: string;
  target?: string;
  docs?: NameDoc[];
}

export interface Pair {
  id?: string;
  source?: string;
  task: PromptTask;
  /** The declaration a hover or doc-comment pair is about. */
  name?: string;
  /**
   * The messages the server sends for this task on this design, with the context-guard markers
   * removed as the engine removes them when nothing needs trimming: what the model reads.
   */
  prompt_messages: PromptMessage[];
  target: string;
}

export interface PairOptions {
  /** Besides "Explain this entity": one hover and one doc-comment pair per design that has `docs`. */
  nameTasks?: boolean;
  /** The model's tokenizer: prompts are trimmed in its tokens, exactly as the editor trims them with that model. */
  tokenCounter?: TokenCounter;
}

export function makePairs(records: DesignRecord[], read: (path: string) => string, opts: PairOptions = {}): { pairs: Pair[]; errors: string[] } {
  const pairs: Pair[] = [];
  const errors: string[] = [];
  records.forEach((r, i) => {
    const name = r.id ?? `record ${i + 1}`;
    try {
      const vhdl = r.vhdl ?? (r.file ? read(r.file) : undefined);
      const target = r.explanation ?? (r.explanation_file ? read(r.explanation_file) : undefined);
      if (vhdl === undefined || target === undefined) throw new Error('needs vhdl (or file) and explanation (or explanation_file)');
      const ws = new Workspace();
      const uri = `file:///design/${(r.id ?? `d${i}`).replace(/[^A-Za-z0-9_.-]/g, '_')}.vhd`;
      const f = ws.setFile(uri, vhdl);
      const want = r.target?.toLowerCase();
      const unit = f.units.find((u) => u.kind === 'entity' && (!want || u.name === want)) ?? f.units.find((u) => !want || u.name === want);
      if (!unit) throw new Error(want ? `no unit named ${want}` : 'no design unit');
      const base = { ...(r.id ? { id: r.id } : {}), ...(r.source ? { source: r.source } : {}) };
      const pair = (task: PromptTask, p: Prompt, answer: string, about?: string): Pair =>
        ({ ...base, task, ...(about ? { name: about } : {}), prompt_messages: stripContextMarkers(p.messages), target: answer });
      pairs.push(pair('entity', buildPrompt(ws, { kind: 'unit', unit }, { task: 'entity', tokenCounter: opts.tokenCounter }), target.trim()));
      if (!opts.nameTasks || !r.docs?.length || unit.kind !== 'entity') return;
      const found = r.docs.map((d) => ({ d, decl: declarationOf(ws, unit, d) })).filter((x): x is { d: NameDoc; decl: Declaration } => !!x.decl);
      if (found.length < r.docs.length) throw new Error(`declared names not found: ${r.docs.filter((d) => !found.some((x) => x.d === d)).map((d) => d.name).join(', ')}`);
      // Deterministic choice per design; the doc-comment pair is about another name when there is one.
      const k = parseInt(createHash('sha256').update(r.id ?? String(i)).digest('hex').slice(0, 8), 16);
      const h = found[k % found.length];
      const c = found[(k + 1) % found.length];
      pairs.push(pair('hover', hoverPrompt(ws, uri, h.decl, h.decl.nameNode.start, opts.tokenCounter), sentence(h.d.doc), h.d.name));
      pairs.push(pair('docComment', docCommentPrompt(ws, c.decl, opts.tokenCounter), sentence(c.d.doc), c.d.name));
    } catch (e) {
      errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { pairs, errors };
}

/** The declaration of a documented name: a generic or port of the entity, or a signal of one of its architectures. */
function declarationOf(ws: Workspace, entity: Parameters<Workspace['architecturesOf']>[0], d: NameDoc): Declaration | undefined {
  const key = d.name.toLowerCase();
  const regions = d.kind === 'signal' ? ws.architecturesOf(entity).map(unitScope) : [unitScope(entity)];
  for (const s of regions) {
    const hit = s?.decls.get(key)?.[0];
    if (hit) return hit;
  }
  return undefined;
}

/** `clock; all registers update on its rising edge` -> `Clock; all registers update on its rising edge.` */
export function sentence(doc: string): string {
  const t = doc.trim().replace(/\s+/g, ' ');
  const first = /^\S*/.exec(t)![0];
  const s = /^[a-z]+[,;:]?$/.test(first) ? t.charAt(0).toUpperCase() + t.slice(1) : t;   // never re-case an identifier
  return /[.!?]$/.test(s) ? s : s + '.';
}
