// The compact ("green") tree the parser builds: typed arrays of tokens and nodes, no objects.
// SyntaxNode/SyntaxToken objects (tree.ts) are made from it on demand, child list by child list.
import type { NodeKind } from './nodeKind';
import type { TokenKind } from './tokenKind';

/**
 * Tokens are indexed 0..tokenCount-1 (the last one, Eof, is empty and outside every node); token t
 * spans [tokenStarts[t], tokenStarts[t + 1]). Nodes are stored in postorder: node j covers the
 * tokens [nodeTokenStart[j], nodeTokenEnd[j]) and its descendants are exactly the nodes
 * [nodeFirstDescendant[j], j). A node's direct tokens are those of its range outside its child nodes.
 */
export class GreenTree {
  constructor(
    readonly text: string,
    readonly tokenKinds: Uint8Array,
    readonly tokenStarts: Int32Array,
    readonly tokenCount: number,
    readonly nodeKinds: Uint8Array,
    readonly nodeTokenStart: Int32Array,
    readonly nodeTokenEnd: Int32Array,
    readonly nodeFirstDescendant: Int32Array,
    readonly nodeCount: number,
  ) {}

  kindOfNode(j: number): NodeKind {
    return this.nodeKinds[j];
  }
  kindOfToken(t: number): TokenKind {
    return this.tokenKinds[t];
  }
  /** Direct child nodes of node j, in source order. */
  childNodeIndices(j: number): number[] {
    const out: number[] = [];
    const lo = this.nodeFirstDescendant[j];
    for (let c = j - 1; c >= lo; c = this.nodeFirstDescendant[c] - 1) out.push(c);
    return out.reverse();
  }
}
