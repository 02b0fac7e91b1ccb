"""Training: pretraining on VHDL + English, instruction tuning on explanation pairs, LR-QAT to int4.

    python3 train.py --config small --run runs/small --data runs/data --phase pretrain
    python3 train.py --config small --run runs/small --data runs/data --phase sft    # starts from pretrain/final.pt
    python3 train.py --config small --run runs/small --data runs/data --phase mix    # starts from sft/final.pt
    python3 train.py --config small --run runs/small --data runs/data --phase qat    # starts from mix/final.pt

Each phase writes <run>/<phase>/ckpt.pt every CKPT_EVERY steps (model, optimizer, step; the data
order is a pure function of the seed and the step, so the step is the data position) atomically:
written to a temporary file, then renamed, with the previous checkpoint kept as ckpt.bak.pt.
Rerunning the same command resumes. A finished phase writes final.pt; a rerun of a finished phase
does nothing unless --force, which first moves the old result aside (never overwritten).
"""
import argparse
import json
import math
import os
import platform
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deps import require  # noqa: E402
require('torch', 'numpy')

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import Args, Llama, load_config, n_params  # noqa: E402
import lrqat  # noqa: E402

PHASES = ['pretrain', 'sft', 'mix', 'qat']
# 'mix': the instruction-tuned model trained on, in fp32, on task pairs and plain text alternately (the
# data LR-QAT sees), so that LR-QAT starts from a model that has learnt that data: the paper's setting
# (quantization-aware training of a trained model), where the low-rank update only has to recover the
# rounding error. The fp32 model of the evaluation is mix/final.pt, the weights LR-QAT starts from.
# 'fpref': the fp32 model trained exactly like 'qat' (same start, data and steps) but without quantization,
# the fair reference for how much of LR-QAT's result is the extra training rather than the int4 recovery.
PREVIOUS = {'sft': 'pretrain', 'mix': 'sft', 'qat': 'mix', 'fpref': 'mix'}
BASE = 'mix/final.pt'   # the fp32 weights that export and eval compare int4 against


def steps_of(cfg, phase):
    return cfg.STEPS.get(phase, cfg.STEPS['qat'])


def lr_of(cfg, phase):
    return cfg.LR['sft'] if phase in ('fpref', 'mix') else cfg.LR[phase]


# ---------------------------------------------------------------------------------------------
# data: batches are a deterministic function of (seed, step)

class PretrainData:
    def __init__(self, path, seq):
        self.tokens = np.load(path, mmap_mode='r')
        self.seq = seq
        assert len(self.tokens) > seq + 1, f'{path}: only {len(self.tokens)} tokens, fewer than one window of {seq}'

    def batch(self, seed, step, bsz):
        rng = np.random.default_rng([seed, step])
        starts = rng.integers(0, len(self.tokens) - self.seq - 1, bsz)
        w = np.stack([self.tokens[s:s + self.seq + 1].astype(np.int64) for s in starts])
        x, y = torch.from_numpy(w[:, :-1]), torch.from_numpy(w[:, 1:])
        return x, y, None


class SFTData:
    """Explanation pairs; the loss counts only the answer tokens (mask from prepare.py)."""

    def __init__(self, path, seq):
        z = np.load(path)
        self.tokens, self.mask, self.offsets, self.seq = z['tokens'], z['mask'], z['offsets'], seq
        self.n = len(self.offsets) - 1
        assert self.n > 0, f'{path}: no pairs'

    def batch(self, seed, step, bsz):
        epoch, i0 = divmod(step * bsz, self.n)
        order = np.random.default_rng([seed, epoch]).permutation(self.n)
        idx = [order[(i0 + j) % self.n] for j in range(bsz)]
        rows = []
        for i in idx:
            a, b = self.offsets[i], self.offsets[i + 1]
            t, m = self.tokens[a:b].astype(np.int64), self.mask[a:b].astype(np.int64)
            if len(t) > self.seq + 1:                  # keep the end: the answer
                t, m = t[-(self.seq + 1):], m[-(self.seq + 1):]
            rows.append((t, m))
        T = max(len(t) for t, _ in rows) - 1
        x = torch.zeros(bsz, T, dtype=torch.long)
        y = torch.zeros(bsz, T, dtype=torch.long)
        mk = torch.zeros(bsz, T, dtype=torch.long)
        for j, (t, m) in enumerate(rows):              # right padding, masked out of the loss
            n = len(t) - 1
            x[j, :n], y[j, :n], mk[j, :n] = torch.from_numpy(t[:-1]), torch.from_numpy(t[1:]), torch.from_numpy(m[1:])
        return x, y, mk


def phase_data(cfg, data_dir, phase, split):
    pre = PretrainData(os.path.join(data_dir, f'pretrain_{split}.npy'), cfg.SEQ)
    if phase == 'pretrain':
        return [pre]
    sft = SFTData(os.path.join(data_dir, f'sft_{split}.npz'), cfg.SFT_SEQ)
    return [sft] if phase == 'sft' else [sft, pre]    # mix, qat, fpref: alternate task pairs and plain text


# ---------------------------------------------------------------------------------------------
# checkpoints

def save_atomic(obj, path):
    """torch.save to path.tmp, fsync, keep the old file as .bak, then rename into place."""
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    if os.path.exists(path):
        os.replace(path, path.replace('.pt', '.bak.pt'))
    os.replace(tmp, path)


def load_checked(path):
    """Load a checkpoint, or raise ValueError saying what is wrong with it."""
    try:
        ck = torch.load(path, map_location='cpu')
    except Exception as e:  # truncated zip, bad pickle, ...
        raise ValueError(f'{path} is corrupt or truncated ({type(e).__name__}: {e})') from None
    if not isinstance(ck, dict) or not ck.get('complete') or 'model' not in ck:
        raise ValueError(f'{path} is incomplete (missing fields)')
    return ck


def resume(ckdir):
    """The newest readable checkpoint in ckdir, falling back to the backup with a clear message."""
    for name in ['ckpt.pt', 'ckpt.bak.pt']:
        p = os.path.join(ckdir, name)
        if not os.path.exists(p):
            continue
        try:
            ck = load_checked(p)
            print(f'resuming from {p} at step {ck["step"]}')
            return ck
        except ValueError as e:
            print(f'warning: {e}; trying the backup', file=sys.stderr)
    if os.path.exists(os.path.join(ckdir, 'ckpt.pt')):
        raise SystemExit(f'error: no readable checkpoint in {ckdir}; move it aside to restart the phase from scratch')
    return None


def build(cfg, phase, run):
    """The model a phase trains, and the frozen fp32 teacher when the phase distils (LR-QAT with QAT_DISTILL)."""
    args = Args(**{k: getattr(cfg, k) for k in Args.FIELDS})
    model = Llama(args)
    teacher = None
    if phase != 'pretrain':
        prev = os.path.join(run, PREVIOUS[phase], 'final.pt')
        if not os.path.exists(prev):
            raise SystemExit(f'error: {prev} missing: run the {PREVIOUS[phase]} phase first')
        weights = load_checked(prev)['model']
        model.load_state_dict(weights)
        if phase == 'qat' and distils(cfg):
            teacher = Llama(args)
            teacher.load_state_dict(weights)
            teacher.eval().requires_grad_(False)
    if phase == 'qat':
        lrqat.wrap(model, cfg.QAT_RANK, cfg.QAT_ALPHA, cfg.QUANT_HEAD, init_scales(cfg))
    return model, teacher


def distils(cfg):
    """LR-QAT's loss: KL to the fp32 model it starts from (QAT_DISTILL), or next-token cross-entropy."""
    return getattr(cfg, 'QAT_DISTILL', False)


def distills_whole_pairs(cfg):
    """QAT_DISTILL_TOKENS = 'all': the distillation counts every real token of a pair; else ('answers') the answers."""
    return getattr(cfg, 'QAT_DISTILL_TOKENS', 'answers') == 'all'


def init_scales(cfg):
    """Where LR-QAT's scales start (QAT_INIT_SCALES): 'absmax' (the RTN baseline's) or 'mse' (MSE range setting)."""
    return getattr(cfg, 'QAT_INIT_SCALES', 'absmax')


def distill_mask(cfg, m):
    """The positions LR-QAT's distillation counts in a batch of pairs. QAT_DISTILL_TOKENS = 'all': every
    real token of a pair, prompt included (all positions up to a row's last answer token, so not the
    right padding): the int4 model is to compute the fp32 model's function, and the prompt's tokens
    carry that signal as much as the answer's, at no extra cost (the forward pass computes them anyway).
    'answers' (the default): only the answer tokens, as in instruction tuning. Plain text (m None) counts whole."""
    if m is None or not distills_whole_pairs(cfg):
        return m
    return (m.flip(1).cumsum(1).flip(1) > 0).to(m.dtype)


def lr_at(cfg, phase, step, total, progress=None):
    """Warmup over WARMUP steps, then a cosine to MIN_LR_FRAC over the rest of the phase: over the steps, or
    over `progress` (0..1, the share of a time budget spent: train(budget_s=...)) when that is further on."""
    base = lr_of(cfg, phase)
    if step < cfg.WARMUP:
        return base * (step + 1) / cfg.WARMUP
    t = (step - cfg.WARMUP) / max(1, total - cfg.WARMUP)
    if progress is not None:
        t = max(t, progress)
    return base * (cfg.MIN_LR_FRAC + (1 - cfg.MIN_LR_FRAC) * 0.5 * (1 + math.cos(math.pi * min(1.0, t))))


def batch_size(cfg, data):
    """SFT examples are up to SFT_SEQ long: they get their own (smaller) batch."""
    return getattr(cfg, 'SFT_BATCH', cfg.BATCH) if isinstance(data, SFTData) else cfg.BATCH


def to(device, *ts):
    return [t.to(device, non_blocking=True) if t is not None else None for t in ts]


def cpu_name():
    """This machine's processor, as /proc/cpuinfo names it."""
    try:
        for line in open('/proc/cpuinfo'):
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown CPU'


def device_name(device):
    """What trained: the GPU's name on cuda, else the CPU's."""
    if torch.device(device).type == 'cuda':
        return torch.cuda.get_device_name(torch.device(device))
    return cpu_name()


def check_fused_attention(model, device, log=print):
    """On a GPU, compare the fused attention path (model.USE_SDPA) with the explicit one on a random batch;
    turn it off, saying why, when it fails or differs. Returns whether it is on."""
    import model as model_module
    if torch.device(device).type != 'cuda' or not model_module.USE_SDPA:
        return False
    x = torch.randint(0, model.args.vocab, (2, 64), device=device)
    try:
        with torch.no_grad(), torch.autocast('cuda', dtype=torch.bfloat16, enabled=True):
            fused = model(x)[0].float()
            model_module.USE_SDPA = False
            plain = model(x)[0].float()
        diff = (fused - plain).abs().max().item()
        ok = diff < 0.05 * max(1.0, plain.abs().max().item())
        log(f'fused attention: largest difference to the explicit path {diff:.2e}' + ('' if ok else ': too large, not used'))
    except Exception as e:  # an older PyTorch, a kernel that does not run on this GPU, ...
        log(f'fused attention not used ({type(e).__name__}: {e})')
        ok = False
    model_module.USE_SDPA = ok
    return ok


@torch.no_grad()
def evaluate(model, cfg, datas, device='cpu'):
    model.eval()
    losses = []
    for d in datas:
        for i in range(cfg.EVAL_BATCHES):
            x, y, m = to(device, *d.batch(12345, i, batch_size(cfg, d)))
            with torch.autocast(torch.device(device).type, dtype=torch.bfloat16, enabled=cfg.BF16):
                losses.append(model.loss(x, y, m).item())
    model.train()
    return float(np.mean(losses))


def train(cfg, phase, run, data_dir, steps=None, max_minutes=None, force=False, seed=0, log=print, stop_after=None, device='cpu', extend=False,
          threads=None, budget_s=None):
    """Run (or resume) one phase; returns the path of final.pt, or None when stopped early (resumable).

    budget_s: a time budget for the phase (a GPU machine lent for minutes): the learning-rate schedule runs
    over whichever of the steps and the budget is further on, and the phase finishes (final.pt) when either
    is spent. Time spent before a resume counts. stop_after simulates an interruption after that many steps
    of this call (tests).
    """
    torch.set_num_threads(threads or cfg.THREADS)
    ckdir = os.path.join(run, phase)
    os.makedirs(ckdir, exist_ok=True)
    final = os.path.join(ckdir, 'final.pt')
    if os.path.exists(final):
        if extend:
            # Continue from the last checkpoint to the new step count: the finished result is kept aside.
            done = load_checked(final).get('step', 0)
            if not steps or steps <= done:
                raise SystemExit(f'error: --extend needs --steps above the {done} steps {final} has')
            os.replace(final, final.replace('.pt', f'.{done}.pt'))
            if os.path.exists(os.path.join(ckdir, 'summary.json')):
                os.replace(os.path.join(ckdir, 'summary.json'), os.path.join(ckdir, f'summary.{done}.json'))
        elif not force:
            log(f'{final} exists: phase {phase} is done (use --force to retrain, --extend --steps N to train on; the old result is kept)')
            return final
        else:
            os.replace(final, final.replace('.pt', f'.{time.strftime("%Y%m%d-%H%M%S")}.pt'))
            for n in ['ckpt.pt', 'ckpt.bak.pt', 'summary.json']:   # the summary describes the result moved aside
                if os.path.exists(os.path.join(ckdir, n)):
                    os.replace(os.path.join(ckdir, n), os.path.join(ckdir, n + '.old'))
    if phase == 'fpref' and distils(cfg):
        log('fpref: not run: LR-QAT distils the fp32 model it starts from (QAT_DISTILL), which is then its reference')
        return None
    total = steps or steps_of(cfg, phase)
    torch.manual_seed(seed)                      # initial weights (and LR-QAT's B) depend only on the seed
    model, teacher = build(cfg, phase, run)
    model = model.to(device)
    if teacher is not None:
        teacher = teacher.to(device)
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    params = [p for _, p in named]
    if phase == 'qat':   # A, B; and the scales s, whose Adam steps must be much smaller than their size (~1e-3)
        groups = [{'params': [p for n, p in named if not n.endswith('.s')], 'weight_decay': 0.0, 'lr_mult': 1.0},
                  {'params': [p for n, p in named if n.endswith('.s')], 'weight_decay': 0.0, 'lr_mult': cfg.QAT_SCALE_LR_MULT}]
    else:
        groups = [{'params': [p for p in params if p.dim() >= 2], 'weight_decay': cfg.WEIGHT_DECAY, 'lr_mult': 1.0},
                  {'params': [p for p in params if p.dim() < 2], 'weight_decay': 0.0, 'lr_mult': 1.0}]
    fused = {'fused': True} if torch.device(device).type == 'cuda' else {}
    opt = torch.optim.AdamW(groups, lr=lr_of(cfg, phase), betas=(0.9, 0.95), **fused)
    check_fused_attention(model, device, log)
    step, done_s, done_tok = 0, 0.0, 0          # work done before this call (from the checkpoint)
    ck = resume(ckdir)
    if ck is not None:
        model.load_state_dict(ck['model'])
        opt.load_state_dict(ck['opt'])          # moves the optimizer state to the parameters' device
        step, done_s, done_tok = ck['step'], ck.get('elapsed', 0.0), ck.get('tokens', 0)
    start = step
    datas = phase_data(cfg, data_dir, phase, 'train')
    vals = phase_data(cfg, data_dir, phase, 'val')
    frozen_int8 = sum(b.numel() for n, b in model.named_buffers() if n.endswith('phi0_q'))
    log(f'{phase}: {n_params(model):,} parameters' + (f' + {frozen_int8:,} frozen int8 weights (Phi0)' if frozen_int8 else '') +
        f', {sum(p.numel() for p in params):,} trained; steps {step}..{total}' + (f', at most {budget_s:.0f} s' if budget_s else '') +
        ('; loss: KL to the fp32 model it starts from (val: cross-entropy)' if teacher is not None else ''))
    stop = {'now': False}

    def on_signal(sig, _):
        stop['now'] = True
    old = [signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)]
    t0, tokens = time.time(), 0
    logf = open(os.path.join(ckdir, 'log.jsonl'), 'a')

    def checkpoint():
        save_atomic({'model': model.state_dict(), 'opt': opt.state_dict(), 'step': step, 'phase': phase,
                     'config': cfg.name, 'seed': seed, 'complete': True, 'elapsed': done_s + time.time() - t0,
                     'tokens': done_tok + tokens, 'threads': torch.get_num_threads()}, os.path.join(ckdir, 'ckpt.pt'))
    def spent():
        return (done_s + time.time() - t0) / budget_s if budget_s else None
    try:
        while step < total and not (budget_s and spent() >= 1):
            d = datas[step % len(datas)]
            x, y, m = to(device, *d.batch(seed, step, batch_size(cfg, d)))
            for g in opt.param_groups:
                g['lr'] = lr_at(cfg, phase, step, total, spent()) * g['lr_mult']
            with torch.autocast(torch.device(device).type, dtype=torch.bfloat16, enabled=cfg.BF16):
                loss = model.loss(x, y, m) if teacher is None else model.distill_loss(x, teacher, distill_mask(cfg, m))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, cfg.GRAD_CLIP)
            opt.step()
            step += 1
            tokens += x.numel()
            rec = {'step': step, 'loss': round(loss.item(), 4), 'lr': opt.param_groups[0]['lr'],
                   'tok_s': round(tokens / (time.time() - t0), 1), 'elapsed': round(done_s + time.time() - t0, 1)}
            last = step == total or (budget_s and spent() >= 1)
            if step % cfg.EVAL_EVERY == 0 or last:
                rec['val'] = round(evaluate(model, cfg, vals, device), 4)
            if step % cfg.CKPT_EVERY == 0 or last:
                checkpoint()
            logf.write(json.dumps(rec) + '\n')
            logf.flush()
            if 'val' in rec or step % 10 == 0:
                log(f'{phase} step {step}/{total} loss {rec["loss"]:.3f}' + (f' val {rec["val"]:.3f}' if 'val' in rec else '') +
                    f' {rec["tok_s"]:.0f} tok/s')
            if stop['now'] or (max_minutes and time.time() - t0 > 60 * max_minutes) or (stop_after and step - start == stop_after):
                if step % cfg.CKPT_EVERY:
                    checkpoint()
                log(f'{phase}: stopped at step {step}; rerun the same command to resume')
                return None
    finally:
        for s, h in zip((signal.SIGINT, signal.SIGTERM), old):
            signal.signal(s, h)
        logf.close()
    summary = {'step': step, 'phase': phase, 'config': cfg.name, 'elapsed': done_s + time.time() - t0, 'tokens': done_tok + tokens,
               'threads': torch.get_num_threads(), 'device': device_name(device), 'budget_s': budget_s}
    save_atomic({'model': {k: v.cpu() for k, v in model.state_dict().items()}, 'complete': True, 'args': model.args.to_dict(), **summary}, final)
    with open(os.path.join(ckdir, 'summary.json'), 'w') as f:   # what the model card reports, without loading the weights
        json.dump(summary, f, indent=1)
    log(f'{phase}: done at step {step}, {final}')
    return final


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='small')
    ap.add_argument('--run', required=True, help='folder for checkpoints (e.g. runs/small)')
    ap.add_argument('--data', default='runs/data', help='folder written by prepare.py')
    ap.add_argument('--phase', required=True, help='pretrain, sft, mix, qat or fpref; or several, comma-separated, run in order '
                    'in one process (pretrain,sft,mix,qat)')
    ap.add_argument('--steps', type=int, help='override the config\'s step count')
    ap.add_argument('--max-minutes', type=float, help='checkpoint and stop after this long (resume later)')
    ap.add_argument('--force', action='store_true', help='retrain a finished phase (the old final.pt is moved aside)')
    ap.add_argument('--extend', action='store_true', help='train a finished phase on, from its last checkpoint to --steps '
                    '(final.pt is kept as final.<steps>.pt; the schedule is the cosine of the new total, so the rate rises again)')
    ap.add_argument('--device', default='cpu', help='cpu, or cuda on a GPU machine (checkpoints are portable)')
    ap.add_argument('--budget-minutes', help='time budget per phase: minutes, or "config" for the config\'s BUDGET_MINUTES '
                    '(the schedule runs over the budget; the phase finishes when it is spent)')
    ap.add_argument('--threads', type=int, help='CPU threads (default: the config\'s THREADS, for a shared machine); '
                    'the data order does not depend on it')
    a = ap.parse_args()
    cfg = load_config(a.config)
    phases = a.phase.split(',')
    for phase in phases:
        if phase not in PHASES + ['fpref']:
            ap.error(f'unknown phase {phase!r}: one of {", ".join(PHASES + ["fpref"])}')
    for phase in phases:
        budget = None
        if a.budget_minutes == 'config':
            if not hasattr(cfg, 'BUDGET_MINUTES'):
                ap.error(f'config {cfg.name} has no BUDGET_MINUTES')
            budget = 60 * cfg.BUDGET_MINUTES[phase] if phase in cfg.BUDGET_MINUTES else None   # fpref: its steps
        elif a.budget_minutes:
            budget = 60 * float(a.budget_minutes)
        done = train(cfg, phase, a.run, a.data, a.steps, a.max_minutes, a.force, device=a.device, extend=a.extend,
                     threads=a.threads, budget_s=budget)
        if done is None and phase != 'fpref':
            break                                   # stopped early: the next phase needs this one's final.pt


if __name__ == '__main__':
    main()
