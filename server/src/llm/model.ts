// A loaded local model: folder files, tokenizer and ONNX session, checked against each other once.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LlmError } from './errors';
import { readModelFolder, type ModelFolder } from './modelFolder';
import { tokenPieces } from './nameConstraint';
import { OnnxDecoder, type SessionOptions } from './onnxDecoder';
import { ChatTokenizer } from './tokenizer';

export interface LoadOptions extends SessionOptions {
  /** .onnx file inside onnx/ (default: model_q4.onnx if present, else model.onnx, ...). */
  file?: string;
  /** Overrides config.json's max_position_embeddings (a smaller context is faster and uses less memory). */
  contextLength?: number;
  /**
   * Prompt tokens per prefill pass (default 64): bounds the [tokens, vocab] logits and attention
   * buffers and how long one ONNX Runtime run holds the event loop (the hover budget's timer, a
   * higher-priority request and incoming JSON-RPC wait at most one pass).
   */
  prefillChunk?: number;
}

export interface LoadedModel {
  folder: ModelFolder;
  tokenizer: ChatTokenizer;
  decoder: OnnxDecoder;
  contextLength: number;
  prefillChunk: number;
  eosIds: Set<number>;
  /** The text each token id adds after other text (nameConstraint.ts's `tokenPieces`). */
  tokenPieces: string[];
  loadMs: number;
  /** 'folder/onnx/file', the model part of backend ids. */
  id: string;
  /** Sizes and modification times of the model's files: a replaced model never hits old cache entries. */
  fingerprint: string;
}

function fingerprintOf(paths: string[]): string {
  return paths.map((p) => {
    try {
      const s = statSync(p);
      return `${s.size}:${Math.round(s.mtimeMs)}`;
    } catch {
      return '-';
    }
  }).join('/');
}

export async function loadModel(dir: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const t0 = performance.now();
  const folder = readModelFolder(dir, opts.file);
  const tokenizer = new ChatTokenizer(folder.tokenizerJson, folder.tokenizerConfig, folder.dir);
  const decoder = await OnnxDecoder.load(folder.onnxPath, folder.config, opts);
  const modelVocab = decoder.vocab ?? folder.config.vocabSize;
  if (modelVocab !== undefined && tokenizer.vocabSize > modelVocab) {
    await decoder.release();
    throw new LlmError('TOKENIZER_MISMATCH',
      `The tokenizer in ${folder.dir} has ids up to ${tokenizer.vocabSize - 1} but the model has only ${modelVocab} logits.`,
      'tokenizer.json belongs to a different model: use the tokenizer files exported with this .onnx file.');
  }
  const eosIds = new Set(folder.generation.eosTokenIds);
  if (tokenizer.eosToken !== undefined) {
    const id = tokenizer.tokenId(tokenizer.eosToken);
    if (id !== undefined) eosIds.add(id);
  }
  if (eosIds.size === 0) {
    await decoder.release();
    throw new LlmError('MODEL_CORRUPT', `Neither generation_config.json nor tokenizer_config.json in ${folder.dir} names an end-of-sequence token.`,
      'Add "eos_token_id" to generation_config.json.');
  }
  for (const id of eosIds) {
    if (modelVocab !== undefined && id >= modelVocab) {
      await decoder.release();
      throw new LlmError('TOKENIZER_MISMATCH', `The end-of-sequence id ${id} is outside the model's ${modelVocab} logits.`,
        'generation_config.json belongs to a different model.');
    }
  }
  const contextLength = opts.contextLength ?? folder.config.maxPositions ?? 2048;
  const prefillChunk = Math.max(1, opts.prefillChunk ?? 64);
  const fingerprint = fingerprintOf([folder.onnxPath, ...['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'].map((f) => join(folder.dir, f))]);
  // Made here, off any request's clock (~35 ms for 8k tokens), for name-constrained decoding.
  const pieces = tokenPieces(tokenizer.vocabSize, (ids) => tokenizer.decode(ids), tokenizer.encode('a')[0] ?? 0);
  return { folder, tokenizer, decoder, contextLength, prefillChunk, eosIds, tokenPieces: pieces, loadMs: performance.now() - t0, id: `${folder.dir}/${folder.onnxFile}`, fingerprint };
}
