"""Ship an exported model as the extension's default: copy it into models/default/ and write MODEL_CARD.md.

    python3 ship.py --config small --run runs/small --data runs/data [--variant lrqat] [--force]

The card is generated from the run itself: data counts, model size, training steps/tokens/time per
phase (from the final checkpoints), the machine, the evaluation table `eval.py` wrote
(<run>/eval.md), and <run>/HISTORY.md when the run has one (interruptions, data changes). An
existing default model is never overwritten without --force, which first moves it to
<run>/default.previous-<time>/.
"""
import argparse
import datetime
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deps import require  # noqa: E402
require('torch', 'numpy')

import numpy as np  # noqa: E402

from model import Args, Llama, load_config, n_params  # noqa: E402
from train import cpu_name, distils, distills_whole_pairs, init_scales  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, '..', 'default')
MAX_MB = 40
FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'reference.json']


def phase_rows(run):
    """(phase, steps, tokens, seconds, threads, device) per finished phase: from the phase's summary.json (written
    beside final.pt; the only record when a run trained on a GPU machine and only its export came back), else
    from final.pt itself."""
    import torch
    rows = []
    for phase in ['pretrain', 'sft', 'mix', 'qat']:
        sp, p = os.path.join(run, phase, 'summary.json'), os.path.join(run, phase, 'final.pt')
        if os.path.exists(sp):
            ck = json.load(open(sp))
        elif os.path.exists(p):
            ck = torch.load(p, map_location='cpu')
        else:
            continue
        rows.append((phase, ck.get('step', 0), ck.get('tokens'), ck.get('elapsed'), ck.get('threads'), ck.get('device')))
    return rows


def qat_steps(rows, cfg):
    """The steps LR-QAT ran (a time budget may end it before the config's count)."""
    return next((r[1] for r in rows if r[0] == 'qat'), cfg.STEPS['qat'])


def gpu_devices(rows):
    """The GPUs the phases' summaries name, when they trained on no CPU (else []: this machine trained them)."""
    devices = sorted({r[5] for r in rows if r[5]})
    return [] if cpu_name() in devices else devices


def data_counts(data):
    def lines(name):
        p = os.path.join(data, name)
        return [json.loads(l) for l in open(p)] if os.path.exists(p) else []
    designs = lines('designs.jsonl')
    out = {'synth': sum(d['source'] == 'synth' for d in designs), 'gold': sum(d['source'] == 'gold' for d in designs),
           'heldout': len(lines('heldout.jsonl')), 'families': len({d['meta'].get('family') for d in designs if d['source'] == 'synth'})}
    for name in ['pretrain_train.npy']:
        p = os.path.join(data, name)
        out['pretrain_tokens'] = int(np.load(p, mmap_mode='r').shape[0]) if os.path.exists(p) else None
    p = os.path.join(data, 'sft_train.npz')
    if os.path.exists(p):
        z = np.load(p)
        out['sft_pairs'], out['sft_answer_tokens'] = len(z['offsets']) - 1, int(z['mask'].sum())
    return out


def card(cfg, run, data, variant, onnx_file, size_mb, tok=None):
    a = Args(**{k: getattr(cfg, k) for k in Args.FIELDS})
    dc = data_counts(data)
    rows = phase_rows(run)
    gpus = gpu_devices(rows)
    millions = n_params(Llama(a)) / 1e6
    hours = lambda s: (f'{s / 3600:.2f} h' if s >= 360 else f'{s:.0f} s') if s else 'not recorded'
    lines = [
        '# VHDL Explain default model', '',
        f'A {millions:.1f}M-parameter Llama-style decoder trained from scratch by `models/recipe/` '
        f'(config `{cfg.name}`), quantized to int4 by {"LR-QAT" if variant == "lrqat" else variant.upper()} and exported to ONNX '
        f'(`onnx/{onnx_file}`, {size_mb:.1f} MB in all). It explains VHDL designs from the prompt the extension builds.', '',
        '## Model', '',
        f'- d_model {a.dim}, {a.n_layers} layers, {a.n_heads} query heads / {a.n_kv_heads} key-value heads of {a.head_dim}, '
        f'SwiGLU {a.ffn_dim}, vocabulary {a.vocab} (byte-level BPE), context {a.max_seq} tokens, RoPE theta {a.rope_theta:g}.',
        '- Projections: symmetric int4, groups of 32 along the input dimension (`MatMulNBits`); embeddings and norms fp32'
        + ('; head int4.' if cfg.QUANT_HEAD else '; head fp32.'),
        f'- LR-QAT: rank {cfg.QAT_RANK}, alpha {cfg.QAT_ALPHA:g}, learning rate {cfg.LR["qat"]:g} (scales x{cfg.QAT_SCALE_LR_MULT:g}), '
        f'{qat_steps(rows, cfg):,} steps; scales start at '
        + ('the MSE range setting' if init_scales(cfg) == 'mse' else 'absmax/7 (the RTN baseline)')
        + ('; loss: KL to the fp32 model it starts from, over ' + ('every token of a pair, prompt included' if
           distills_whole_pairs(cfg) else "the pairs' answers") + ' and all plain text'
           if distils(cfg) else '; loss: cross-entropy on the data') + '.', '',
        '## Data', '',
        f'- {dc["synth"]:,} synthetic designs from {dc["families"]} families (`data/synth.py`), {dc["gold"]} hand-written gold designs '
        f'(training split), the VHDL library sources of Debian\'s GHDL.',
        f'- Pretraining tokens: {dc.get("pretrain_tokens") or 0:,}; instruction pairs: {dc.get("sft_pairs", 0):,} '
        f'({dc.get("sft_answer_tokens", 0):,} answer tokens). {dc["heldout"]} gold designs are held out for evaluation only.', '',
        '## Training', '',
        f'Machine: {", ".join(gpus) or f"{cpu_name()}, {os.cpu_count()} cores"}, bf16 autocast={cfg.BF16}. Tokens count the padding of a batch.', '',
        '| phase | steps | tokens | time | threads |', '|---|---|---|---|---|',
    ]
    for phase, steps, tokens, elapsed, threads, _ in rows:
        tokens = f'{tokens:,}' if tokens is not None else 'not recorded'
        threads = threads or 'not recorded'   # older checkpoints do not say, and --threads may have overridden the config
        lines.append(f'| {phase} | {steps:,} | {tokens} | {hours(elapsed)} | {threads} |')
    ev = os.path.join(run, 'eval.md')
    tok = tok or '<tokenizer folder>'
    where = (f' on the GPU machine, in the call that trained the model (its checkpoints stayed there: only the export and these '
             f'figures came back; `train.py --phase pretrain,sft,mix,qat --device cuda --budget-minutes config`, `export.py`, then this)'
             if gpus else '')
    lines += ['', '## Evaluation', '', f'Reproduce: `python3 eval.py --config {cfg.name} --run {run} --data {data} --tok {tok} '
              f'--n-gold 16 --max-new 160{" --device cuda" if gpus else ""}`{where} (perplexities on held-out text; explanation metrics, from '
              'greedy answers of at most 160 tokens, on 16 of the held-out gold designs).', '']
    lines += [open(ev).read().strip()] if os.path.exists(ev) else ['Not evaluated yet.']
    eg = os.path.join(run, 'eval_grounding.md')   # eval_grounding.ts: the exports through the engine and the grounding check
    if os.path.exists(eg):
        lines += ['', f'Reproduce: `node --import tsx eval_grounding.ts {data} {eg} <export>/fp32=fp32 <export>/rtn="RTN int4" <export>/lrqat="LR-QAT int4" <export>/lrqat="LR-QAT int4, not constrained=free"` (as `pipeline.sh` runs it; `=free`: without the engine\'s name- and claim-constrained decoding; a row for the model it replaces: its folder, `models/default="previous default"`, before shipping)', '', open(eg).read().strip()]
    eo = os.path.join(run, 'eval_outputs.md')   # eval.py --score-outputs: the table's metrics on the engine's answers
    if os.path.exists(eo):
        lines += ['', f'Reproduce: `python3 eval.py --config {cfg.name} --run {run} --data {data} --score-outputs {eg}.outputs.jsonl` '
                  '(the identifier grounding, contradictions, family and ROUGE-L of the table above, on the "Explain this entity" '
                  'answers the engine wrote in the run above: as written, and as shown after the grounding check; and its port '
                  'hovers against the sentence in which the expert says what the port is for, a withheld hover scoring 0)', '', open(eo).read().strip()]
    hist = os.path.join(run, 'HISTORY.md')     # what happened to this run that the checkpoints do not say
    if os.path.exists(hist):
        lines += ['', '## How this run went', '', open(hist).read().strip()]
    lines += ['', '## Known limits', '',
              f'- Small ({millions:.0f}M parameters, trained {"for minutes on one GPU" if gpus else "on CPU"}): '
              'explanations follow the training layout and can be generic or wrong; the facts '
              'shown beside them come from the analysis, not from the model.',
              '- Most training text is synthetic; perplexity on real, hand-written VHDL is much higher than on synthetic designs.',
              '- On hand-written designs the model often describes a design it was trained on instead (the wrong family, '
              'names from its training designs): the engine keeps quoted names to the design\'s own, and the server\'s '
              'grounding check drops the sentences that still fail (see the table above: most are dropped).',
              f'- Context {a.max_seq} tokens: long files are trimmed by the engine before the model sees them.', '']
    return '\n'.join(lines)


def ship(cfg, run, data, variant, out, force, tok=None):
    src = os.path.join(run, 'export', variant)
    onnx_file = 'model.onnx' if variant == 'fp32' else 'model_q4.onnx'
    if not os.path.exists(os.path.join(src, 'onnx', onnx_file)):
        raise SystemExit(f'error: {src}/onnx/{onnx_file} missing: run export.py first')
    size_mb = sum(os.path.getsize(os.path.join(src, f)) for f in FILES + [os.path.join('onnx', onnx_file)]) / 1e6
    if size_mb > MAX_MB:
        raise SystemExit(f'error: {size_mb:.1f} MB is over the {MAX_MB} MB budget for the extension')
    if os.path.isdir(out) and os.listdir(out):
        if not force:
            raise SystemExit(f'error: {out} already holds a model; --force moves it to {run}/default.previous-<time>/ first')
        shutil.move(out, os.path.join(run, 'default.previous-' + datetime.datetime.now().strftime('%Y%m%d-%H%M%S')))
    os.makedirs(os.path.join(out, 'onnx'), exist_ok=True)
    for f in FILES:
        shutil.copy(os.path.join(src, f), os.path.join(out, f))
    shutil.copy(os.path.join(src, 'onnx', onnx_file), os.path.join(out, 'onnx', onnx_file))
    with open(os.path.join(out, 'MODEL_CARD.md'), 'w') as fh:
        fh.write(card(cfg, run, data, variant, onnx_file, size_mb, tok))
    print(f'shipped {src} to {out} ({size_mb:.1f} MB)')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='small')
    ap.add_argument('--run', required=True)
    ap.add_argument('--data', default='runs/data')
    ap.add_argument('--variant', default='lrqat', choices=['lrqat', 'rtn', 'fp32'])
    ap.add_argument('--out', default=DEFAULT_OUT)
    ap.add_argument('--force', action='store_true')
    ap.add_argument('--tok', help='the tokenizer folder, for the evaluation command the card shows')
    a = ap.parse_args()
    ship(load_config(a.config), a.run, a.data, a.variant, os.path.abspath(a.out), a.force, a.tok)


if __name__ == '__main__':
    main()
