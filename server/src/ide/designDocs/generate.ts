// Design docs as data: one page per entity (explanation, tables, block symbol, processes, state
// diagrams, sub-blocks, `--!` docs) and an index with the hierarchy. The caller writes the files.
import { createHash } from 'node:crypto';
import { entityFacts, type ArchitectureFacts, type EntityFacts } from '../../analysis/facts/index';
import type { DesignUnit } from '../../analysis/designUnits';
import type { Workspace } from '../../analysis/workspace';
import { spelling } from '../explain';
import { blockSymbolSvg, escapeXml, fsmSvg } from '../svg';

/** Bump when the page layout changes, so that cached pages are rewritten. */
const LAYOUT_VERSION = '1';

export interface DocPage {
  /** Path relative to the output folder. */
  path: string;
  content: string;
}

export interface DocsOptions {
  format: 'html' | 'md';
  /** Model prose for an entity (already grounded), or undefined; called only for changed entities. */
  explain?: (entity: DesignUnit) => Promise<string | undefined>;
  /** Content hashes from the previous run (page path -> hash). */
  previous?: Record<string, string>;
  /** Whether a page from the previous run is still on disk. */
  exists?: (path: string) => boolean;
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface DocsResult {
  /** Pages to write (changed entities and the index). */
  pages: DocPage[];
  /** Entity pages kept from the previous run. */
  unchanged: string[];
  written: number;
  /** Hashes to save for the next run. */
  cache: Record<string, string>;
  indexPath: string;
  cancelled: boolean;
}

interface Entry {
  unit: DesignUnit;
  page: string;
  facts: EntityFacts;
}

function pageName(u: DesignUnit, taken: Set<string>, ext: string): string {
  const base = `${u.library}.${u.name}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  let name = `${base}.${ext}`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}.${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Markdown-lite to HTML for model prose and comments: escaped, with `code`, **bold** and paragraphs. */
function proseHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeXml(p.trim()).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function anchor(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]/g, '-');
}

const CSS = `body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f7}code,pre{font-family:monospace;background:#f6f6f6}pre{padding:.5em;white-space:pre-wrap}
.doc{border-left:4px solid #9bd;padding:.2em .8em;background:#f7fbff}ul.tree{list-style:none;padding-left:1.2em}
nav a{margin-right:1em}.note{color:#666;font-style:italic}svg{max-width:100%;height:auto}`;

function html(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n<title>${escapeXml(title)}</title><style>${CSS}</style></head>\n<body>\n${body}\n</body></html>\n`;
}

function entityHash(ws: Workspace, e: Entry, format: string, prose: boolean): string {
  const h = createHash('sha256');
  h.update(`${LAYOUT_VERSION}|${format}|${prose}|${e.page}\n`);
  h.update(e.unit.file.text);
  for (const a of ws.architecturesOf(e.unit)) h.update(a.file.uri + a.file.text);
  // Links and summaries depend on where the entity is used and what it instantiates.
  h.update(JSON.stringify(e.facts.instantiatedIn));
  for (const a of e.facts.architectures) h.update(JSON.stringify(a.instances.map((i) => [i.label, i.entity])));
  return h.digest('hex').slice(0, 32);
}

export async function generateDesignDocs(ws: Workspace, opts: DocsOptions): Promise<DocsResult> {
  const ext = opts.format === 'html' ? 'html' : 'md';
  const taken = new Set<string>([`index.${ext}`]);
  const units = ws.allUnits().filter((u) => u.kind === 'entity' && u.name).sort((a, b) => `${a.library}.${a.name}`.localeCompare(`${b.library}.${b.name}`) || a.file.uri.localeCompare(b.file.uri));
  const entries: Entry[] = units.map((u) => ({ unit: u, page: pageName(u, taken, ext), facts: spelledFacts(ws, entityFacts(ws, u)) }));
  const byName = new Map<string, Entry>();
  for (const e of entries) if (!byName.has(`${e.unit.library}.${e.unit.name}`)) byName.set(`${e.unit.library}.${e.unit.name}`, e);
  const pageOf = (lib: string, name: string | null) => (name ? (byName.get(`${lib}.${name}`) ?? [...byName.values()].find((x) => x.unit.name === name)) : undefined);
  const result: DocsResult = { pages: [], unchanged: [], written: 0, cache: {}, indexPath: `index.${ext}`, cancelled: false };
  for (let i = 0; i < entries.length; i++) {
    if (opts.isCancelled?.()) {
      result.cancelled = true;
      break;
    }
    const e = entries[i];
    opts.onProgress?.(i, entries.length, e.unit.name);
    const hash = entityHash(ws, e, opts.format, !!opts.explain);
    result.cache[e.page] = hash;
    if (opts.previous?.[e.page] === hash && (opts.exists?.(e.page) ?? false)) {
      result.unchanged.push(e.page);
      continue;
    }
    const prose = opts.explain ? await opts.explain(e.unit).catch(() => undefined) : undefined;
    const pages = opts.format === 'html' ? entityHtml(e, prose, pageOf) : entityMd(e, prose, pageOf);
    result.pages.push(...pages);
    result.written++;
  }
  opts.onProgress?.(entries.length, entries.length, '');
  result.pages.push(indexPage(ws, entries, pageOf, opts.format));
  return result;
}

/** The interface names as the source spells them (facts carry them lower-cased). */
function spelledFacts(ws: Workspace, f: EntityFacts): EntityFacts {
  const fix = (o: EntityFacts['ports'][number]) => ({ ...o, name: spelling(ws.getFile(o.declaration.file), o.declaration.line, o.name) });
  return { ...f, generics: f.generics.map(fix), ports: f.ports.map(fix) };
}

type PageOf = (lib: string, name: string | null) => Entry | undefined;

function entityHtml(e: Entry, prose: string | undefined, pageOf: PageOf): DocPage[] {
  const f = e.facts;
  const b: string[] = [];
  b.push(`<nav><a href="index.html">Index</a></nav>`);
  b.push(`<h1 id="top">Entity <code>${escapeXml(f.entity)}</code></h1>`);
  b.push(`<p class="note">Library <code>${escapeXml(f.library)}</code>, ${escapeXml(decodeURIComponent(f.declaration.file.split('/').pop() ?? ''))} line ${f.declaration.line}</p>`);
  if (f.comment) b.push(`<h2 id="docs">Documentation</h2>\n<div class="doc">${proseHtml(f.comment)}</div>`);
  b.push(`<h2 id="explanation">Explanation</h2>`);
  b.push(prose ? proseHtml(prose) : '<p class="note">No model explanation (facts only).</p>');
  b.push(`<h2 id="symbol">Block symbol</h2>\n${blockSymbolSvg(f.entity, f.generics, f.ports)}`);
  if (f.generics.length) {
    b.push(`<h2 id="generics">Generics</h2>\n<table><tr><th>Name</th><th>Type</th><th>Description</th></tr>`);
    for (const g of f.generics) b.push(`<tr><td><code>${escapeXml(g.name)}</code></td><td><code>${escapeXml(g.type)}</code></td><td>${escapeXml(g.comment)}</td></tr>`);
    b.push('</table>');
  }
  b.push(`<h2 id="ports">Ports</h2>`);
  if (f.ports.length) {
    b.push('<table><tr><th>Name</th><th>Direction</th><th>Type</th><th>Description</th></tr>');
    for (const p of f.ports) b.push(`<tr><td><code>${escapeXml(p.name)}</code></td><td>${escapeXml(p.mode ?? '')}</td><td><code>${escapeXml(p.type)}</code></td><td>${escapeXml(p.comment)}</td></tr>`);
    b.push('</table>');
  } else b.push('<p class="note">No ports.</p>');
  for (const a of f.architectures) {
    b.push(`<h2 id="arch-${anchor(a.architecture)}">Architecture <code>${escapeXml(a.architecture)}</code></h2>`);
    if (a.processes.length) {
      b.push('<h3>Processes</h3>\n<table><tr><th>Process</th><th>Line</th><th>Kind</th><th>Clock</th><th>Reset</th><th>Assigns</th></tr>');
      for (const p of a.processes) {
        b.push(`<tr><td><code>${escapeXml(p.label ?? '(unlabelled)')}</code></td><td>${p.line}</td><td>${p.kind}</td><td>${p.clock ? `${escapeXml(p.clock.signal)} (${p.clock.edge})` : ''}</td><td>${p.reset ? `${escapeXml(p.reset.signal)} (${p.reset.kind}, active ${escapeXml(p.reset.activeLevel)})` : ''}</td><td>${escapeXml(p.assigns.join(', '))}</td></tr>`);
      }
      b.push('</table>');
    }
    const through = instanceClockingText(a);
    if (through.length) b.push(`<p>${through.map(escapeXml).join('<br>')}</p>`);
    for (const m of a.fsms) {
      b.push(`<h3 id="fsm-${anchor(a.architecture)}-${anchor(m.signal)}">State machine <code>${escapeXml(m.signal)}</code></h3>`);
      b.push(`<p>${escapeXml(m.style)}, ${m.states.length} states, reset state <code>${escapeXml(m.resetState ?? 'none')}</code>${m.unreachable.length ? `; never entered: ${escapeXml(m.unreachable.join(', '))}` : ''}.</p>`);
      b.push(fsmSvg(m, `${a.architecture}-${m.signal}`));
      b.push('<table><tr><th>From</th><th>To</th><th>Condition</th><th>Line</th></tr>');
      for (const t of m.transitions) b.push(`<tr><td>${escapeXml(t.from === '*' ? 'any' : t.from)}</td><td>${escapeXml(t.to)}</td><td><code>${escapeXml(t.condition)}</code></td><td>${t.line}</td></tr>`);
      b.push('</table>');
    }
    if (a.instances.length) {
      b.push('<h3>Instantiated blocks</h3>\n<ul>');
      for (const i of a.instances) {
        const target = pageOf(f.library, i.entity);
        const name = escapeXml(i.entity ?? i.unit);
        b.push(`<li><code>${escapeXml(i.label)}</code>: ${target ? `<a href="${escapeXml(target.page)}">${name}</a>` : `${name} (not in the workspace)`}</li>`);
      }
      b.push('</ul>');
    }
    if (a.partial && a.notes.length) b.push(`<p class="note">${escapeXml(a.notes.join(' '))}</p>`);
  }
  if (f.instantiatedIn.length) {
    b.push('<h2 id="used-in">Instantiated in</h2>\n<ul>');
    for (const u of f.instantiatedIn) {
      const parent = pageOf(f.library, u.in.split(' of ').pop() ?? null);
      b.push(`<li><code>${escapeXml(u.label)}</code> in ${parent ? `<a href="${escapeXml(parent.page)}">${escapeXml(u.in)}</a>` : escapeXml(u.in)}</li>`);
    }
    b.push('</ul>');
  }
  return [{ path: e.page, content: html(`${f.entity}: design docs`, b.join('\n')) }];
}

function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function entityMd(e: Entry, prose: string | undefined, pageOf: PageOf): DocPage[] {
  const f = e.facts;
  const base = e.page.replace(/\.md$/, '');
  const pages: DocPage[] = [];
  const b: string[] = [`[Index](index.md)`, '', `# Entity ${mdEscape(f.entity)}`, ''];
  if (f.comment) b.push(...f.comment.split('\n').map((l) => `> ${mdEscape(l)}`), '');
  b.push('## Explanation', '', prose ? prose.replace(/</g, '&lt;') : '_No model explanation (facts only)._', '');
  pages.push({ path: `${base}.symbol.svg`, content: blockSymbolSvg(f.entity, f.generics, f.ports) });
  b.push('## Block symbol', '', `![Block symbol](${base}.symbol.svg)`, '');
  if (f.generics.length) {
    b.push('## Generics', '', '| Name | Type | Description |', '|---|---|---|');
    for (const g of f.generics) b.push(`| ${mdEscape(g.name)} | ${mdEscape(g.type)} | ${mdEscape(g.comment.replace(/\n/g, ' '))} |`);
    b.push('');
  }
  b.push('## Ports', '', '| Name | Direction | Type | Description |', '|---|---|---|---|');
  for (const p of f.ports) b.push(`| ${mdEscape(p.name)} | ${p.mode ?? ''} | ${mdEscape(p.type)} | ${mdEscape(p.comment.replace(/\n/g, ' '))} |`);
  b.push('');
  for (const a of f.architectures) {
    b.push(`## Architecture ${mdEscape(a.architecture)}`, '');
    for (const p of a.processes) b.push(`- process ${mdEscape(p.label ?? `at line ${p.line}`)}: ${p.kind}${p.clock ? `, clock ${mdEscape(p.clock.signal)} (${p.clock.edge})` : ''}${p.reset ? `, reset ${mdEscape(p.reset.signal)} (${p.reset.kind})` : ''}`);
    for (const t of instanceClockingText(a)) b.push(`- ${mdEscape(t)}`);
    b.push('');
    for (const m of a.fsms) {
      const svg = `${base}.${a.architecture}.${m.signal}.fsm.svg`.replace(/[^A-Za-z0-9_.-]/g, '_');
      pages.push({ path: svg, content: fsmSvg(m, `${a.architecture}-${m.signal}`) });
      b.push(`### State machine ${mdEscape(m.signal)}`, '', `![State diagram](${svg})`, '');
    }
    for (const i of a.instances) {
      const t = pageOf(f.library, i.entity);
      b.push(`- ${mdEscape(i.label)}: ${t ? `[${mdEscape(i.entity ?? i.unit)}](${t.page})` : mdEscape(i.unit)}`);
    }
    b.push('');
  }
  pages.push({ path: e.page, content: b.join('\n') });
  return pages;
}

function indexPage(ws: Workspace, entries: Entry[], pageOf: PageOf, format: 'html' | 'md'): DocPage {
  const children = (e: Entry) => e.facts.architectures.flatMap((a) => a.instances.map((i) => ({ label: i.label, entry: pageOf(e.unit.library, i.entity), name: i.entity ?? i.unit })));
  const roots = entries.filter((e) => e.facts.instantiatedIn.length === 0);
  const lines: string[] = [];
  const walk = (e: Entry, label: string | undefined, depth: number, seen: Set<Entry>) => {
    const name = format === 'html' ? `<a href="${escapeXml(e.page)}">${escapeXml(e.unit.name)}</a>` : `[${mdEscape(e.unit.name)}](${e.page})`;
    const text = label ? `${format === 'html' ? `<code>${escapeXml(label)}</code>` : mdEscape(label)}: ${name}` : name;
    lines.push(format === 'html' ? `<li>${text}` : `${'  '.repeat(depth)}- ${text}`);
    const kids = seen.has(e) || depth > 12 ? [] : children(e);
    if (kids.length && format === 'html') lines.push('<ul class="tree">');
    for (const k of kids) {
      if (k.entry) walk(k.entry, k.label, depth + 1, new Set([...seen, e]));
      else lines.push(format === 'html' ? `<li><code>${escapeXml(k.label)}</code>: ${escapeXml(k.name)} (not in the workspace)</li>` : `${'  '.repeat(depth + 1)}- ${mdEscape(k.label)}: ${mdEscape(k.name)} (not in the workspace)`);
    }
    if (kids.length && format === 'html') lines.push('</ul>');
    if (format === 'html') lines.push('</li>');
  };
  for (const r of roots) walk(r, undefined, 0, new Set());
  void ws;
  if (format === 'md') return { path: 'index.md', content: ['# Design hierarchy', '', ...lines, '', `${entries.length} entities.`, ''].join('\n') };
  const body = `<h1>Design hierarchy</h1>\n<ul class="tree">\n${lines.join('\n')}\n</ul>\n<p class="note">${entries.length} entities.</p>`;
  return { path: 'index.html', content: html('Design hierarchy', body) };
}

/** "clock clk (rising) of instances u_a, u_b": the clocks and resets an architecture's instances use, by the signals it connects. */
function instanceClockingText(a: ArchitectureFacts): string[] {
  const c = a.instanceClocking;
  return [
    ...c.clocks.map((k) => `clock ${k.signal} (${k.edge}) of ${k.instances.length > 1 ? 'instances' : 'instance'} ${k.instances.join(', ')}`),
    ...c.resets.map((r) => `reset ${r.signal} (${r.kind}, active ${r.activeLevel}) of ${r.instances.length > 1 ? 'instances' : 'instance'} ${r.instances.join(', ')}`),
  ];
}
