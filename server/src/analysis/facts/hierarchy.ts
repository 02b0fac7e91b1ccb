// The inverse of instantiation: where an entity is used, across the workspace.
import { NodeKind as N } from '../../syntax/nodeKind';
import { nameOf } from '../../syntax/tree';
import type { DesignUnit } from '../designUnits';
import { instantiatedUnits } from '../resolve';
import type { Workspace } from '../workspace';
import { lineOf } from './text';
import type { EntityUsage } from './types';

const usageCache = new WeakMap<Workspace, { generation: number; byEntity: Map<DesignUnit, EntityUsage[]> }>();

/** Every instantiation of `entity` (directly, through a component bound to it, or a configuration of it). */
export function entityUsages(ws: Workspace, entity: DesignUnit): EntityUsage[] {
  let c = usageCache.get(ws);
  if (!c || c.generation !== ws.generation) {
    c = { generation: ws.generation, byEntity: new Map() };
    usageCache.set(ws, c);
  }
  const hit = c.byEntity.get(entity);
  if (hit) return hit;
  const out: EntityUsage[] = [];
  const needle = entity.name.toLowerCase();
  const configs = ws.allUnits().filter((u) => u.kind === 'configuration' && u.primaryName === entity.name).map((u) => u.name);
  for (const file of ws.files()) {
    if (!file.mentions(needle) && !configs.some((cfg) => file.mentions(cfg))) continue;
    for (const unit of file.units) {
      if (unit.kind !== 'architecture') continue;
      for (const s of unit.node.descendants(N.ComponentInstantiationStatement)) {
        const targets = instantiatedUnits(ws, file, s);
        const hitsEntity = targets.some((d) => d.unit === entity || (d.unit?.kind === 'configuration' && d.unit.primaryName === entity.name && d.unit.library === entity.library));
        if (!hitsEntity) continue;
        const iu = s.child(N.InstantiatedUnit);
        out.push({
          label: nameOf(s.child(N.Label)) ?? '',
          in: `${unit.name} of ${unit.primaryName ?? '?'}`,
          file: file.uri,
          line: lineOf(file, s.start),
          unitKind: iu?.childTokens().some((t) => t.text.toLowerCase() === 'entity') ? 'entity' : iu?.childTokens().some((t) => t.text.toLowerCase() === 'configuration') ? 'configuration' : 'component',
        });
      }
    }
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  c.byEntity.set(entity, out);
  return out;
}
