// Renders the small Markdown subset the server's explanations use into HTML for the explain panel.
// Every piece of text is escaped; the only markup produced is the fixed set of tags below, and
// links become source links (`line:N` or `line:N-M`) or plain text, never navigable URLs.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Inline markup: `code`, **bold**, *emphasis*, [label](line:N[-M]). Text outside them is escaped. */
export function renderInline(text: string): string {
  const out: string[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]*)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(escapeHtml(text.slice(last, m.index)));
    if (m[1] !== undefined) out.push(`<code>${escapeHtml(m[1])}</code>`);
    else if (m[2] !== undefined) out.push(`<strong>${escapeHtml(m[2])}</strong>`);
    else if (m[3] !== undefined) out.push(`<em>${escapeHtml(m[3])}</em>`);
    else {
      const line = /^line:(\d+)(?:-(\d+))?$/.exec(m[5]);
      out.push(
        line
          ? `<a href="#" class="src" data-line="${Number(line[1])}" data-end="${Number(line[2] ?? line[1])}">${escapeHtml(m[4])}</a>`
          : escapeHtml(m[4]),
      );
    }
    last = re.lastIndex;
  }
  out.push(escapeHtml(text.slice(last)));
  return out.join('');
}

function tableCells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

const isTableSeparator = (line: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line);

/** Block structure: headings, paragraphs, `>` quotes, `-`/`*`/`1.` lists, pipe tables, fenced code. */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) html.push(`<p>${paragraph.map(renderInline).join('<br>')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      html.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1].length + 1; // the panel title is the only h1
      html.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
      continue;
    }
    if (/^\s*>/.test(line)) {
      flush();
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]); i++) quoted.push(lines[i].replace(/^\s*>\s?/, ''));
      i--;
      html.push(`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      flush();
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]); i++) {
        items.push(`<li>${renderInline(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ''))}</li>`);
      }
      i--;
      html.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && isTableSeparator(lines[i + 1])) {
      flush();
      const head = tableCells(line).map((c) => `<th>${renderInline(c)}</th>`).join('');
      const rows: string[] = [];
      for (i += 2; i < lines.length && lines[i].includes('|') && lines[i].trim() !== ''; i++) {
        rows.push(`<tr>${tableCells(lines[i]).map((c) => `<td>${renderInline(c)}</td>`).join('')}</tr>`);
      }
      i--;
      html.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return html.join('\n');
}
