// Shared helpers for the engine tests: the tiny test model folder and its Python reference outputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY = join(import.meta.dirname, '..', '..', 'models', 'test-tiny');

export interface GreedyRef {
  messages: { role: 'user'; content: string }[];
  prompt_ids: number[];
  output_ids: number[];
  text: string;
  finish_reason: 'stop' | 'length';
}

export interface VariantRef {
  batch: { prompts: string[]; input_ids: number[][]; attention_mask: number[][]; position_ids: number[][]; logits: number[][][] };
  decode: { input_ids: number[][]; attention_mask: number[][]; position_ids: number[][]; logits: number[][] }[];
  greedy: GreedyRef[];
}

export interface Reference {
  fp32: VariantRef;
  q4: VariantRef;
  tokenizer: { texts: string[]; ids: number[][] };
}

let cached: Reference | undefined;
export function reference(): Reference {
  return (cached ??= JSON.parse(readFileSync(join(TINY, 'reference.json'), 'utf8')) as Reference);
}

/** Largest absolute difference between `got` and `want`. */
export function maxAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Infinity;
  let m = 0;
  for (let i = 0; i < got.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
  return m;
}

/** A scanner over an answer's text (the engine's name and claim constraints). */
export interface Scanner<S> {
  advance(state: S, piece: string): S | undefined;
}

/** Where `text` first breaks `scanner`'s rule when written in pieces of `size` characters from `start` (-1: it never does). */
export function breaksAt<S>(scanner: Scanner<S>, start: S, text: string, size = 1): number {
  let s: S | undefined = start;
  for (let at = 0; at < text.length; at += size) {
    s = scanner.advance(s, text.slice(at, at + size));
    if (!s) return at;
  }
  return -1;
}
