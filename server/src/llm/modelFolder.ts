// Reads a model folder in the Hugging Face ONNX layout: config, generation config, tokenizer, onnx file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LlmError, describe } from './errors';

export interface ModelConfig {
  vocabSize?: number;
  numLayers?: number;
  numHeads?: number;
  numKvHeads?: number;
  headDim?: number;
  maxPositions?: number;
  modelType?: string;
}

export interface GenerationDefaults {
  eosTokenIds: number[];
  bosTokenId?: number;
  padTokenId?: number;
  maxNewTokens?: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  doSample?: boolean;
}

export interface ModelFolder {
  dir: string;
  onnxPath: string;
  onnxFile: string;
  config: ModelConfig;
  generation: GenerationDefaults;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

/** Files tried, in order, when no file is named: int4 first (the shipped default), then the rest. */
export const DEFAULT_ONNX_FILES = ['model_q4.onnx', 'model_int4.onnx', 'model_quantized.onnx', 'model.onnx'];

function readJson(path: string, what: string, required: boolean): Record<string, unknown> | undefined {
  if (!existsSync(path)) {
    if (!required) return undefined;
    throw new LlmError('MODEL_FILE_MISSING', `The model folder has no ${what} (${path}).`,
      'A model folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/model*.onnx, as exported for transformers.js or onnxruntime-genai.');
  }
  try {
    const v = JSON.parse(readFileSync(path, 'utf8'));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new LlmError('MODEL_CORRUPT', `${what} is not valid JSON (${path}: ${describe(e)}).`,
      'Replace the file with the one from the model\'s original folder.', { cause: e });
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ids = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : typeof v === 'number' ? [v] : [];

/** Lists onnx/*.onnx (or *.onnx at the top level, as some exports put them). */
export function listOnnxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['onnx', '.']) {
    const d = join(dir, sub);
    if (!existsSync(d) || !statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).sort()) if (f.endsWith('.onnx')) out.push(sub === '.' ? f : `onnx/${f}`);
  }
  return out;
}

/**
 * @param file the .onnx file to use: a name inside onnx/ ('model_q4.onnx'), a path relative to the
 *   folder, or undefined for the first of DEFAULT_ONNX_FILES that exists.
 */
export function readModelFolder(dirIn: string, file?: string): ModelFolder {
  const dir = resolve(dirIn);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LlmError('MODEL_NOT_FOUND', `Model folder not found: ${dir}.`,
      'Set vhdlExplain.model.folder (or --model) to a folder that holds config.json, tokenizer.json and onnx/model*.onnx.');
  }
  const available = listOnnxFiles(dir);
  let onnxFile: string | undefined;
  if (file) {
    onnxFile = [join('onnx', file), file].find((f) => existsSync(join(dir, f)));
    if (!onnxFile) {
      throw new LlmError('MODEL_FILE_MISSING', `The model file ${file} is not in ${dir}/onnx.`,
        available.length ? `Available: ${available.join(', ')}; choose one with vhdlExplain.model.file (or --file).` :
          'The folder has no .onnx file at all: copy the exported model into its onnx/ folder.');
    }
  } else {
    onnxFile = DEFAULT_ONNX_FILES.map((f) => `onnx/${f}`).find((f) => available.includes(f)) ?? available[0];
    if (!onnxFile) {
      throw new LlmError('MODEL_FILE_MISSING', `The model folder ${dir} has no onnx/*.onnx file.`,
        'Copy the exported model (model_q4.onnx or model.onnx) into its onnx/ folder.');
    }
  }
  const c = readJson(join(dir, 'config.json'), 'config.json', true)!;
  const text = (c.text_config && typeof c.text_config === 'object' ? c.text_config : c) as Record<string, unknown>;
  const numHeads = num(text.num_attention_heads) ?? num(text.n_head);
  const hidden = num(text.hidden_size) ?? num(text.n_embd);
  const config: ModelConfig = {
    vocabSize: num(text.vocab_size),
    numLayers: num(text.num_hidden_layers) ?? num(text.n_layer),
    numHeads,
    numKvHeads: num(text.num_key_value_heads) ?? numHeads,
    headDim: num(text.head_dim) ?? (hidden && numHeads ? hidden / numHeads : undefined),
    maxPositions: num(text.max_position_embeddings) ?? num(text.n_positions),
    modelType: typeof c.model_type === 'string' ? c.model_type : undefined,
  };
  const g = readJson(join(dir, 'generation_config.json'), 'generation_config.json', false) ?? {};
  const eos = [...new Set([...ids(g.eos_token_id), ...ids(c.eos_token_id)])];
  const generation: GenerationDefaults = {
    eosTokenIds: eos,
    bosTokenId: num(g.bos_token_id) ?? num(c.bos_token_id),
    padTokenId: num(g.pad_token_id) ?? num(c.pad_token_id),
    maxNewTokens: num(g.max_new_tokens),
    temperature: g.do_sample === true ? num(g.temperature) : undefined,
    topK: g.do_sample === true ? num(g.top_k) : undefined,
    topP: g.do_sample === true ? num(g.top_p) : undefined,
    repetitionPenalty: num(g.repetition_penalty),
    doSample: g.do_sample === true,
  };
  const tokenizerJson = readJson(join(dir, 'tokenizer.json'), 'tokenizer.json', true)!;
  const tokenizerConfig = readJson(join(dir, 'tokenizer_config.json'), 'tokenizer_config.json', true)!;
  return { dir, onnxPath: join(dir, onnxFile), onnxFile, config, generation, tokenizerJson, tokenizerConfig };
}
