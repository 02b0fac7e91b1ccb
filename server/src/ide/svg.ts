// SVG drawings for the design docs: an entity's block symbol and a state machine's diagram. Every
// text is escaped; the drawings use no external resources.
import type { FsmFacts, ObjectFacts } from '../analysis/facts/types';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * The entity as a box: inputs on the left, outputs (and inout, buffer) on the right, generics on
 * top, each with its type.
 */
export function blockSymbolSvg(name: string, generics: ObjectFacts[], ports: ObjectFacts[]): string {
  const ins = ports.filter((p) => p.mode === 'in' || p.mode === undefined);
  const outs = ports.filter((p) => p.mode !== 'in' && p.mode !== undefined);
  const rowH = 22;
  const genH = generics.length ? 18 * generics.length + 16 : 0;
  const boxW = 220;
  const side = 170;
  const boxTop = 20 + genH;
  const rows = Math.max(ins.length, outs.length, 1);
  const boxH = rows * rowH + 40;
  const width = boxW + 2 * side;
  const height = boxTop + boxH + 20;
  const x0 = side;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="block-symbol" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`Block symbol of ${name}`)}">`);
  parts.push(`<rect x="${x0}" y="${boxTop}" width="${boxW}" height="${boxH}" rx="6" fill="#f4f7fb" stroke="#345" stroke-width="2"/>`);
  parts.push(`<text x="${x0 + boxW / 2}" y="${boxTop + 22}" text-anchor="middle" font-family="sans-serif" font-size="15" font-weight="bold" fill="#123">${escapeXml(cut(name, 26))}</text>`);
  generics.forEach((g, i) => {
    const y = 20 + i * 18 + 12;
    parts.push(`<text x="${x0 + boxW / 2}" y="${y}" text-anchor="middle" font-family="monospace" font-size="12" fill="#555">${escapeXml(cut(`${g.name} : ${g.type}`, 48))}</text>`);
  });
  if (generics.length) parts.push(`<line x1="${x0 + boxW / 2}" y1="${20 + generics.length * 18 + 2}" x2="${x0 + boxW / 2}" y2="${boxTop}" stroke="#888" stroke-dasharray="3 3"/>`);
  ins.forEach((p, i) => {
    const y = boxTop + 44 + i * rowH;
    parts.push(`<line x1="${x0 - 40}" y1="${y}" x2="${x0}" y2="${y}" stroke="#345" stroke-width="2"/>`);
    parts.push(`<polygon points="${x0 - 8},${y - 4} ${x0},${y} ${x0 - 8},${y + 4}" fill="#345"/>`);
    parts.push(`<text x="${x0 + 6}" y="${y + 4}" font-family="monospace" font-size="12" fill="#123">${escapeXml(cut(p.name, 24))}</text>`);
    parts.push(`<text x="${x0 - 44}" y="${y + 4}" text-anchor="end" font-family="monospace" font-size="11" fill="#666">${escapeXml(cut(p.type, 22))}</text>`);
  });
  outs.forEach((p, i) => {
    const y = boxTop + 44 + i * rowH;
    const x1 = x0 + boxW;
    parts.push(`<line x1="${x1}" y1="${y}" x2="${x1 + 40}" y2="${y}" stroke="#345" stroke-width="2"/>`);
    parts.push(`<polygon points="${x1 + 32},${y - 4} ${x1 + 40},${y} ${x1 + 32},${y + 4}" fill="#345"/>`);
    if (p.mode === 'inout') parts.push(`<polygon points="${x1 + 8},${y - 4} ${x1},${y} ${x1 + 8},${y + 4}" fill="#345"/>`);
    parts.push(`<text x="${x1 - 6}" y="${y + 4}" text-anchor="end" font-family="monospace" font-size="12" fill="#123">${escapeXml(cut(p.name, 24))}</text>`);
    parts.push(`<text x="${x1 + 44}" y="${y + 4}" font-family="monospace" font-size="11" fill="#666">${escapeXml(cut(`${p.mode === 'out' ? '' : `${p.mode} `}${p.type}`, 22))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * A state diagram: states on a circle, one arrow per transition with its condition, self-loops as
 * small arcs, the reset state drawn with a double ring and an entry arrow.
 */
export function fsmSvg(f: FsmFacts, idPrefix: string): string {
  const states = f.states.length ? f.states : [...new Set(f.transitions.flatMap((t) => [t.from, t.to]).filter((s) => s !== '*'))];
  const n = Math.max(states.length, 1);
  const r = 30;
  const R = Math.max(110, (n * (2 * r + 50)) / (2 * Math.PI));
  const cx = R + 160;
  const cy = R + 80;
  const width = 2 * cx;
  const height = 2 * cy;
  const pos = new Map<string, { x: number; y: number }>();
  states.forEach((s, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.set(s, { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a) });
  });
  const id = `${idPrefix.replace(/[^A-Za-z0-9_-]/g, '_')}-arrow`;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="fsm-diagram" width="${Math.round(width)}" height="${Math.round(height)}" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}" role="img" aria-label="${escapeXml(`State diagram of ${f.signal}`)}">`);
  out.push(`<defs><marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#345"/></marker></defs>`);
  const pairCount = new Map<string, number>();
  for (const t of f.transitions) {
    const froms = t.from === '*' ? states.filter((s) => s !== t.to) : [t.from];
    for (const from of froms) {
      const a = pos.get(from);
      const b = pos.get(t.to);
      if (!a || !b) continue;
      const label = t.condition ? cut(t.condition, 28) : '';
      const title = `<title>${escapeXml(`${from} -> ${t.to}${t.condition ? ` when ${t.condition}` : ''} (line ${t.line})`)}</title>`;
      if (from === t.to) {
        const x = a.x;
        const y = a.y - r;
        out.push(`<g class="transition">${title}<path d="M ${x - 12} ${y + 2} C ${x - 40} ${y - 50}, ${x + 40} ${y - 50}, ${x + 12} ${y + 2}" fill="none" stroke="#345" stroke-width="1.5" marker-end="url(#${id})"/>`);
        if (label) out.push(`<text x="${x}" y="${y - 40}" text-anchor="middle" font-family="monospace" font-size="10" fill="#a33">${escapeXml(label)}</text>`);
        out.push('</g>');
        continue;
      }
      const key = [from, t.to].sort().join('|');
      const k = pairCount.get(key) ?? 0;
      pairCount.set(key, k + 1);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      // Curve each arrow a little (more for repeated pairs) so A->B and B->A do not overlap.
      const bend = 18 + 14 * k;
      const mx = (a.x + b.x) / 2 - uy * bend;
      const my = (a.y + b.y) / 2 + ux * bend;
      const sx = a.x + ux * r;
      const sy = a.y + uy * r;
      const ex = b.x - ux * (r + 2);
      const ey = b.y - uy * (r + 2);
      out.push(`<g class="transition">${title}<path d="M ${sx.toFixed(1)} ${sy.toFixed(1)} Q ${mx.toFixed(1)} ${my.toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}" fill="none" stroke="#345" stroke-width="1.5" marker-end="url(#${id})"/>`);
      if (label) out.push(`<text x="${mx.toFixed(1)}" y="${(my - 4).toFixed(1)}" text-anchor="middle" font-family="monospace" font-size="10" fill="#a33">${escapeXml(label)}</text>`);
      out.push('</g>');
    }
  }
  for (const s of states) {
    const p = pos.get(s)!;
    const isReset = s === f.resetState;
    out.push(`<g class="state${isReset ? ' reset' : ''}"><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r}" fill="#eef4ff" stroke="#345" stroke-width="2"/>`);
    if (isReset) {
      out.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r - 5}" fill="none" stroke="#345" stroke-width="1"/>`);
      out.push(`<line x1="${(p.x - r - 40).toFixed(1)}" y1="${p.y.toFixed(1)}" x2="${(p.x - r - 2).toFixed(1)}" y2="${p.y.toFixed(1)}" stroke="#2a2" stroke-width="2" marker-end="url(#${id})"/>`);
      out.push(`<text x="${(p.x - r - 42).toFixed(1)}" y="${(p.y - 6).toFixed(1)}" text-anchor="end" font-family="sans-serif" font-size="10" fill="#2a2">reset</text>`);
    }
    out.push(`<text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-family="monospace" font-size="11" fill="#123">${escapeXml(cut(s, 9))}</text><title>${escapeXml(s)}</title></g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
