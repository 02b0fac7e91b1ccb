// Offset <-> line/column conversion (0-based, columns in UTF-16 code units as LSP expects).
import type { TextEdit } from './incremental';

export interface LineColumn {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line; lines end at \n, \r\n or a lone \r. */
  readonly lineStarts: Int32Array;

  /** The index of `text`; with `lineStarts`, an index already computed for it (see `afterEdit`). */
  constructor(readonly text: string, lineStarts?: Int32Array) {
    this.lineStarts = lineStarts ?? scanLineStarts(text);
  }

  /**
   * The index of `text`, which is `previous.text` with `edit` applied: the previous line starts
   * before the edit kept, those after it shifted, and only the edited span scanned. Whether an
   * offset p starts a line depends only on the characters at p - 1 and p, so the starts that can
   * change are those in [edit.start, edit.start + edit.text.length] (new offsets).
   */
  static afterEdit(previous: LineIndex, text: string, edit: TextEdit): LineIndex {
    const old = previous.lineStarts;
    const newEnd = edit.start + edit.text.length;
    const delta = newEnd - edit.end;
    // Old starts p <= edit.start - 1 are kept (line 0 always is).
    const keep = Math.max(1, upperBound(old, edit.start - 1));
    // Old starts p > edit.end are shifted.
    const tail = upperBound(old, edit.end);
    const mid: number[] = [];
    for (let i = Math.max(edit.start, 1) - 1; i < newEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) mid.push(i + 1);
    }
    const out = new Int32Array(keep + mid.length + old.length - tail);
    out.set(old.subarray(0, keep));
    for (let k = 0; k < mid.length; k++) out[keep + k] = mid[k];
    for (let j = tail, k = keep + mid.length; j < old.length; j++, k++) out[k] = old[j] + delta;
    return new LineIndex(text, out);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  offsetAt(pos: LineColumn): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }
}

function scanLineStarts(text: string): Int32Array {
  const starts: number[] = [0];
  // indexOf is several times faster than a character loop; only text with a \r needs the loop.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** The number of elements of the ascending array `a` that are <= x. */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
