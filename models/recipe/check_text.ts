// The server's grounding check on text that is already written, without a model: the experts'
// explanations of the gold designs (how often the check drops a correct sentence), or the answers an
// evaluation recorded (eval_grounding.ts's OUT.outputs.jsonl, re-checked under the current rules).
//   node --import tsx models/recipe/check_text.ts experts [--list] [--shown] [GOLD_DIR]
//   node --import tsx models/recipe/check_text.ts outputs DATA_DIR OUTPUTS.jsonl [--list] [--shown] [--model NAME]
//   node --import tsx models/recipe/check_text.ts hovers DATA_DIR/designs.jsonl DATA_DIR/heldout.jsonl [--list]
// Prints the sentences dropped per reason (names taken out, so that alike reasons count together);
// --list prints every dropped sentence with its design and reason; --shown, what passes of each text.
// Kept sentences the engine's claim constraint (the refutations the server gives it) would not have let a
// model write are counted and listed too: for the experts' text there should be none; so are those its name
// constraint would not have (by design, no quoted reserved word or standard name: `process (all)`, `xor`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../server/src/analysis/workspace';
import { ground, groundingNames, groundingRefutations, QUOTE_WORDS, sentences } from '../../server/src/ide/grounding';
import { CLAIM_START, ClaimConstraint } from '../../server/src/llm/claimConstraint';
import { NameConstraint, START } from '../../server/src/llm/nameConstraint';
import { HoverExplainer, hoverPrompt } from '../../server/src/ide/modelHover';
import { sentence, type NameDoc } from '../../server/src/ide/promptPairs';
import { buildPrompt } from '../../server/src/ide/prompt';

interface Checked { id: string; text: string }
export interface Drop { id: string; reason: string; sentence: string }

/**
 * Drops of the check for `text` as the explanation of the design `vhdl` (its entity, or `entity`), and
 * the kept sentences the engine's claim constraint (`refuted`) or name constraint (`unnamed`) would not have let a model write.
 */
export function check(id: string, vhdl: string, text: string, entity?: string): { kept: number; shown: string; drops: Drop[]; refuted: string[]; unnamed: string[] } {
  const ws = new Workspace();
  const f = ws.setFile(`file:///check/${id}.vhd`, vhdl);
  const unit = f.units.find((u) => u.kind === 'entity' && (!entity || u.name === entity.toLowerCase())) ?? f.units[0];
  if (!unit) return { kept: 0, shown: '', drops: [], refuted: [], unnamed: [] };
  const prompt = buildPrompt(ws, { kind: 'unit', unit }, { task: 'entity' });
  const r = ground(text, prompt.grounding);
  // Counted as eval_grounding.ts counts what the engine shows: the check's own sentences.
  const kept = sentences(r.text).filter((x) => x.trim());
  const claims = new ClaimConstraint(groundingRefutations(prompt.grounding));
  const names = new NameConstraint(groundingNames(prompt.grounding), QUOTE_WORDS);
  const refuted = kept.filter((x) => claims.advance(CLAIM_START, x) === undefined);
  const unnamed = kept.filter((x) => names.advance(START, x) === undefined);
  return { kept: kept.length, shown: r.text, drops: r.verdict.dropped.map((sentence, i) => ({ id, reason: r.verdict.reasons[i], sentence })), refuted, unnamed };
}

/** `\`o_count\` is combinational, not a register` -> `X is combinational, not a register`. */
export function reasonShape(reason: string): string {
  return reason.replace(/`[^`]*`/g, 'X').replace(/"[^"]*"/g, 'Q').replace(/\([^)]*\)/g, '(...)');
}

/** The gold designs of every manifest (both splits), with the entity each one explains. */
function experts(dir: string): { id: string; vhdl: string; text: string; entity?: string }[] {
  const rows = readdirSync(dir).filter((n) => /^manifest.*\.jsonl$/.test(n)).sort()
    .flatMap((m) => readFileSync(join(dir, m), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; file: string; explanation: string; entity?: string }));
  return rows.map((r) => ({ id: r.id, vhdl: readFileSync(join(dir, r.file), 'utf8'), text: readFileSync(join(dir, r.explanation), 'utf8'), entity: r.entity }));
}

/**
 * The hover check on what the experts say each name is for (the `docs` of gold designs, from
 * `prepare.gold_docs`): each as the hover answer about its name, as a model's would be checked.
 * Returns the dropped ones with their reasons, and how many were checked.
 */
export function hoverChecks(designs: { id: string; source: string; vhdl: string; meta: { docs?: NameDoc[] } }[]): { checked: number; drops: Drop[] } {
  let checked = 0;
  const drops: Drop[] = [];
  for (const d of designs.filter((x) => x.source === 'gold')) {
    const ws = new Workspace();
    const f = ws.setFile(`file:///check/${d.id}.vhd`, d.vhdl);
    for (const doc of d.meta.docs ?? []) {
      const at = new RegExp(`\\b${doc.name}\\s*(?:,\\s*\\w+\\s*)*:`, 'i').exec(d.vhdl);
      const t = at && HoverExplainer.targetAt(ws, f.uri, f.lines.positionAt(at.index));
      if (!t) continue;
      const text = sentence(doc.doc);
      const r = ground(text, hoverPrompt(ws, f.uri, t.decl, t.offset).grounding);
      checked++;
      if (!r.verdict.ok) drops.push({ id: `${d.id}/${doc.name}`, reason: r.verdict.reasons[0], sentence: text });
    }
  }
  return { checked, drops };
}

function hovers(paths: string[], list: boolean): void {
  const designs = paths.flatMap((p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
  const { checked, drops } = hoverChecks(designs);
  if (list) for (const d of drops) process.stdout.write(`${d.id}\t${d.reason}\t${d.sentence}\n`);
  process.stdout.write(`${checked} expert hover sentences (what the expert says a name is for), ${drops.length} dropped\n`);
}

function main(args: string[]): void {
  const list = args.includes('--list');
  const shown = args.includes('--shown');
  const at = args.indexOf('--model');
  const model = at >= 0 ? args[at + 1] : undefined;
  const rest = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  const [mode, ...paths] = rest;
  if (mode === 'hovers' && paths.length) {
    hovers(paths, list);
    return;
  }
  let items: { id: string; vhdl: string; text: string; entity?: string }[];
  if (mode === 'experts') {
    items = experts(paths[0] ?? join(__dirname, 'data', 'gold'));
  } else if (mode === 'outputs' && paths.length === 2) {
    const designs = new Map(readFileSync(join(paths[0], 'heldout.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; vhdl: string; meta: { entity?: string } }).map((d) => [d.id, d]));
    const outputs = readFileSync(paths[1], 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Checked & { model: string; raw: string });
    items = outputs.filter((o) => !model || o.model === model).flatMap((o) => {
      const d = designs.get(o.id);
      return d ? [{ id: `${o.model}/${o.id}`, vhdl: d.vhdl, text: o.raw, entity: d.meta.entity }] : [];
    });
  } else {
    process.stderr.write('usage: check_text.ts experts [--list] [--shown] [GOLD_DIR]\n       check_text.ts outputs DATA_DIR OUTPUTS.jsonl [--list] [--shown] [--model NAME]\n       check_text.ts hovers DESIGNS.jsonl... [--list]\n');
    process.exitCode = 2;
    return;
  }
  const counts = new Map<string, number>();
  let kept = 0;
  let dropped = 0;
  let refuted = 0;
  let unnamed = 0;
  for (const it of items) {
    const r = check(it.id, it.vhdl, it.text, it.entity);
    kept += r.kept;
    refuted += r.refuted.length;
    unnamed += r.unnamed.length;
    if (list) for (const x of r.refuted) process.stdout.write(`${it.id}\tkept, but the engine would not write it (claim constraint)\t${x.replace(/\s+/g, ' ')}\n`);
    if (list) for (const x of r.unnamed) process.stdout.write(`${it.id}\tkept, but the engine would not write it (name constraint)\t${x.replace(/\s+/g, ' ')}\n`);
    if (shown && r.shown.trim()) process.stdout.write(`${it.id}\t${r.shown.replace(/\s+/g, ' ')}\n`);
    dropped += r.drops.length;
    for (const d of r.drops) {
      counts.set(reasonShape(d.reason), (counts.get(reasonShape(d.reason)) ?? 0) + 1);
      if (list) process.stdout.write(`${d.id}\t${d.reason}\t${d.sentence.replace(/\s+/g, ' ')}\n`);
    }
  }
  process.stdout.write(`${items.length} texts: ${kept} sentences kept, ${dropped} dropped; of the kept, the engine would not have written ${refuted} (claim constraint) and ${unnamed} (name constraint: reserved words and standard names quoted, \`process (all)\`, \`xor\`)\n`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) process.stdout.write(`${String(n).padStart(5)}  ${k}\n`);
}

if (process.argv[1]?.endsWith('check_text.ts')) {
  // `| head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2));
}
