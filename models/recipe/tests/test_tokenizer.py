"""Byte-level BPE: lossless round trip, special tokens, and the saved Hugging Face file reloads identically."""
import json
import os

from tokenizer import SPECIALS, Tokenizer

SAMPLES = ['entity foo_bar is\n  port (clk_i : in std_logic);\nend entity;\n', 'Ünïcödé ✓ 😀 tabs\tand  spaces   \n\n',
           '<|im_start|>user\nExplain `cnt`.<|im_end|>\n<|im_start|>assistant\n', '', '   leading', 'x' * 300]


def test_round_trip_and_specials(tiny):
    tok = Tokenizer.load(tiny['tok'])
    for s in SAMPLES:
        assert tok.decode(tok.encode(s)) == s
    ids = tok.encode('<|im_start|>user<|im_end|>')
    assert ids[0] == tok.special['<|im_start|>'] and ids[-1] == tok.special['<|im_end|>']
    assert tok.vocab_size == 512


def test_saved_files(tiny):
    hf = json.load(open(os.path.join(tiny['tok'], 'tokenizer.json')))
    assert [t['content'] for t in hf['added_tokens']] == SPECIALS
    assert len(hf['model']['vocab']) + len(SPECIALS) == 512
    cfg = json.load(open(os.path.join(tiny['tok'], 'tokenizer_config.json')))
    assert '<|im_start|>' in cfg['chat_template'] and cfg['eos_token'] == '<|im_end|>'


def test_merges_compress_vhdl(tiny):
    tok = Tokenizer.load(tiny['tok'])
    text = open(os.path.join(os.path.dirname(__file__), '..', 'data', 'synth.py')).read()[:2000]
    assert len(tok.encode(text)) < len(text.encode()) / 1.5
