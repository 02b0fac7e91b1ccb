// The explain panel's Markdown renderer: the exact HTML for each construct, and hostile text
// (HTML, scripts, javascript: links) always comes out as inert text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../client/src/markdown';

const cases: [string, string, string][] = [
  ['heading and paragraph', '# debouncer\nDebounces a button.\nSecond line.', '<h2>debouncer</h2>\n<p>Debounces a button.<br>Second line.</p>'],
  ['list with code and bold', '- `clk`: **rising** edge\n- *async* reset', '<ul><li><code>clk</code>: <strong>rising</strong> edge</li><li><em>async</em> reset</li></ul>'],
  ['block quote', '> Debounces a button.\n> Second line.\n\nAfter.', '<blockquote><p>Debounces a button.<br>Second line.</p></blockquote>\n<p>After.</p>'],
  ['ordered list', '1. sync\n2. count', '<ol><li>sync</li><li>count</li></ol>'],
  [
    'table',
    '| Port | Dir |\n|---|---|\n| clk | in |\n| q | out |',
    '<table><thead><tr><th>Port</th><th>Dir</th></tr></thead><tbody><tr><td>clk</td><td>in</td></tr><tr><td>q</td><td>out</td></tr></tbody></table>',
  ],
  ['source links', 'See [p_main](line:26-43) and [x](line:5).', '<p>See <a href="#" class="src" data-line="26" data-end="43">p_main</a> and <a href="#" class="src" data-line="5" data-end="5">x</a>.</p>'],
  ['fenced code', '```vhdl\nq <= d when rising_edge(clk);\n```', '<pre><code>q &lt;= d when rising_edge(clk);</code></pre>'],
  ['a half-streamed table header stays a paragraph', '| Port | Dir |', '<p>| Port | Dir |</p>'],
];

for (const [name, md, html] of cases) {
  test(`markdown: ${name}`, () => assert.equal(renderMarkdown(md), html));
}

test('markdown: hostile text is escaped and links never navigate', () => {
  const html = renderMarkdown(
    '# <img src=x onerror=alert(1)>\n<script>alert(1)</script> & "q" \'s\n- [click](javascript:alert(1))\n`<b>`\n| <i>a</i> | b |\n|--|--|\n| <svg/onload=1> | x |',
  );
  assert.doesNotMatch(html, /<(img|script|svg|i|b)[\s>/]/i);
  assert.doesNotMatch(html, /javascript:/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;q&quot; &#39;s/);
  assert.match(html, /<li>click/); // the label only, never an anchor
});
