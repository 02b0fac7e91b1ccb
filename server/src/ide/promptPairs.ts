// Training pairs for the model recipe, made with the same prompt builder the editor uses.
import { Workspace } from '../analysis/workspace';
import { stripContextMarkers } from '../llm/contextGuard';
import { buildPrompt, type PromptMessage } from './prompt';

/**
 * A design record: the VHDL inline (`vhdl`) or as a path (`file`), the expert explanation inline
 * (`explanation`) or as a path (`explanation_file`), and optionally the entity to explain (`target`).
 */
export interface DesignRecord {
  id?: string;
  source?: string;
  vhdl?: string;
  file?: string;
  explanation?: string;
  explanation_file?: string;
  target?: string;
}

export interface Pair {
  id?: string;
  source?: string;
  /**
   * The messages the server sends for "Explain this entity" on this design, with the context-guard
   * markers removed as the engine removes them when nothing needs trimming: what the model reads.
   */
  prompt_messages: PromptMessage[];
  target: string;
}

export function makePairs(records: DesignRecord[], read: (path: string) => string): { pairs: Pair[]; errors: string[] } {
  const pairs: Pair[] = [];
  const errors: string[] = [];
  records.forEach((r, i) => {
    const name = r.id ?? `record ${i + 1}`;
    try {
      const vhdl = r.vhdl ?? (r.file ? read(r.file) : undefined);
      const target = r.explanation ?? (r.explanation_file ? read(r.explanation_file) : undefined);
      if (vhdl === undefined || target === undefined) throw new Error('needs vhdl (or file) and explanation (or explanation_file)');
      const ws = new Workspace();
      const f = ws.setFile(`file:///design/${(r.id ?? `d${i}`).replace(/[^A-Za-z0-9_.-]/g, '_')}.vhd`, vhdl);
      const want = r.target?.toLowerCase();
      const unit = f.units.find((u) => u.kind === 'entity' && (!want || u.name === want)) ?? f.units.find((u) => !want || u.name === want);
      if (!unit) throw new Error(want ? `no unit named ${want}` : 'no design unit');
      const p = buildPrompt(ws, { kind: 'unit', unit }, { task: 'entity' });
      pairs.push({ ...(r.id ? { id: r.id } : {}), ...(r.source ? { source: r.source } : {}), prompt_messages: stripContextMarkers(p.messages), target: target.trim() });
    } catch (e) {
      errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { pairs, errors };
}
