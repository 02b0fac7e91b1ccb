"""Evaluation: fp32 vs RTN-int4 vs LR-QAT-int4, printed as a Markdown table.

    python3 eval.py --config small --run runs/small --data runs/data --tok runs/tok [--n-gold 15]

Perplexity on held-out text (validation designs and the held-out gold designs), perplexity of the
answers of held-out explanation pairs, and, on the held-out gold designs, greedy explanations scored
for grounding (share of identifiers the explanation names that exist in the design), contradictions
of the design's facts (clock edge, reset kind and level from the gold manifest), the design family
named, and overlap with the expert explanation (ROUGE-L F1). The held-out gold designs are read
here only; nothing trains on them.
"""
import argparse
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deps import require  # noqa: E402
require('torch', 'numpy')

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lrqat  # noqa: E402
from export import int4_model, load_models  # noqa: E402
from model import Llama, load_config  # noqa: E402
from prepare import encode_pair, gold_docs, read_jsonl, render_chat, standin_messages  # noqa: E402
from train import distils, init_scales  # noqa: E402

IDENT = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
CODE = re.compile(r'`([^`\n]+)`')
# Literals in a code span are values, not identifiers: x"0F", o"00", 8d"12", "IDLE", '1', 16#FF#, 1e6.
LITERAL = re.compile(r'''(?:\b\d*[uUsS]?[xXbBoOdD])?"[^"]*"?|'.'|\b\d[\d_]*#[0-9A-Fa-f_.]*#?|\b\d[\d_.]*(?:[eE][+-]?\d+)?''')
VHDL_WORDS = set('''abs access after alias all and architecture array assert attribute begin block body buffer bus case component
configuration constant disconnect downto else elsif end entity exit file for function generate generic group guarded if impure in
inertial inout is label library linkage literal loop map mod nand new next nor not null of on open or others out package port
postponed procedure process pure range record register reject rem report return rol ror select severity signal shared sla sll sra
srl subtype then to transport type unaffected units until use variable wait when while with xnor xor std_logic std_logic_vector
unsigned signed integer natural positive boolean rising_edge falling_edge resize to_integer to_unsigned to_signed ieee numeric_std
std_logic_1164 true false event work'''.split())
# words that name a family in prose; families not listed fall back to the stems of their name's parts
FAMILY_WORDS = {'fsm-controller': ['state machine', 'fsm', 'controller'], 'package-of-functions': ['package', 'function'],
                'top-level': ['top-level', 'top level', 'instantiat'], 'mac': ['multiply-accumulate', 'multiply', 'mac'],
                'mux': ['multiplexer', 'mux', 'select'], 'lfsr': ['lfsr', 'linear feedback', 'pseudo-random'],
                'pwm': ['pwm', 'pulse-width', 'pulse width'], 'rom': ['rom', 'lookup', 'read-only'], 'ram': ['ram', 'memory'],
                'alu': ['alu', 'arithmetic'], 'testbench': ['testbench', 'test bench'], 'clock-enable': ['enable', 'tick'],
                'reset-sync': ['reset'], 'cdc-sync': ['synchroni', 'clock domain'], 'cdc-bus': ['synchroni', 'clock domain'],
                'cdc-pulse': ['synchroni', 'clock domain', 'pulse'], 'cdc-handshake': ['handshake', 'clock domain'],
                'apb-regs': ['apb'], 'axi-lite-regs': ['axi'], 'wishbone-regs': ['wishbone'], 'uart-rx': ['uart'], 'uart-tx': ['uart']}
GENERIC = {'regs', 'master', 'slave', 'filter', 'code', 'controller', 'sync', 'async'}


def family_words(family):
    if family in FAMILY_WORDS:
        return FAMILY_WORDS[family]
    parts = [p for p in re.split(r'[-_\s]+', family or '') if len(p) > 2 and p not in GENERIC]
    return [p[:6] for p in parts] or [family or '']


def windows(tokens, seq, max_windows):
    """How many non-overlapping windows of `seq` tokens window_ppl() reads (all of them when max_windows is 0)."""
    n = (len(tokens) - 1) // seq
    return min(max_windows, n) if max_windows else n


def window_ppl(model, tokens, seq, max_windows):
    """Perplexity over non-overlapping windows of a token array (all of them when max_windows is 0)."""
    n = windows(tokens, seq, max_windows)
    nll, cnt = 0.0, 0
    with torch.no_grad():
        for i in range(n):
            w = torch.from_numpy(tokens[i * seq:i * seq + seq + 1].astype(np.int64))[None].to(model.device)
            nll += model.loss(w[:, :-1], w[:, 1:]).item() * seq
            cnt += seq
    return math.exp(nll / max(cnt, 1))


def answer_ppl(model, tok, pairs, max_len):
    nll, cnt = 0.0, 0
    with torch.no_grad():
        for p in pairs:
            ids, mask = encode_pair(tok, p, max_len)
            dev = model.device
            x = torch.tensor([ids[:-1]], device=dev)
            y = torch.tensor([ids[1:]], device=dev)
            m = torch.tensor([mask[1:]], device=dev)
            nll += model.loss(x, y, m).item() * int(m.sum())
            cnt += int(m.sum())
    return math.exp(nll / max(cnt, 1))


def identifiers(expl):
    """Identifiers the explanation names: code spans (their literals aside), and snake_case words in the prose."""
    out = set()
    for span in CODE.findall(expl):
        out.update(w for w in IDENT.findall(LITERAL.sub(' ', span)) if not w.isdigit())
    out.update(w for w in IDENT.findall(CODE.sub(' ', expl)) if '_' in w.strip('_'))
    return {w for w in out if w.lower() not in VHDL_WORDS}


def grounding(expl, vhdl):
    ids = identifiers(expl)
    if not ids:
        return None
    names = {w.lower() for w in IDENT.findall(vhdl)}
    return sum(w.lower() in names for w in ids) / len(ids)


def contradictions(expl, meta):
    """Statements contradicting the facts: a sentence naming a reset that gives it the wrong kind or level, or a
    falling clock edge for a design clocked on rising edges only (not "rising and falling edges" of an input)."""
    sentences = re.split(r'(?<=[.;])\s+|\n+', expl)
    resets = meta.get('resets') or []
    n = 0
    for r in resets:
        name = re.compile(rf'(?<![\w]){re.escape(r["name"])}(?![\w])', re.I)
        others = [re.compile(rf'(?<![\w]){re.escape(o["name"])}(?![\w])', re.I) for o in resets if o is not r]
        for s in sentences:
            if not name.search(s) or any(o.search(s) for o in others):
                continue
            t = s.lower()
            if r.get('kind') == 'sync' and re.search(r'\basynchronous(ly)?\b', t) and not re.search(r'\bnot (an )?asynchronous', t):
                n += 1
            if r.get('kind') == 'async' and re.search(r'(?<![a-z])synchronous(ly)?\b', t) and not re.search(r'\bnot (a )?synchronous', t):
                n += 1
            if r.get('level') == 'high' and re.search(r'active[- ]low\b', t):
                n += 1
            if r.get('level') == 'low' and re.search(r'active[- ]high\b', t):
                n += 1
    # "detects rising and falling edges" of an input says nothing about the clock's edge
    e = re.sub(r'\b(rising and falling|falling and rising|both|either) edges?', ' ', expl.lower())
    if meta.get('edge') == 'rising' and re.search(r'falling[- ]edge', e) and not re.search(r'rising[- ]edge', e):
        n += 1
    return n


def family_named(expl, family):
    e = expl.lower()
    return any(w in e for w in family_words(family))


def rouge_l(hyp, ref):
    a, b = IDENT.findall(hyp.lower()), IDENT.findall(ref.lower())
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if lcs == 0:
        return 0.0
    p, r = lcs / len(a), lcs / len(b)
    return 2 * p * r / (p + r)


def evaluate(cfg, run, data, tok_dir, n_gold, max_new, max_windows, log=print, fp_from='mix/final.pt', device='cpu'):
    from tokenizer import Tokenizer
    tok = Tokenizer.load(tok_dir)
    torch.set_num_threads(cfg.THREADS)
    fp, qat = load_models(cfg, run, fp_from)
    if fp_from != 'mix/final.pt':
        qat = None                                   # LR-QAT starts from mix/final.pt: not comparable
    variants = [('fp32', fp), ('RTN int4', int4_model(fp, lrqat.rtn_int4(fp, cfg.QUANT_HEAD)))]
    if qat is not None:
        if init_scales(cfg) == 'mse':
            # LR-QAT's starting point: what its range setting alone gives, without training
            variants.append(('RTN int4, MSE scales', int4_model(fp, lrqat.rtn_int4(fp, cfg.QUANT_HEAD, 'mse'))))
        variants.append(('LR-QAT int4', int4_model(fp, lrqat.merged_int4(qat))))
        ref = os.path.join(run, 'fpref', 'final.pt')
        # fp32 trained like LR-QAT, without quantization: a like-for-like reference only when LR-QAT
        # trains on the data too; a distilled LR-QAT (QAT_DISTILL) is measured against its teacher, fp32.
        if fp_from == 'mix/final.pt' and os.path.exists(ref) and not distils(cfg):
            from train import load_checked
            fr = Llama(fp.args)
            fr.load_state_dict(load_checked(ref)['model'])
            variants += [('fp32, trained like LR-QAT', fr.eval()), ('RTN int4 of it', int4_model(fr, lrqat.rtn_int4(fr, cfg.QUANT_HEAD)))]
    val = np.load(os.path.join(data, 'pretrain_val.npy'))
    held = read_jsonl(os.path.join(data, 'heldout.jsonl'))
    held_tokens = np.array(sum((tok.encode(d['vhdl'] + '\n' + d['explanation']) + [tok.special['<|endoftext|>']] for d in held), []), dtype=np.int64)
    gold_manifest = {}
    for m in sorted(os.listdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'gold'))):
        if m.startswith('manifest') and m.endswith('.jsonl'):
            for row in read_jsonl(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'gold', m)):
                gold_manifest[row['id']] = row
    pairs_path = os.path.join(data, 'heldout_pairs.jsonl')      # written by make_pairs.ts when it exists
    hpairs = {p['id']: p for p in read_jsonl(pairs_path)} if os.path.exists(pairs_path) else {}
    if not all(d['id'] in hpairs for d in held):
        print(f'note: {pairs_path} missing or incomplete: held-out prompts from the stand-in formatter', file=sys.stderr)
        hpairs = {d['id']: {'id': d['id'], 'prompt_messages': standin_messages(d), 'target': d['explanation']} for d in held}
    sizes = {'tokens_val': windows(val, cfg.SEQ, max_windows) * cfg.SEQ, 'tokens_gold': windows(held_tokens, cfg.SEQ, max_windows) * cfg.SEQ}
    rows = []
    for name, m in variants:
        m.eval().to(device)      # fp32 on either device (a GPU's matrix units kept to full fp32: no TF32)
        r = {'model': name, 'ppl_val': window_ppl(m, val, cfg.SEQ, max_windows),
             'ppl_gold': window_ppl(m, held_tokens, cfg.SEQ, max_windows) if len(held_tokens) > cfg.SEQ else float('nan'),
             'ppl_answer': answer_ppl(m, tok, [hpairs[d['id']] for d in held], cfg.SFT_SEQ) if held else float('nan'), **sizes}
        g, c, f, rl = [], [], [], []
        for d in held[:n_gold]:
            p = hpairs[d['id']]
            out = tok.decode(m.generate(tok.encode(render_chat(p['prompt_messages']))[-(cfg.MAX_SEQ - max_new):], max_new,
                                        stop_id=tok.special['<|im_end|>']))
            man = gold_manifest.get(d['id'], {})
            facts = dict(d['meta'], edge=man.get('edge'))
            gr = grounding(out, d['vhdl'])
            if gr is not None:
                g.append(gr)
            c.append(contradictions(out, facts))
            f.append(family_named(out, d['meta'].get('family')))
            rl.append(rouge_l(out, d['explanation']))
        r.update(grounding=float(np.mean(g)) if g else float('nan'), contradictions=int(sum(c)),
                 family=float(np.mean(f)) if f else float('nan'), rouge_l=float(np.mean(rl)) if rl else float('nan'), n_gold=len(c))
        rows.append(r)
        log(f'evaluated {name}')
    return rows


def markdown(rows, distils=False):
    """The table; distils: LR-QAT distilled its fp32 start (QAT_DISTILL) rather than training on the data."""
    lines = ['| model | ppl (val designs) | ppl (held-out gold text) | ppl (held-out answers) | grounding | contradictions | family named | ROUGE-L |',
             '|---|---|---|---|---|---|---|---|']
    for r in rows:
        gr = 'n/a (no identifiers)' if r['grounding'] != r['grounding'] else f"{r['grounding']:.1%}"
        gen = (f"{gr} | {r['contradictions']} / {r['n_gold']} | {r['family']:.0%} | {r['rouge_l']:.3f}" if r['n_gold']
               else 'not generated | - | - | -')
        lines.append(f"| {r['model']} | {r['ppl_val']:.3f} | {r['ppl_gold']:.3f} | {r['ppl_answer']:.3f} | {gen} |")
    by = {r['model']: r for r in rows}
    if 'LR-QAT int4' in by:
        # The paper's comparison: the fp32 model LR-QAT started from, its RTN int4, and LR-QAT int4.
        cols = [('ppl_val', 'validation designs'), ('ppl_gold', 'held-out gold text'), ('ppl_answer', 'held-out answers')]
        parts, beyond = [], False
        for key, what in cols:
            f, q, l = by['fp32'][key], by['RTN int4'][key], by['LR-QAT int4'][key]
            if q - f > 1e-3 * f:
                parts.append(f'{(q - l) / (q - f):.0%} on the {what} ({f:.3f} / {q:.3f} / {l:.3f})')
                beyond |= l < f
            else:
                parts.append(f'no gap on the {what} (RTN int4 within 0.1% of fp32: {f:.3f} / {q:.3f} / {l:.3f})')
        sizes = (f' Perplexities over {by["fp32"]["tokens_val"]:,} tokens of validation designs and {by["fp32"]["tokens_gold"]:,} of '
                 'held-out gold text.' if 'tokens_val' in by['fp32'] else '')
        lines += ['', 'Share of the RTN-int4 to fp32 perplexity gap that LR-QAT closes, against the fp32 model it started from '
                  '(fp32 / RTN int4 / LR-QAT int4): ' + '; '.join(parts) + '.' + sizes
                  + ((' Above 100%: there LR-QAT int4 matches the fp32 model it distils, within noise (it learns that model\'s '
                      'outputs, not the data).' if distils else ' Above 100%: the LR-QAT steps also trained the model further on the same data.')
                     if beyond else '')]
        if 'RTN int4, MSE scales' in by:
            m = by['RTN int4, MSE scales']
            parts = [f'{(by["RTN int4"][k] - m[k]) / (by["RTN int4"][k] - by["fp32"][k]):.0%} on the {what}'
                     for k, what in cols if by['RTN int4'][k] - by['fp32'][k] > 1e-3 * by['fp32'][k]]
            lines += ['', 'LR-QAT starts from RTN int4 with MSE range setting (`QAT_INIT_SCALES`): the scales that minimize each '
                      'group\'s rounding error, not absmax/7. That starting point alone closes ' + (', '.join(parts) or 'nothing measurable')
                      + '; the rest is the training of A, B and the scales.']
    if 'fp32, trained like LR-QAT' in by:
        f, q, l = by['fp32, trained like LR-QAT']['ppl_val'], by['RTN int4 of it']['ppl_val'], by['LR-QAT int4']['ppl_val']
        lines.append('')
        nums = f'(validation designs: fp32 {f:.3f}, its RTN int4 {q:.3f}, LR-QAT int4 {l:.3f})'
        if l > q:
            lines.append(f'LR-QAT int4 is worse than RTN int4 of the equally trained fp32 model {nums}: in these steps the '
                         'low-rank update learned less than full fp32 training did.')
        elif q > f:
            lines.append(f'Against the equally trained fp32 model, LR-QAT closes {(q - l) / (q - f):.0%} of the RTN-int4 gap {nums}.')
        else:
            lines.append(f'RTN int4 equals the equally trained fp32 model {nums}: no gap to close.')
    return '\n'.join(lines)


def score_outputs(path, data):
    """The explanation metrics of the table (grounding, contradictions, family named, ROUGE-L) on the answers
    eval_grounding.ts recorded through the engine (OUT.md.outputs.jsonl): as the model wrote them, and as shown
    after the server's grounding check; and the port hovers it recorded, against the sentence in which the
    expert says what that port is for (prepare.gold_docs; a withheld hover scores 0). Returns the Markdown table."""
    held = {d['id']: d for d in read_jsonl(os.path.join(data, 'heldout.jsonl'))}
    gold_manifest = {}
    gold = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'gold')
    for m in sorted(os.listdir(gold)):
        if m.startswith('manifest') and m.endswith('.jsonl'):
            for row in read_jsonl(os.path.join(gold, m)):
                gold_manifest[row['id']] = row
    by_model = {}
    for o in read_jsonl(path):
        by_model.setdefault(o['model'], []).append(o)
    # What the expert says each port is for (prepare.gold_docs), to score the port hovers against.
    docs = {i: {x['name'].lower(): x['doc'] for x in gold_docs(d['vhdl'], d['explanation'], d['meta'].get('entity') or '')} for i, d in held.items()}
    lines = ['| model (engine) | answers | grounding, as written | grounding, as shown | contradictions, as written / shown | family named (shown) | ROUGE-L (shown) | '
             'port hovers against the expert\'s sentence: shown, ROUGE-L |',
             '|---|---|---|---|---|---|---|---|']
    for model, outs in by_model.items():
        gw, gs, cw, cs, fam, rl, hv = [], [], 0, 0, [], [], []
        for o in outs:
            d = held.get(o['id'])
            if d is None:
                continue
            facts = dict(d['meta'], edge=gold_manifest.get(d['id'], {}).get('edge'))
            for text, g in ((o['raw'], gw), (o['shown'], gs)):
                x = grounding(text, d['vhdl'])
                if x is not None:
                    g.append(x)
            cw += contradictions(o['raw'], facts)
            cs += contradictions(o['shown'], facts)
            fam.append(family_named(o['shown'], d['meta'].get('family')))
            rl.append(rouge_l(o['shown'], d['explanation']))
            # A withheld hover scores 0: it says nothing of what the expert says.
            hv += [(bool(h['shown'].strip()), rouge_l(h['shown'], docs[o['id']][h['port'].lower()]))
                   for h in o.get('hovers', []) if h['port'].lower() in docs.get(o['id'], {})]
        pct = lambda g: f'{np.mean(g):.1%} ({len(g)} with identifiers)' if g else 'n/a'
        hovers = f'{sum(x for x, _ in hv)} of {len(hv)}, {np.mean([r for _, r in hv]):.3f}' if hv else 'not recorded'
        lines.append(f'| {model} | {len(outs)} | {pct(gw)} | {pct(gs)} | {cw} / {cs} | {np.mean(fam):.0%} | {np.mean(rl):.3f} | {hovers} |')
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='small')
    ap.add_argument('--run', required=True)
    ap.add_argument('--data', default='runs/data')
    ap.add_argument('--tok', default='runs/tok')
    ap.add_argument('--n-gold', type=int, default=15, help='held-out gold designs to generate explanations for')
    ap.add_argument('--max-new', type=int, default=256)
    ap.add_argument('--max-windows', type=int, default=0, help='windows of SEQ tokens per perplexity column; 0 (default): all. '
                    'The gap LR-QAT closes is a difference of differences: on 64 windows of the validation designs its 95%% '
                    'bootstrap interval was 11-56%%, on 256 43-61%% (session 6)')
    ap.add_argument('--fp-from', default='mix/final.pt', help='fp32 weights to compare, e.g. pretrain/ckpt.pt during pretraining')
    ap.add_argument('--device', default='cpu', help='cpu, or cuda on a GPU machine')
    ap.add_argument('--score-outputs', metavar='FILE', help='instead: score the answers eval_grounding.ts recorded (OUT.md.outputs.jsonl) '
                    'and write <run>/eval_outputs.md')
    a = ap.parse_args()
    if a.score_outputs:
        table = score_outputs(a.score_outputs, a.data)
        print(table)
        with open(os.path.join(a.run, 'eval_outputs.md'), 'w') as f:
            f.write(table + '\n')
        return
    cfg = load_config(a.config)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    rows = evaluate(cfg, a.run, a.data, a.tok, a.n_gold, a.max_new, a.max_windows, fp_from=a.fp_from, device=a.device)
    table = markdown(rows, distils(cfg))
    print(table)
    name = 'eval' if a.fp_from == 'mix/final.pt' else 'eval-' + a.fp_from.replace('/', '-').replace('.pt', '')
    with open(os.path.join(a.run, name + '.md'), 'w') as f:
        f.write(table + '\n')
    json.dump(rows, open(os.path.join(a.run, name + '.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
