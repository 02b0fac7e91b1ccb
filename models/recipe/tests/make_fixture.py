"""Writes what test/recipe/recipe.test.ts checks in Node: exported ONNX variants with torch reference outputs,
and a tokenizer with Python encodings. Usage: /usr/bin/python3 models/recipe/tests/make_fixture.py OUT_DIR
"""
import json
import os
import sys

import torch

sys.path[:0] = [os.path.dirname(os.path.dirname(os.path.abspath(__file__))), os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'data')]
import export  # noqa: E402
import lrqat  # noqa: E402
import synth  # noqa: E402
from model import Args, Llama, load_config  # noqa: E402
from prepare import SYSTEM, render_chat  # noqa: E402
from tokenizer import Tokenizer, train_bpe  # noqa: E402

TEXTS = ['entity foo_bar is\n  port (clk_i : in std_logic);\nend entity;\n', 'Ünïcödé ✓ 😀 tabs\tand  spaces   \n\n  x',
         '<|im_start|>user\nExplain `cnt`.<|im_end|>\n<|im_start|>assistant\n', "  signal s_q : unsigned(7 downto 0) := x\"AB\"; -- 16#FF#\r\n"]


def cases(model, vocab):
    """Two calls: a left-padded batch with an empty cache, then one decode step on its cache."""
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(0, vocab, (2, 5), generator=g)
    mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]])
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    with torch.no_grad():
        logits, present = model(ids, pos, mask, [(torch.zeros(2, model.args.n_kv_heads, 0, model.args.head_dim),) * 2] * model.args.n_layers)
        nxt = torch.randint(0, vocab, (2, 1), generator=g)
        mask2 = torch.cat([mask, torch.ones(2, 1, dtype=torch.long)], 1)
        pos2 = pos[:, -1:] + 1
        logits2, present2 = model(nxt, pos2, mask2, present)
    t = lambda x: {'shape': list(x.shape), 'data': x.flatten().tolist()}
    return [{'input_ids': t(ids), 'attention_mask': t(mask), 'position_ids': t(pos), 'past': None,
             'logits': t(logits), 'present_0_key': t(present[0][0])},
            {'input_ids': t(nxt), 'attention_mask': t(mask2), 'position_ids': t(pos2), 'past': 'previous',
             'logits': t(logits2), 'present_0_key': t(present2[0][0])}]


def main(out):
    torch.manual_seed(0)
    synth.load_families()
    docs = [d['vhdl'] + d['explanation'] for d in synth.generate(30, 2)]
    tok_dir = os.path.join(out, 'tok')
    tok = Tokenizer(train_bpe(docs, 512, log=lambda *_: None))
    tok.save(tok_dir)
    msgs = [{'role': 'system', 'content': SYSTEM}, {'role': 'user', 'content': 'Explain this.\n```vhdl\nx\n```'}]
    json.dump({'texts': [{'text': s, 'ids': tok.encode(s)} for s in TEXTS + docs[:2]],
               'chat': {'messages': msgs, 'rendered': render_chat(msgs)}}, open(os.path.join(out, 'tokenizer_cases.json'), 'w'))
    c = load_config('tiny')
    c.VOCAB = tok.vocab_size
    fp = Llama(Args(**{k: getattr(c, k) for k in Args.FIELDS})).eval()
    with torch.no_grad():                   # spread the logits so that greedy choices are not near-ties
        fp.model.embed_tokens.weight.mul_(20)
        fp.lm_head.weight.mul_(20)
    q = lrqat.wrap(Llama(fp.args), 4, 4.0, True)
    q.load_state_dict({**q.state_dict(), **{k: v for k, v in fp.state_dict().items() if k in q.state_dict()}})
    for n, m in q.named_modules():          # stand for a trained LR-QAT: A moved away from zero
        if isinstance(m, lrqat.LRQATLinear):
            m.__init__(fp.get_submodule(n), 4, 4.0)
            m.A.data.normal_(0, 0.3)
    variants = [('fp32', fp, None), ('rtn', None, lrqat.rtn_int4(fp, True)), ('lrqat', None, lrqat.merged_int4(q))]
    for name, model, q4 in variants:
        model = model or export.int4_model(fp, q4)
        export.write_variant(out, name, export.build_onnx(fp.state_dict(), fp.args, q4), fp.args, tok_dir, tok, model, 16)
        json.dump(cases(model, tok.vocab_size), open(os.path.join(out, name, 'cases.json'), 'w'))


if __name__ == '__main__':
    main(sys.argv[1])
