// The model's tokenizer (@huggingface/tokenizers) and chat template (@huggingface/jinja), plus streaming decode.
import { Tokenizer } from '@huggingface/tokenizers';
import { Template } from '@huggingface/jinja';
import { LlmError, describe } from './errors';
import type { ChatMessage } from './types';

function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string') {
    return (v as { content: string }).content;
  }
  return undefined;
}

export class ChatTokenizer {
  private readonly tok: Tokenizer;
  private readonly template: Template | undefined;
  readonly bosToken: string | undefined;
  readonly eosToken: string | undefined;
  /** One more than the largest id the tokenizer can produce. */
  readonly vocabSize: number;

  constructor(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, where: string) {
    try {
      this.tok = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new LlmError('MODEL_CORRUPT', `tokenizer.json in ${where} cannot be loaded (${describe(e)}).`,
        'Replace tokenizer.json and tokenizer_config.json with the ones exported with the model.', { cause: e });
    }
    let max = -1;
    for (const id of this.tok.get_vocab(true).values()) if (id > max) max = id;
    this.vocabSize = max + 1;
    this.bosToken = tokenText(tokenizerConfig.bos_token);
    this.eosToken = tokenText(tokenizerConfig.eos_token);
    let src = tokenizerConfig.chat_template;
    if (Array.isArray(src)) {
      // [{ name: 'default', template }, { name: 'tool_use', ... }]
      const named = src as { name?: string; template?: string }[];
      src = (named.find((t) => t.name === 'default') ?? named[0])?.template;
    }
    if (typeof src === 'string') {
      try {
        this.template = new Template(src);
      } catch (e) {
        throw new LlmError('MODEL_CORRUPT', `The chat_template in ${where}/tokenizer_config.json does not parse (${describe(e)}).`,
          'Fix or replace tokenizer_config.json.', { cause: e });
      }
    }
  }

  /** Text to ids; special-token strings in the text become their ids; no BOS/EOS is added. */
  encode(text: string): number[] {
    return this.tok.encode(text, { add_special_tokens: false }).ids;
  }

  /** Ids to text, special tokens left out. */
  decode(ids: number[]): string {
    if (ids.length === 0) return '';
    return this.tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false });
  }

  tokenId(token: string): number | undefined {
    return this.tok.token_to_id(token);
  }

  /**
   * The prompt text for `messages`, ending with the assistant's turn opener. The template decides
   * about BOS (most templates write `{{ bos_token }}` themselves), so encode() adds nothing.
   */
  renderChat(messages: ChatMessage[]): string {
    if (!this.template) {
      // No template: plain "role: content" lines, the way base models are usually prompted.
      return (this.bosToken ?? '') + messages.map((m) => `${m.role}: ${m.content}\n`).join('') + 'assistant: ';
    }
    const render = (msgs: ChatMessage[]) => this.template!.render({
      messages: msgs,
      add_generation_prompt: true,
      bos_token: this.bosToken ?? '',
      eos_token: this.eosToken ?? '',
    });
    try {
      return render(messages);
    } catch (e) {
      // Some templates (Gemma, early Mistral) refuse a system role: fold it into the first user turn.
      const sys = messages.filter((m) => m.role === 'system');
      const rest = messages.filter((m) => m.role !== 'system');
      if (sys.length && rest[0]?.role === 'user') {
        try {
          return render([{ role: 'user', content: `${sys.map((m) => m.content).join('\n\n')}\n\n${rest[0].content}` }, ...rest.slice(1)]);
        } catch {
          // report the first failure
        }
      }
      throw new LlmError('INVALID_REQUEST', `The model's chat template rejected the messages: ${describe(e)}.`,
        'Check the roles and their order (many templates want user and assistant turns to alternate).', { cause: e });
    }
  }

  encodeChat(messages: ChatMessage[]): number[] {
    return this.encode(this.renderChat(messages));
  }

  streamDecoder(): StreamDecoder {
    return new StreamDecoder((ids) => this.decode(ids));
  }
}

/**
 * Turns a growing list of token ids into text deltas that are always whole characters.
 *
 * A byte-level BPE token can end in the middle of a UTF-8 sequence; decoding then gives U+FFFD at
 * the end. So text is released only when the decode of the pending tokens does not end in U+FFFD,
 * and it is released as the difference against the decode of the same window without the newest
 * tokens (the window starts one token back, so decoders that strip a leading space see context).
 */
export class StreamDecoder {
  private readonly ids: number[] = [];
  private prefixOffset = 0;
  private readOffset = 0;

  constructor(private readonly decode: (ids: number[]) => string) {}

  push(id: number): string {
    this.ids.push(id);
    const prefix = this.decode(this.ids.slice(this.prefixOffset, this.readOffset));
    const full = this.decode(this.ids.slice(this.prefixOffset));
    if (full.length > prefix.length && !full.endsWith('\uFFFD') && full.startsWith(prefix)) {
      this.prefixOffset = this.readOffset;
      this.readOffset = this.ids.length;
      return full.slice(prefix.length);
    }
    return '';
  }

  /** Whatever is still held back (an unfinished character at the end becomes U+FFFD). */
  flush(): string {
    const prefix = this.decode(this.ids.slice(this.prefixOffset, this.readOffset));
    const full = this.decode(this.ids.slice(this.prefixOffset));
    this.prefixOffset = this.readOffset = this.ids.length;
    return full.startsWith(prefix) ? full.slice(prefix.length) : '';
  }
}
