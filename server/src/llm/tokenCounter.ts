// Token counts for prompt budgets, from a model's own tokenizer.json and chat template, synchronously.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stripContextMarkers } from './contextGuard';
import { LlmError, describe } from './errors';
import { ChatTokenizer } from './tokenizer';
import type { ChatMessage } from './types';

/**
 * Counts tokens the way the engine will feed them to the model. Synchronous, so that a prompt
 * builder can bound its text without waiting for (or loading) an ONNX session.
 */
export interface TokenCounter {
  /** Tokens of `text` alone: special-token strings count as their one id, nothing is added. */
  count(text: string): number;
  /**
   * Tokens of a conversation as the model reads it: context markers removed, the chat template
   * applied, ending with the assistant's turn opener (what `generate` reports as `promptTokens`
   * when nothing had to be trimmed).
   */
  countChat(messages: ChatMessage[]): number;
  /** Where the counts come from, for status lines: `tokenizer.json of <folder>`. */
  readonly source: string;
}

/** A counter over a loaded tokenizer. */
export function tokenCounterOf(tokenizer: ChatTokenizer, source: string): TokenCounter {
  return {
    count: (text) => (text ? tokenizer.encode(text).length : 0),
    countChat: (messages) => tokenizer.encodeChat(stripContextMarkers(messages)).length,
    source,
  };
}

function readObject(path: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LlmError('MODEL_CORRUPT', `${what} cannot be read as JSON (${path}: ${describe(e)}).`,
      'Replace it with the file exported with the model (or by the recipe\'s tokenizer.py).', { cause: e });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new LlmError('MODEL_CORRUPT', `${what} is not a JSON object (${path}).`, 'Replace it with the file exported with the model.');
  }
  return v as Record<string, unknown>;
}

/**
 * The counter of a `tokenizer.json`; the chat template, BOS and EOS come from `tokenizer_config.json`
 * beside it when there is one (without it, chats render as `role: content` lines, as the engine
 * does for a model without a template). Throws `LlmError` (`MODEL_FILE_MISSING`, `MODEL_CORRUPT`).
 * For the recipe (make_pairs.ts `--tokenizer`), so that training prompts are trimmed as at run time.
 */
export function tokenCounterFromFile(tokenizerJsonPath: string): TokenCounter {
  if (!existsSync(tokenizerJsonPath)) {
    throw new LlmError('MODEL_FILE_MISSING', `There is no tokenizer file at ${tokenizerJsonPath}.`,
      'Give the path of a tokenizer.json (a model folder\'s, or the one the recipe\'s tokenizer.py wrote).');
  }
  const dir = dirname(tokenizerJsonPath);
  const configPath = join(dir, 'tokenizer_config.json');
  const config = existsSync(configPath) ? readObject(configPath, 'tokenizer_config.json') : {};
  const tokenizer = new ChatTokenizer(readObject(tokenizerJsonPath, 'tokenizer.json'), config, dir);
  return tokenCounterOf(tokenizer, `tokenizer.json of ${dir}`);
}

/** Sizes and modification times of a folder's tokenizer files ('' when tokenizer.json is missing). */
export function tokenizerFingerprint(dir: string): string {
  const parts: string[] = [];
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) {
    try {
      const s = statSync(join(dir, f));
      parts.push(`${s.size}:${Math.round(s.mtimeMs)}`);
    } catch {
      if (f === 'tokenizer.json') return '';
      parts.push('-');
    }
  }
  return parts.join('/');
}
