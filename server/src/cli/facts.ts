// `vhdl-explain facts FILE:LINE:COL [--json]` and `vhdl-explain facts FILE --entity NAME [--json]`:
// the design facts of a name, or of a whole design unit.
import { entityFacts, factsAt } from '../analysis/facts/index';
import { factsMarkdown } from '../ide/factsHover';
import { factsJson } from '../ide/factsJson';
import type { Command } from './main';
import { contextFolders, displayPath, loadPaths, parseArgs, uriOf } from './load';

const USAGE = 'facts FILE:LINE:COL | FILE --entity NAME [--json] [--workspace DIR]   print drivers, readers, clocks, resets, FSMs, instances';

export const factsCommand: Command = {
  usage: USAGE,
  run(args) {
    const { positional, flags, values } = parseArgs(args, ['workspace', 'entity']);
    const entity = values.get('entity')?.[0];
    const m = positional.length === 1 && !entity ? /^(.*):(\d+):(\d+)$/.exec(positional[0]) : null;
    const path = m ? m[1] : positional[0];
    if (positional.length !== 1 || (!m && !entity)) {
      process.stderr.write(`usage: vhdl-explain ${USAGE}\n`);
      return 2;
    }
    const { ws, files, missing } = loadPaths([path], contextFolders(path, values.get('workspace') ?? []));
    if (missing.length || files.length !== 1) {
      process.stderr.write(`vhdl-explain: ${path}: not a file\n`);
      return 2;
    }
    const file = ws.getFile(uriOf(files[0]));
    if (!file) return 2;
    const json = flags.has('json');
    if (entity) {
      const unit = ws.allUnits().find((u) => u.kind === 'entity' && u.name === entity.toLowerCase() && u.file === file) ?? ws.findEntity(entity, file.library);
      if (!unit) {
        process.stderr.write(`vhdl-explain: no entity '${entity}' in ${path}\n`);
        return 1;
      }
      const facts = entityFacts(ws, unit);
      process.stdout.write((json ? factsJson(facts, displayPath) : entitySummary(facts)) + '\n');
      return 0;
    }
    const line = Number(m![2]) - 1;
    const col = Number(m![3]) - 1;
    if (line >= file.lines.lineCount) {
      process.stderr.write(`vhdl-explain: ${path} has ${file.lines.lineCount} lines\n`);
      return 2;
    }
    const f = factsAt(ws, file, file.lines.offsetAt({ line, character: col }));
    if (!f) {
      process.stderr.write(`vhdl-explain: no declared name at ${positional[0]}\n`);
      return 1;
    }
    process.stdout.write((json ? factsJson(f, displayPath) : `${f.kind} ${f.name}${f.type ? ` : ${f.type}` : ''}\n${factsMarkdown(f)}`) + '\n');
    return 0;
  },
};

function entitySummary(f: ReturnType<typeof entityFacts>): string {
  const out = [`entity ${f.entity} (${displayPath(f.declaration.file)}:${f.declaration.line})`];
  for (const p of f.ports) out.push(`  port ${p.name} : ${p.mode} ${p.type} — ${p.role}${p.clock ? `, clock ${p.clock.signal} ${p.clock.edge}` : ''}`);
  for (const a of f.architectures) {
    out.push(`architecture ${a.architecture}${a.partial ? ' (partial: ' + a.notes[0] + ')' : ''}`);
    for (const p of a.processes) {
      const what = p.kind === 'clocked' ? `clocked by ${p.clock?.signal} (${p.clock?.edge})${p.reset ? `, ${p.reset.kind} reset ${p.reset.signal} active ${p.reset.activeLevel}` : ''}` : p.kind;
      out.push(`  process ${p.label ?? `at line ${p.line}`}: ${what}${p.missingSensitivity.length ? `; missing from sensitivity: ${p.missingSensitivity.join(', ')}` : ''}${p.latches.length ? `; latch risk: ${p.latches.join(', ')}` : ''}`);
    }
    for (const r of a.registers) out.push(`  register ${r.name}: ${r.clock.signal} ${r.clock.edge}${r.reset ? `, reset ${r.reset.signal} -> ${r.reset.value ?? '(not reset)'}` : ''}`);
    for (const s of a.fsms) out.push(`  fsm ${s.signal} (${s.style}): ${s.states.length} states, reset ${s.resetState ?? '-'}, ${s.transitions.length} transitions`);
    for (const i of a.instances) out.push(`  instance ${i.label}: ${i.unitKind} ${i.unit}${i.entityDeclaration ? '' : ' (not found)'}`);
    for (const c of a.instanceClocking.clocks) out.push(`  clock of instances ${c.signal} ${c.edge}: ${c.instances.join(', ')}`);
    for (const r of a.instanceClocking.resets) out.push(`  reset of instances ${r.signal} ${r.kind} active ${r.activeLevel}: ${r.instances.join(', ')}`);
    for (const c of a.crossings) out.push(`  crossing ${c.source} (${c.fromClock.signal}) -> ${c.register} (${c.toClock.signal}): ${c.synchroniser ?? 'NO SYNCHRONISER'}`);
  }
  out.push(`instantiated in: ${f.instantiatedIn.length ? f.instantiatedIn.map((u) => `${u.label} (${u.in}, ${displayPath(u.file)}:${u.line})`).join(', ') : 'nowhere'}`);
  return out.join('\n');
}
