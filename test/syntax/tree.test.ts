// The tree API other layers build on: navigation, names, positions (found by text, never by counted offsets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXPRESSION_KINDS, LineIndex, NodeKind as N, SyntaxNode, SyntaxToken, TokenKind as T, emptyNode,
  identifierText, nameOf, nodeAt, parse, previousToken, tokenAt, treeText,
} from '../../server/src/syntax/index';

const source = `library ieee;
use ieee.std_logic_1164.all;
entity Blinky is
  port (clk_i : in std_logic; \\Led Out\\ : out std_logic);
end entity blinky;
architecture rtl of blinky is
  signal count, next_count : integer range 0 to 9 := 0;
begin
  tick : process (clk_i)
  begin
    if rising_edge(clk_i) then
      count <= next_count;
    end if;
  end process tick;
end architecture;
`;

/** Offset of the n-th occurrence of `needle` (plus `delta`). */
function at(needle: string, delta = 0, n = 1): number {
  let i = -1;
  for (let k = 0; k < n; k++) i = source.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + delta;
}

const { root, diagnostics } = parse(source);

test('parses cleanly and losslessly', () => {
  assert.deepEqual(diagnostics, []);
  assert.equal(treeText(root), source);
  assert.equal(root.kind, N.DesignFile);
});

test('children are built once, with parent pointers and ordered ranges', () => {
  for (const n of root.descendants()) {
    assert.equal(n.children, n.children, 'stable identity');
    let pos = n.start;
    for (const c of n.children) {
      assert.equal(c.parent, n);
      assert.ok(c.start >= pos && c.end >= c.start, `${N[n.kind]} child order`);
      pos = c.end;
    }
    if (n.children.length > 0) assert.equal(pos, n.end);
  }
});

test('tokenAt finds the token under a position, preferLeft the one just before', () => {
  const tok = tokenAt(root, at('clk_i', 2))!;
  assert.equal(tok.kind, T.Identifier);
  assert.equal(tok.text, 'clk_i');
  assert.equal(tokenAt(root, at('clk_i', 5))!.kind, T.Whitespace);
  assert.equal(tokenAt(root, at('clk_i', 5), true)!.text, 'clk_i');
  assert.equal(tokenAt(root, source.length)!.end, source.length);
  assert.equal(previousToken(tok)!.kind, T.LParen);
});

test('nodeAt and ancestors', () => {
  const n = nodeAt(root, at('next_count;', 1));
  assert.equal(n.kind, N.SimpleName);
  assert.equal(n.ancestor(N.ProcessStatement)!.kind, N.ProcessStatement);
  assert.equal(n.ancestor(N.SimpleSignalAssignment)!.child(N.Target)!.text, 'count');
});

test('names are normalized: basic identifiers lower-cased, extended identifiers verbatim', () => {
  const entity = root.descendants(N.EntityDeclaration).next().value as SyntaxNode;
  assert.equal(nameOf(entity), 'blinky');
  assert.equal(nameOf(entity.child(N.EndClause)), 'blinky');
  const ports = [...entity.descendants(N.InterfaceSignalDeclaration)];
  assert.deepEqual(ports.map(nameOf), ['clk_i', '\\Led Out\\']);
  assert.equal(ports[0].child(N.Mode)!.childTokens()[0].kind, T.InKw);
  const ext = ports[1].child(N.IdentifierList)!.child(N.DefiningName)!.token(T.ExtendedIdentifier)!;
  assert.equal(identifierText(ext), '\\Led Out\\');
});

test('declarations and statements have the documented shape', () => {
  const sig = root.descendants(N.SignalDeclaration).next().value as SyntaxNode;
  assert.deepEqual(sig.child(N.IdentifierList)!.childNodes(N.DefiningName).map(nameOf), ['count', 'next_count']);
  const st = sig.child(N.SubtypeIndication)!;
  assert.equal(st.child(N.TypeMark)!.text, 'integer');
  assert.equal(st.child(N.RangeConstraint)!.child(N.Range)!.text, '0 to 9');
  assert.equal(sig.childNodes(...EXPRESSION_KINDS).at(-1)!.text, '0');
  const proc = root.descendants(N.ProcessStatement).next().value as SyntaxNode;
  assert.equal(nameOf(proc.child(N.Label)), 'tick');
  assert.deepEqual(proc.child(N.SensitivityList)!.childNodes(N.SimpleName).map(nameOf), ['clk_i']);
  const call = proc.descendants(N.CallOrIndexName).next().value as SyntaxNode;
  assert.equal(nameOf(call.child(N.SimpleName)), 'rising_edge');
  assert.equal(call.child(N.AssociationList)!.childNodes(N.AssociationElement).length, 1);
});

test('node text and tokens', () => {
  const use = root.descendants(N.UseClause).next().value as SyntaxNode;
  assert.equal(use.text, 'use ieee.std_logic_1164.all;');
  assert.deepEqual(use.childTokens().map((t) => t.text), ['use', ';']);
  assert.ok([...use.tokens()].every((t) => t instanceof SyntaxToken));
  assert.equal(use.firstToken()!.kind, T.UseKw);
});

test('LineIndex converts both ways, with LF and CRLF', () => {
  const idx = new LineIndex(source);
  const p = idx.positionAt(at('tick :'));
  assert.deepEqual(p, { line: 8, character: 2 });
  assert.equal(idx.offsetAt(p), at('tick :'));
  const crlf = new LineIndex('a\r\nbb\r\nc');
  assert.deepEqual(crlf.positionAt(4), { line: 1, character: 1 });
  assert.equal(crlf.offsetAt({ line: 2, character: 0 }), 7);
  assert.equal(crlf.lineCount, 3);
});

test('emptyNode makes a placeholder root', () => {
  const e = emptyNode(N.DesignFile);
  assert.equal(e.kind, N.DesignFile);
  assert.deepEqual(e.children, []);
  assert.equal(new SyntaxNode(N.DesignFile, [], 0, 0).children.length, 0);
});
