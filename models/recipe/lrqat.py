"""Int4 quantization: round-to-nearest (RTN) and LR-QAT (Bondarenko et al., 2024), plus MatMulNBits packing.

Both give symmetric int4 weights in groups of BLOCK=32 along the input dimension, one fp32 scale
per group: W[n, k] ~= s[n, k // 32] * q[n, k], q in [-8, 7]. That is exactly what ONNX Runtime's
com.microsoft MatMulNBits (bits=4, block_size=32) computes, so the integers go into the export as
they are, with no second quantization.

LR-QAT ("Low-Rank Quantization-Aware Training for LLMs"): the forward weight is

    W_hat = s * clip(round(Phi0 + (alpha / r) * A @ B), -8, 7)      Phi0 = W0 / s0, frozen

with round passed straight through (its gradient is 1) and only A (out x r), B (r x in) and the
scales s trained. Phi0 is stored downcast as int8 fixed point with 4 fractional bits (the paper's
storage for 4-bit targets), so the frozen weights cost 8 bits instead of 32. After training the
integers are merged: q = clip(round(Phi0 + (alpha/r) A @ B), -8, 7), the very values the forward
pass used.
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BLOCK = 32          # group size along the input dimension (MatMulNBits block_size)
QMIN, QMAX = -8, 7  # int4, symmetric grid
PHI_FRAC = 4        # fractional bits of the int8 fixed-point Phi0 (8 - 4 for a 4-bit target)


def groups(w):
    """The weight (out, in) as fp32 groups of BLOCK along the input dimension: (out, in/BLOCK, BLOCK)."""
    out, inp = w.shape
    assert inp % BLOCK == 0, f'input dimension {inp} is not a multiple of {BLOCK}'
    return w.detach().float().view(out, inp // BLOCK, BLOCK)


def group_absmax_scale(w):
    """Per-group scale s (out, in/BLOCK): the group's largest magnitude maps to QMAX."""
    return (groups(w).abs().amax(-1) / QMAX).clamp(min=1e-8)             # (out, in/BLOCK)


def group_mse_scale(w, shrink=torch.linspace(0.5, 1.0, 26)):
    """Per-group scale s (out, in/BLOCK) that minimizes the group's squared int4 rounding error
    ||s * clip(round(w / s), -8, 7) - w||^2 over s = c * absmax / QMAX, c in `shrink`: range setting
    by MSE. Clipping a group's few largest weights buys a finer grid for all the others; absmax never
    clips, so its error is larger (measured on the small model: relative error 0.086 against 0.097)."""
    g = groups(w)
    amax = g.abs().amax(-1).clamp(min=1e-8)
    best, err = None, None
    for c in shrink.tolist():
        s = amax * c / QMAX
        e = (torch.round(g / s[..., None]).clamp(QMIN, QMAX) * s[..., None] - g).pow(2).sum(-1)
        if best is None:
            best, err = s, e
        else:
            better = e < err
            best, err = torch.where(better, s, best), torch.where(better, e, err)
    return best


SCALES = {'absmax': group_absmax_scale, 'mse': group_mse_scale}


def rtn_quantize(w, scales='absmax'):
    """Round-to-nearest int4: (q int8 (out, in), s fp32 (out, in/BLOCK)); scales by absmax (the RTN
    baseline) or by MSE range setting (where LR-QAT starts when QAT_INIT_SCALES = 'mse')."""
    s = SCALES[scales](w)
    q = torch.round(groups(w) / s[..., None]).clamp(QMIN, QMAX)
    return q.view(w.shape).to(torch.int8), s


def dequantize(q, s):
    out, inp = q.shape
    return (q.float().view(out, inp // BLOCK, BLOCK) * s[..., None]).view(out, inp)


def round_ste(x):
    """round() forward, identity backward (straight-through estimator)."""
    return x + (torch.round(x) - x).detach()


class LRQATLinear(nn.Module):
    """A Linear whose weight is s * clip(round(Phi0 + (alpha/r) A @ B), -8, 7); trains A, B, s."""

    def __init__(self, linear, rank, alpha, init_scales='absmax'):
        super().__init__()
        w = linear.weight.detach().float()
        out, inp = w.shape
        self.out_features, self.in_features, self.rank, self.alpha = out, inp, rank, alpha
        s0 = SCALES[init_scales](w)
        phi0 = (w.view(out, inp // BLOCK, BLOCK) / s0[..., None]).view(out, inp)
        self.register_buffer('phi0_q', torch.round(phi0 * (1 << PHI_FRAC)).clamp(-128, 127).to(torch.int8))  # (out, in) int8 fixed point
        self.s = nn.Parameter(s0.clone())                                   # (out, in/BLOCK)
        self.A = nn.Parameter(torch.zeros(out, rank))                       # zero: training starts at RTN of Phi0
        self.B = nn.Parameter(torch.randn(rank, inp) / rank ** 0.5)

    def int_weight(self):
        """The integer grid values (as float, with straight-through rounding), computed in fp32."""
        with torch.autocast(self.A.device.type, enabled=False):
            phi0 = self.phi0_q.float() / (1 << PHI_FRAC)
            return torch.clamp(round_ste(phi0 + (self.alpha / self.rank) * (self.A.float() @ self.B.float())), QMIN, QMAX)

    def weight(self):
        q = self.int_weight()                                               # (out, in)
        out, inp = q.shape
        return (q.view(out, inp // BLOCK, BLOCK) * self.s[..., None]).view(out, inp)

    def forward(self, x):
        return F.linear(x, self.weight())

    @torch.no_grad()
    def merge(self):
        """(q int8 (out, in), s fp32 (out, in/BLOCK)): exactly the integers and scales of the forward pass."""
        return self.int_weight().to(torch.int8), self.s.detach().float().clone()


def quantizable(model, quant_head):
    """Names of the Linear layers that become int4 (all projections; the head only if asked)."""
    return [n for n, m in model.named_modules() if isinstance(m, (nn.Linear, LRQATLinear)) and (quant_head or n != 'lm_head')]


def wrap(model, rank, alpha, quant_head, init_scales='absmax'):
    """Replace the quantizable Linears by LRQATLinear and freeze everything else; the scales start at
    absmax/7 or by MSE range setting (init_scales), Phi0 = W0 / s0."""
    for p in model.parameters():
        p.requires_grad_(False)
    for name in quantizable(model, quant_head):
        parent, child = model.get_submodule(name.rsplit('.', 1)[0]) if '.' in name else model, name.rsplit('.', 1)[-1]
        lin = getattr(parent, child)
        if isinstance(lin, nn.Linear):
            setattr(parent, child, LRQATLinear(lin, rank, alpha, init_scales))
    return model


def merged_int4(model):
    """{layer name: (q, s)} from an LR-QAT model."""
    return {n: m.merge() for n, m in model.named_modules() if isinstance(m, LRQATLinear)}


def rtn_int4(model, quant_head, scales='absmax'):
    """{layer name: (q, s)} by round-to-nearest from an fp32 model."""
    return {n: rtn_quantize(model.get_submodule(n).weight, scales) for n in quantizable(model, quant_head)}


def apply_int4(model, q4):
    """Set each listed Linear's fp32 weight to its dequantized int4 value (for torch-side evaluation)."""
    for n, (q, s) in q4.items():
        m = model.get_submodule(n)
        assert isinstance(m, nn.Linear), f'{n} is not a plain Linear (merge LR-QAT first)'
        m.weight.data.copy_(dequantize(q, s))
    return model


def report(model_fp, q4, title):
    """Print and return the relative weight error of int4 vs fp32, per layer kind."""
    tot_err, tot = 0.0, 0.0
    for n, (q, s) in q4.items():
        w = model_fp.get_submodule(n).weight.detach().float()
        e = (dequantize(q, s) - w).pow(2).sum().item()
        tot_err += e
        tot += w.pow(2).sum().item()
    rel = (tot_err / max(tot, 1e-30)) ** 0.5
    print(f'{title}: {len(q4)} int4 layers, relative weight error ||W_q - W|| / ||W|| = {rel:.4f}')
    return rel


# ---------------------------------------------------------------------------------------------
# MatMulNBits packing (ENVIRONMENT.md): B uint8 [N, K/32, 16], element 2j in the low nibble and
# 2j+1 in the high nibble, stored as q + 8; scales fp32 [N * K/32]; no zero points (default 8).

def pack_matmulnbits(q, s):
    """q int8 (N, K), s (N, K/32) -> (B uint8 (N, K/32, 16), scales fp32 (N*K/32,))."""
    q = np.asarray(q, dtype=np.int16)
    N, K = q.shape
    u = (q + 8).astype(np.uint8).reshape(N, K // BLOCK, BLOCK)
    packed = (u[..., 0::2] | (u[..., 1::2] << 4)).astype(np.uint8)       # (N, K/32, 16)
    return packed, np.asarray(s, dtype=np.float32).reshape(-1)


def unpack_matmulnbits(packed, scales, K):
    """Inverse of pack_matmulnbits: (q int8 (N, K), s (N, K/32))."""
    N = packed.shape[0]
    u = np.empty((N, K // BLOCK, BLOCK), dtype=np.int16)
    u[..., 0::2] = packed & 0x0F
    u[..., 1::2] = packed >> 4
    return (u - 8).astype(np.int8).reshape(N, K), scales.reshape(N, K // BLOCK)
