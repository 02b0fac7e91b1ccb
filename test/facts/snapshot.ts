// Prints the facts of every architecture of a fixture as reviewable text: each access shown with
// the source line it is on, so the expected files can be checked by reading, not by counting.
import { architectureFacts } from '../../server/src/analysis/facts/index';
import type { Access, ArchitectureFacts, ObjectFacts } from '../../server/src/analysis/facts/types';
import type { Workspace } from '../../server/src/analysis/workspace';

export function snapshot(ws: Workspace, uris: string[]): string {
  const out: string[] = [];
  for (const uri of uris) {
    const file = ws.getFile(uri)!;
    const lines = file.text.split(/\r?\n/);
    const src = (n: number) => (lines[n - 1] ?? '').trim();
    for (const u of file.units) {
      if (u.kind !== 'architecture') continue;
      out.push(...describe(architectureFacts(ws, u), src, (f) => f.slice(f.lastIndexOf('/') + 1)));
      out.push('');
    }
  }
  return out.join('\n');
}

function describe(a: ArchitectureFacts, src: (line: number) => string, base: (uri: string) => string): string[] {
  const out: string[] = [`== architecture ${a.architecture} of ${a.entity} (${base(a.file)}:${a.line}) ==`];
  out.push(`partial: ${a.partial ? 'yes' : 'no'}`);
  for (const n of a.notes) out.push(`note: ${n}`);
  out.push('-- processes');
  for (const p of a.processes) {
    const clock = p.clock ? `, clock ${p.clock.signal} ${p.clock.edge}` : '';
    const reset = p.reset ? `, reset ${p.reset.signal} ${p.reset.kind} active ${p.reset.activeLevel}` : '';
    out.push(`process ${p.label ?? '(unlabelled)'} L${p.line}-${p.endLine}: ${p.kind}${clock}${reset}${p.generate.length ? ` [in ${p.generate.join('/')}]` : ''}`);
    out.push(`  sensitivity: ${p.sensitivity === null ? '(none)' : p.sensitivity === 'all' ? 'all' : p.sensitivity.join(', ')}`);
    out.push(`  assigns: ${p.assigns.join(', ') || '-'} | reads: ${p.reads.join(', ') || '-'}`);
    if (p.missingSensitivity.length) out.push(`  MISSING from sensitivity: ${p.missingSensitivity.join(', ')}`);
    if (p.latches.length) out.push(`  LATCH risk: ${p.latches.join(', ')}`);
    if (p.uncertain) out.push(`  uncertain: ${p.uncertain}`);
  }
  out.push('-- objects');
  for (const o of a.objects) out.push(...object(o, src));
  out.push('-- registers');
  for (const r of a.registers) {
    const reset = r.reset ? `reset ${r.reset.signal} ${r.reset.kind} '${r.reset.activeLevel}' -> ${r.reset.value ?? '(not reset)'}` : 'no reset';
    out.push(`register ${r.name}: ${r.clock.signal} ${r.clock.edge}; ${reset}; process ${r.process ?? '(unlabelled)'}`);
    if (r.fields) out.push(`  fields: ${r.fields.map((f) => `${f.name} : ${f.type} -> ${f.reset ?? '(not reset)'}`).join(', ')}`);
  }
  if (a.fsms.length) out.push('-- state machines');
  for (const f of a.fsms) {
    out.push(`fsm ${f.signal}${f.next ? ` / next ${f.next}` : ''} (${f.style}) type ${f.type}: states ${f.states.join(', ')}; reset ${f.resetState ?? '-'}; unreachable ${f.unreachable.join(', ') || '-'}`);
    if (f.uncertain) out.push(`  uncertain: ${f.uncertain}`);
    for (const t of f.transitions) out.push(`  ${t.from} -> ${t.to}${t.condition ? ` when ${t.condition}` : ''}   L${t.line}: ${src(t.line)}`);
  }
  if (a.instances.length) out.push('-- instances');
  for (const i of a.instances) {
    const where = i.entityDeclaration ? `${base(i.entityDeclaration.file)}:${i.entityDeclaration.line}` : 'not found';
    out.push(`instance ${i.label} L${i.line}: ${i.unitKind} ${i.unit}${i.architecture ? `(${i.architecture})` : ''} -> entity ${i.entity ?? '?'} (${where})${i.generate.length ? ` [in ${i.generate.join('/')}]` : ''}`);
    if (i.generics.length) out.push(`  generics: ${i.generics.map((c) => `${c.formal} => ${c.actual}`).join(', ')}`);
    out.push(`  ports: ${i.ports.map((c) => `${c.formal} => ${c.actual} (${c.mode ?? '?'})`).join(', ')}`);
    if (i.uncertain) out.push(`  uncertain: ${i.uncertain}`);
  }
  if (a.crossings.length) out.push('-- clock-domain crossings');
  for (const c of a.crossings) out.push(`crossing ${c.source} (${c.fromClock.signal}) -> ${c.register} (${c.toClock.signal}): ${c.synchroniser ?? 'CANDIDATE, no synchroniser'}`);
  return out;
}

function object(o: ObjectFacts, src: (line: number) => string): string[] {
  const role = o.role === 'register' && o.clock ? `register ${o.clock.signal} ${o.clock.edge}${o.reset ? `; reset ${o.reset.signal} ${o.reset.kind} '${o.reset.activeLevel}' -> ${o.reset.value ?? '(not reset)'}` : '; no reset'}` : o.role;
  const out = [`${o.kind} ${o.name}${o.mode ? ` ${o.mode}` : ''} : ${o.type} [${role}] (${o.scope}, L${o.declaration.line})`];
  if (o.comment) out.push(`  comment: ${o.comment.replace(/\n/g, ' / ')}`);
  for (const d of o.drivers) out.push(`  driver ${access(d)}   L${d.line}: ${src(d.line)}`);
  for (const r of o.readers) out.push(`  reader ${access(r)}   L${r.line}: ${src(r.line)}`);
  if (o.multipleDrivers) out.push(`  MULTIPLE DRIVERS: ${o.multipleDrivers.statements} statements, resolved ${o.multipleDrivers.resolved}, overlap ${o.multipleDrivers.overlap}`);
  if (o.latchIn) out.push(`  LATCH risk in: ${o.latchIn.join(', ')}`);
  if (o.missingFromSensitivity) out.push(`  MISSING from the sensitivity list of: ${o.missingFromSensitivity.join(', ')}`);
  if (o.uncertain) out.push(`  uncertain: ${o.uncertain}`);
  return out;
}

function access(a: Access): string {
  const who = a.label ?? `(unlabelled ${a.statement} L${a.statementLine})`;
  const extra = [a.context, a.element ? `element ${a.element}` : '', a.port ? `port ${a.port}` : '', a.via ? `via ${a.via}` : '', a.uncertain ? `uncertain: ${a.uncertain}` : ''].filter((x) => x).join(', ');
  return `${a.statement} ${who}${extra ? ` {${extra}}` : ''}`;
}
