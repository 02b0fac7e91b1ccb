// Context-length guard: fits a prompt into the model's context by trimming the middle of a marked section.
import { LlmError } from './errors';
import type { ChatMessage } from './types';

/** Wrap the part of a message the engine may shorten (source code, facts) with these markers. */
export const CONTEXT_BEGIN = '<<<context>>>';
export const CONTEXT_END = '<<</context>>>';

export function markContext(text: string): string {
  return `${CONTEXT_BEGIN}${text}${CONTEXT_END}`;
}

/** The messages with the markers removed (what the model sees when nothing needs trimming). */
export function stripContextMarkers(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({ ...m, content: strip(m.content) }));
}

const strip = (t: string) => t.split(CONTEXT_BEGIN).join('').split(CONTEXT_END).join('');

interface Section {
  message: number;
  before: string;
  lines: string[];
  after: string;
}

function findSection(messages: ChatMessage[]): Section | undefined {
  for (let i = 0; i < messages.length; i++) {
    const c = messages[i].content;
    const b = c.indexOf(CONTEXT_BEGIN);
    const e = b < 0 ? -1 : c.indexOf(CONTEXT_END, b);
    if (e >= 0) {
      return { message: i, before: c.slice(0, b), lines: c.slice(b + CONTEXT_BEGIN.length, e).split('\n'), after: c.slice(e + CONTEXT_END.length) };
    }
  }
  return undefined;
}

/** The section with `drop` lines removed from its middle, and a line saying so. */
function trimmed(s: Section, drop: number): string {
  if (drop === 0) return s.lines.join('\n');
  const keep = s.lines.length - drop;
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return [...s.lines.slice(0, head), `[... ${drop} lines omitted ...]`, ...s.lines.slice(s.lines.length - tail)].join('\n');
}

/**
 * Returns messages (markers removed) whose token count fits `budget`, trimming lines from the middle
 * of the first marked section as needed (binary search on the number of lines).
 * @param count tokens of a message list as the model will see it
 */
export function fitToContext(messages: ChatMessage[], budget: number, count: (m: ChatMessage[]) => number): { messages: ChatMessage[]; trimmedLines: number; tokens: number } {
  const plain = stripContextMarkers(messages);
  const n0 = count(plain);
  if (n0 <= budget) return { messages: plain, trimmedLines: 0, tokens: n0 };
  const s = findSection(messages);
  const build = (drop: number) => {
    const out = stripContextMarkers(messages);
    out[s!.message] = { ...out[s!.message], content: strip(s!.before) + trimmed(s!, drop) + strip(s!.after) };
    return out;
  };
  const tooLong = (tokens: number) =>
    new LlmError('PROMPT_TOO_LONG', `The prompt needs ${tokens} tokens but only ${budget} fit the context (after reserving room for the answer).`,
      s ? 'Even with the marked context removed it does not fit: shorten the instructions or lower the maximum answer length.' :
        'Mark the long part with markContext() so it can be trimmed, shorten the prompt, or lower the maximum answer length.');
  if (!s) throw tooLong(n0);
  const all = build(s.lines.length);
  const nAll = count(all);
  if (nAll > budget) throw tooLong(nAll);
  let lo = 1;
  let hi = s.lines.length; // build(hi) fits
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (count(build(mid)) <= budget) hi = mid;
    else lo = mid + 1;
  }
  const out = build(hi);
  return { messages: out, trimmedLines: hi, tokens: count(out) };
}
