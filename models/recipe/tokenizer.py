"""Byte-level BPE: trainer, encoder/decoder, and export to Hugging Face tokenizer.json.

    python3 tokenizer.py --data runs/data --out runs/tok --vocab 8192

Training counts pre-tokenised words once (VHDL repeats the same words endlessly), then merges the
most frequent adjacent pair, updating only the words that contain it. The pre-tokeniser regex uses
only ASCII classes so that Python's `re` and the JavaScript port in @huggingface/tokenizers split
text identically (\\s and \\p{L} differ between engines).
"""
import argparse
import collections
import json
import os
import re
import sys
import time

SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>']
WS = r' \t\r\n\f\v'
PAT = rf" ?[A-Za-z_]+| ?[0-9]+| ?[^{WS}A-Za-z_0-9]+|[{WS}]+(?![^{WS}])|[{WS}]+"
CHAT_TEMPLATE = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
                 "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters (what ByteLevel uses)."""
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


B2U = bytes_to_unicode()
U2B = {u: b for b, u in B2U.items()}
SPLIT = re.compile(PAT)
SPECIAL_RE = re.compile('(' + '|'.join(re.escape(s) for s in SPECIALS) + ')')


def pretokenize(text):
    """Words as byte-level strings (each byte mapped through B2U)."""
    return [''.join(B2U[b] for b in w.encode('utf-8')) for w in SPLIT.findall(text)]


def train_bpe(texts, vocab_size, log=print):
    """Learn merges until the vocabulary (256 bytes + merges + specials) reaches vocab_size."""
    t0 = time.time()
    counts = collections.Counter()
    for t in texts:
        counts.update(pretokenize(t))
    words = [list(w) for w in counts]            # symbol sequences
    freq = list(counts.values())
    pairs = collections.Counter()
    where = collections.defaultdict(set)          # pair -> indices of words containing it
    for i, w in enumerate(words):
        for p in zip(w, w[1:]):
            pairs[p] += freq[i]
            where[p].add(i)
    log(f'tokenizer: {sum(freq):,} words, {len(words):,} distinct, counted in {time.time() - t0:.1f}s')
    merges = []
    n_merges = vocab_size - 256 - len(SPECIALS)
    while len(merges) < n_merges and pairs:
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))[0]   # ties broken by the pair itself: deterministic
        if pairs[best] < 2:
            break
        merges.append(best)
        a, b = best
        new = a + b
        for i in list(where[best]):
            w, f = words[i], freq[i]
            for p in zip(w, w[1:]):              # remove this word's old pairs
                pairs[p] -= f
                if pairs[p] <= 0:
                    del pairs[p]
            j, out = 0, []
            while j < len(w):
                if j < len(w) - 1 and w[j] == a and w[j + 1] == b:
                    out.append(new)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            words[i] = out
            for p in zip(out, out[1:]):          # add its new pairs
                pairs[p] += f
                where[p].add(i)
        del where[best]
        pairs.pop(best, None)
    log(f'tokenizer: {len(merges)} merges in {time.time() - t0:.1f}s')
    return merges


class Tokenizer:
    def __init__(self, merges):
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        vocab = [B2U[b] for b in range(256)] + [a + b for a, b in self.merges]
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.special = {s: len(vocab) + i for i, s in enumerate(SPECIALS)}
        self.id_to_token = vocab + SPECIALS
        self.cache = {}

    @property
    def vocab_size(self):
        return len(self.id_to_token)

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        syms = list(word)
        while len(syms) > 1:
            ranked = [(self.ranks.get(p, 1 << 30), k) for k, p in enumerate(zip(syms, syms[1:]))]
            r, k = min(ranked)
            if r == 1 << 30:
                break
            a, b = self.merges[r]
            out, j = [], 0
            while j < len(syms):
                if j < len(syms) - 1 and syms[j] == a and syms[j + 1] == b:
                    out.append(a + b)
                    j += 2
                else:
                    out.append(syms[j])
                    j += 1
            syms = out
        ids = [self.vocab[s] for s in syms]
        if len(self.cache) < 500_000:
            self.cache[word] = ids
        return ids

    def encode(self, text):
        ids = []
        for part in SPECIAL_RE.split(text):
            if part in self.special:
                ids.append(self.special[part])
            elif part:
                for w in pretokenize(part):
                    ids.extend(self.bpe(w))
        return ids

    def decode(self, ids):
        out, buf = [], bytearray()
        for i in ids:
            t = self.id_to_token[i]
            if t in self.special:
                out.append(buf.decode('utf-8', errors='replace'))
                buf = bytearray()
                out.append(t)
            else:
                buf.extend(U2B[c] for c in t)
        out.append(buf.decode('utf-8', errors='replace'))
        return ''.join(out)

    # -- Hugging Face format ----------------------------------------------------------------
    def save(self, out_dir):
        os.makedirs(out_dir, exist_ok=True)
        hf = {
            'version': '1.0', 'truncation': None, 'padding': None,
            'added_tokens': [{'id': i, 'content': s, 'single_word': False, 'lstrip': False, 'rstrip': False,
                              'normalized': False, 'special': True} for s, i in self.special.items()],
            'normalizer': None,
            'pre_tokenizer': {'type': 'Sequence', 'pretokenizers': [
                {'type': 'Split', 'pattern': {'Regex': PAT}, 'behavior': 'Isolated', 'invert': False},
                {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': False}]},
            'post_processor': None,
            'decoder': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': False},
            'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': None,
                      'end_of_word_suffix': None, 'fuse_unk': False, 'byte_fallback': False, 'ignore_merges': False,
                      'vocab': {t: i for i, t in enumerate(self.id_to_token[:len(self.vocab)])},
                      'merges': [[a, b] for a, b in self.merges]},
        }
        write_json(os.path.join(out_dir, 'tokenizer.json'), hf)
        write_json(os.path.join(out_dir, 'tokenizer_config.json'), {
            'tokenizer_class': 'PreTrainedTokenizerFast', 'bos_token': None, 'eos_token': '<|im_end|>',
            'pad_token': '<|endoftext|>', 'unk_token': None, 'model_max_length': 2048,
            'add_bos_token': False, 'add_eos_token': False, 'clean_up_tokenization_spaces': False,
            'added_tokens_decoder': {str(i): {'content': s, 'special': True, 'lstrip': False, 'rstrip': False,
                                              'normalized': False, 'single_word': False} for s, i in self.special.items()},
            'chat_template': CHAT_TEMPLATE})

    @classmethod
    def load(cls, path):
        f = path if path.endswith('.json') else os.path.join(path, 'tokenizer.json')
        with open(f) as fh:
            hf = json.load(fh)
        tok = cls([tuple(m) if isinstance(m, list) else tuple(m.split(' ')) for m in hf['model']['merges']])
        for t in hf['added_tokens']:
            assert tok.special.get(t['content']) == t['id'], 'special token ids differ from this trainer\'s layout'
        return tok


def write_json(path, obj):
    with open(path + '.tmp', 'w') as f:
        json.dump(obj, f, ensure_ascii=False, indent=1 if not path.endswith('tokenizer.json') else None)
    os.replace(path + '.tmp', path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default='runs/data', help='folder with designs.jsonl (prepare.py designs)')
    ap.add_argument('--out', default='runs/tok')
    ap.add_argument('--vocab', type=int, default=8192)
    a = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from prepare import pretrain_documents
    docs = pretrain_documents(a.data, 'train')
    print(f'tokenizer: training on {len(docs)} documents, {sum(map(len, docs)) / 1e6:.1f} MB')
    tok = Tokenizer(train_bpe(docs, a.vocab))
    tok.save(a.out)
    sample = '\n'.join(docs[-4:])
    n = len(tok.encode(sample))
    print(f'tokenizer: vocab {tok.vocab_size}, {len(sample) / n:.2f} characters per token on a sample; saved to {a.out}')


if __name__ == '__main__':
    main()
