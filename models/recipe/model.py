"""Llama-style decoder: RMSNorm, rotary position embeddings, grouped-query attention, SwiGLU.

Module names follow Hugging Face's LlamaForCausalLM (model.layers.0.self_attn.q_proj, ...), and the
forward pass takes what the ONNX export exposes: input_ids, position_ids, attention_mask and an
optional key/value cache.
"""
import importlib.util
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

# Fused attention (flash / memory-efficient kernels) for training on a GPU: PyTorch 2's
# scaled_dot_product_attention, used only on CUDA tensors with a plain causal mask and no cache. The CPU
# path (and everything the export and the tests compare) is the explicit computation below. train.py
# checks the two paths against each other on the GPU before it uses it and turns it off if they differ.
USE_SDPA = hasattr(F, 'scaled_dot_product_attention')


class Args:
    """Model hyper-parameters, read from a config file (configs/*.py) of plain constants."""
    FIELDS = ['VOCAB', 'DIM', 'N_LAYERS', 'N_HEADS', 'N_KV_HEADS', 'FFN_DIM', 'MAX_SEQ', 'ROPE_THETA', 'NORM_EPS']

    def __init__(self, **kw):
        for k in self.FIELDS:
            setattr(self, k.lower(), kw[k])
        self.head_dim = self.dim // self.n_heads

    def to_dict(self):
        return {k: getattr(self, k.lower()) for k in self.FIELDS}


def load_config(path):
    """A config module (configs/tiny.py) as a namespace; `name` is its file stem."""
    if not path.endswith('.py'):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'configs', path + '.py')
    spec = importlib.util.spec_from_file_location('cfg', path)
    cfg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cfg)
    cfg.name = os.path.splitext(os.path.basename(path))[0]
    return cfg


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * xf.to(x.dtype)


def rope(position_ids, head_dim, theta):
    """cos, sin of shape (B, 1, T, head_dim) for the given absolute positions (B, T)."""
    inv = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32, device=position_ids.device) / head_dim))  # (head_dim/2,)
    f = position_ids.float()[..., None] * inv                                                 # (B, T, head_dim/2)
    emb = torch.cat([f, f], dim=-1)[:, None]                                                  # (B, 1, T, head_dim)
    return emb.cos(), emb.sin()


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], dim=-1)


class Attention(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.n_heads, self.n_kv, self.hd = a.n_heads, a.n_kv_heads, a.head_dim
        self.q_proj = nn.Linear(a.dim, a.n_heads * a.head_dim, bias=False)
        self.k_proj = nn.Linear(a.dim, a.n_kv_heads * a.head_dim, bias=False)
        self.v_proj = nn.Linear(a.dim, a.n_kv_heads * a.head_dim, bias=False)
        self.o_proj = nn.Linear(a.n_heads * a.head_dim, a.dim, bias=False)

    def forward(self, x, cos, sin, mask, past=None, causal_only=False):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.n_heads, self.hd).transpose(1, 2)    # (B, n_heads, T, hd)
        k = self.k_proj(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)       # (B, n_kv, T, hd)
        v = self.v_proj(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)       # (B, n_kv, T, hd)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                   # (B, n_kv, S, hd), S = past + T
            v = torch.cat([past[1], v], dim=2)
        present = (k, v)
        rep = self.n_heads // self.n_kv
        S = k.shape[2]
        kr = k[:, :, None].expand(B, self.n_kv, rep, S, self.hd).reshape(B, self.n_heads, S, self.hd)
        vr = v[:, :, None].expand(B, self.n_kv, rep, S, self.hd).reshape(B, self.n_heads, S, self.hd)
        if causal_only and USE_SDPA and x.is_cuda:
            dt = vr.dtype                       # under autocast: v is bf16, q and k fp32 after the rotation
            y = F.scaled_dot_product_attention(q.to(dt), kr.to(dt), vr, is_causal=True)
            return self.o_proj(y.transpose(1, 2).reshape(B, T, self.n_heads * self.hd)), present
        att = (q @ kr.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd))          # (B, n_heads, T, S)
        att = att.masked_fill(~mask, torch.finfo(att.dtype).min)
        att = F.softmax(att.float(), dim=-1).to(q.dtype)
        y = (att @ vr).transpose(1, 2).reshape(B, T, self.n_heads * self.hd)   # (B, T, n_heads*hd)
        return self.o_proj(y), present


class MLP(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.gate_proj = nn.Linear(a.dim, a.ffn_dim, bias=False)
        self.up_proj = nn.Linear(a.dim, a.ffn_dim, bias=False)
        self.down_proj = nn.Linear(a.ffn_dim, a.dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.input_layernorm = RMSNorm(a.dim, a.norm_eps)
        self.self_attn = Attention(a)
        self.post_attention_layernorm = RMSNorm(a.dim, a.norm_eps)
        self.mlp = MLP(a)

    def forward(self, x, cos, sin, mask, past=None, causal_only=False):
        h, present = self.self_attn(self.input_layernorm(x), cos, sin, mask, past, causal_only)
        x = x + h
        return x + self.mlp(self.post_attention_layernorm(x)), present


class Decoder(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.embed_tokens = nn.Embedding(a.vocab, a.dim)
        self.layers = nn.ModuleList(Block(a) for _ in range(a.n_layers))
        self.norm = RMSNorm(a.dim, a.norm_eps)


class Llama(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.args = a
        self.model = Decoder(a)
        self.lm_head = nn.Linear(a.dim, a.vocab, bias=False)
        self.apply(self._init)
        for n, p in self.named_parameters():       # GPT-2 style: scale residual projections by depth
            if n.endswith(('o_proj.weight', 'down_proj.weight')):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * a.n_layers))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, input_ids, position_ids=None, attention_mask=None, past_key_values=None):
        """logits (B, T, vocab) and the present key/values per layer.

        attention_mask (B, past + T) marks real tokens with 1 (left padding allowed); the causal
        mask comes from positions within the sequence of past + current tokens.
        """
        B, T = input_ids.shape
        past_len = past_key_values[0][0].shape[2] if past_key_values is not None else 0
        if position_ids is None:
            position_ids = torch.arange(past_len, past_len + T, device=input_ids.device)[None].expand(B, T)
        S = past_len + T
        causal = torch.ones(T, S, dtype=torch.bool, device=input_ids.device).tril(diagonal=S - T)   # (T, S)
        mask = causal[None, None]                                                                     # (1, 1, T, S)
        if attention_mask is not None:
            mask = mask & attention_mask.bool()[:, None, None, :]                                     # (B, 1, T, S)
        cos, sin = rope(position_ids, self.args.head_dim, self.args.rope_theta)
        x = self.model.embed_tokens(input_ids)                                                        # (B, T, dim)
        presents = []
        causal_only = attention_mask is None and past_key_values is None
        for i, layer in enumerate(self.model.layers):
            x, p = layer(x, cos, sin, mask, past_key_values[i] if past_key_values is not None else None, causal_only)
            presents.append(p)
        return self.lm_head(self.model.norm(x)), presents

    def loss(self, input_ids, targets, mask=None):
        """Mean cross-entropy of next-token predictions; `mask` (B, T) selects the positions that count."""
        logits, _ = self(input_ids)
        lp = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), targets.reshape(-1), reduction='none')
        if mask is None:
            return lp.mean()
        m = mask.reshape(-1).float()
        return (lp * m).sum() / m.sum().clamp(min=1)

    def distill_loss(self, input_ids, teacher, mask=None):
        """Mean KL(teacher || self) of the next-token distributions: LR-QAT's objective when it distils
        the fp32 model it started from, so that the int4 model learns to match that model rather than
        train further on the data (which the fp32 model has already seen). `mask` as in loss()."""
        logits, _ = self(input_ids)
        with torch.no_grad():
            t = F.log_softmax(teacher(input_ids)[0].float(), dim=-1)
        s = F.log_softmax(logits.float(), dim=-1)
        kl = (t.exp() * (t - s)).sum(-1).reshape(-1)
        if mask is None:
            return kl.mean()
        m = mask.reshape(-1).float()
        return (kl * m).sum() / m.sum().clamp(min=1)

    @property
    def device(self):
        """Where the weights are (inputs are made there)."""
        return next(self.parameters()).device

    @torch.no_grad()
    def generate(self, ids, max_new, stop_id=None):
        """Greedy decoding with the key/value cache (the reference for the export's recorded text)."""
        dev = self.device
        x = torch.tensor([ids], device=dev)
        logits, past = self(x)
        out = []
        for _ in range(max_new):
            nxt = int(logits[0, -1].argmax())
            if nxt == stop_id:
                break
            out.append(nxt)
            pos = torch.tensor([[len(ids) + len(out) - 1]], device=dev)
            logits, past = self(torch.tensor([[nxt]], device=dev), pos, None, past)
        return out


def n_params(m):
    return sum(p.numel() for p in m.parameters())
