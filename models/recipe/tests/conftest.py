"""Shared fixtures: a small corpus, tokenizer and token shards built once per test session."""
import os
import sys

import pytest

RECIPE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [RECIPE, os.path.join(RECIPE, 'data')]


class A:
    def __init__(self, **kw):
        self.__dict__.update(kw)


@pytest.fixture(scope='session')
def tiny(tmp_path_factory):
    """{data, tok}: 40 synthetic designs + gold training designs, a 512-token BPE, shards."""
    import prepare
    from tokenizer import Tokenizer, train_bpe
    d = tmp_path_factory.mktemp('recipe')
    data, tok = str(d / 'data'), str(d / 'tok')
    prepare.cmd_designs(A(out=data, n_synth=40, n_val=8, seed=5))
    prepare.cmd_pairs(A(data=data))
    docs = prepare.pretrain_documents(data, 'train')[-200:]      # skip most library sources: fast
    Tokenizer(train_bpe(docs, 512, log=lambda *_: None)).save(tok)
    prepare.cmd_shards(A(data=data, tok=tok, max_len=256, real_repeat=2, gold_repeat=1))
    return {'data': data, 'tok': tok, 'dir': str(d)}


@pytest.fixture
def cfg():
    from model import load_config
    c = load_config('tiny')
    c.SEQ, c.SFT_SEQ, c.BATCH, c.CKPT_EVERY, c.EVAL_EVERY, c.EVAL_BATCHES, c.WARMUP = 32, 256, 2, 2, 100, 1, 2
    c.THREADS = 1
    return c
