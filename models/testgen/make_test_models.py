#!/usr/bin/python3
"""Makes the tiny test models for server/src/llm/ and their reference outputs.

Each model is a folder in the Hugging Face ONNX layout that the engine loads:

    config.json  generation_config.json  tokenizer.json  tokenizer_config.json
    onnx/model.onnx       fp32 weights (torch.onnx.export, opset 17)
    onnx/model_fp16.onnx  the same graph with fp16 weights and fp16 inputs/outputs
    onnx/model_q4.onnx    every linear MatMul replaced by com.microsoft MatMulNBits (int4, block 32)
    reference.json        logits and greedy continuations from this file's torch model

The decoder is Llama-shaped: RMSNorm, rotary positions, grouped-query attention (fewer KV heads
than query heads), SwiGLU MLP. The tokenizer is a byte-level BPE learned here on a few paragraphs.
The tiny model is first overfitted for a few hundred steps on chat-formatted text (fixed seed), so
that its greedy answers are real words with multi-byte characters and end with <|im_end|>; the
big one (`--size 100m`, for the benchmark only) keeps its random weights.

Run:  /usr/bin/python3 models/testgen/make_test_models.py              # models/test-tiny
      /usr/bin/python3 models/testgen/make_test_models.py --size 100m --out /tmp/m100 --no-fp16 --acc4  # bench
Needs only Debian's python3-torch, python3-onnx, python3-numpy (no onnxruntime, no tokenizers).
"""
import argparse
import json
import math
import os
import re
from collections import Counter

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

# ---------------------------------------------------------------------------------------------
# config: plain constants
SEED = 1234
SIZES = {
    # name: (dim, n_layers, n_heads, n_kv_heads, ffn_hidden, n_merges, train_steps)
    "tiny": (64, 2, 4, 2, 192, 320, 400),
    "100m": (768, 12, 12, 4, 2816, 320, 0),
}
MAX_POSITIONS = 1024     # context length written to config.json
ROPE_THETA = 10000.0
RMS_EPS = 1e-5
BLOCK = 32               # int4 block size along K
SPECIALS = ["<|bos|>", "<|eos|>", "<|pad|>", "<|im_start|>", "<|im_end|>"]
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

# Chat pairs the tiny model learns by heart; answers carry 2-, 3- and 4-byte UTF-8 characters.
CHATS = [
    ("What does a counter do?",
     "It counts clock edges: café → naïve, 計数器 ✓ 🎉. Done."),
    ("Explain the reset.",
     "The reset clears every register to zero — synchronously, on the rising edge. Ok."),
    ("Say hello.",
     "Hello, world! Grüße aus Zürich 😀 and 日本語 too."),
]
EXTRA_TEXT = """The quick brown fox jumps over the lazy dog. A register holds its value until the
next rising edge of the clock. Signals are driven by processes and read by other processes.
Il était une fois un café très élégant à Genève. Größe, Übung, Straße. 日本語のテキスト。
Emoji: 🎉 😀 ✓ → — « » … The counter counts up; the state machine moves from idle to busy.
"""

# ---------------------------------------------------------------------------------------------
# byte-level BPE (GPT-2 style), written out as a Hugging Face tokenizer.json


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable characters (space -> 'Ġ')."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE2CHAR = bytes_to_unicode()


def pretokenize(text):
    """The ByteLevel pre-tokenizer's split (GPT-2's pattern), with \p{L} and \p{N} approximated for
    Python's re; `_` is \w in Python but neither \p{L} nor \p{N}: it belongs to the punctuation run."""
    out = []
    for m in re.finditer(r"'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+", text):
        out.append("".join(BYTE2CHAR[b] for b in m.group(0).encode("utf-8")))
    return out


def train_bpe(text, n_merges):
    words = Counter(tuple(w) for w in pretokenize(text))
    merges = []
    for _ in range(n_merges):
        pairs = Counter()
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))[0]  # ties broken deterministically
        merges.append(best)
        new = Counter()
        for w, c in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new[tuple(out)] += c
        words = new
    return merges


class Tokenizer:
    def __init__(self, merges):
        self.vocab = {}
        for b in range(256):
            self.vocab[BYTE2CHAR[b]] = b
        for a, b in merges:
            if a + b not in self.vocab:
                self.vocab[a + b] = len(self.vocab)
        for s in SPECIALS:
            self.vocab[s] = len(self.vocab)
        self.merges = merges
        self.rank = {m: i for i, m in enumerate(merges)}
        self.inv = {i: t for t, i in self.vocab.items()}
        self.char2byte = {c: b for b, c in BYTE2CHAR.items()}

    def _bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            ranked = [(self.rank.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            r, i = min(ranked)
            if r == 1 << 30:
                break
            parts[i:i + 2] = [parts[i] + parts[i + 1]]
        return [self.vocab[p] for p in parts]

    def encode(self, text):
        """Special tokens are matched first, as added tokens; the rest is BPE'd word by word."""
        ids = []
        pattern = "(" + "|".join(re.escape(s) for s in SPECIALS) + ")"
        for piece in re.split(pattern, text):
            if piece in SPECIALS:
                ids.append(self.vocab[piece])
            elif piece:
                for w in pretokenize(piece):
                    ids.extend(self._bpe(w))
        return ids

    def decode_bytes(self, ids):
        out = bytearray()
        for i in ids:
            t = self.inv[i]
            if t in SPECIALS:
                continue
            out.extend(self.char2byte[c] for c in t)
        return bytes(out)

    def to_json(self):
        added = [{"id": self.vocab[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for s in SPECIALS]
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
        return {
            "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
            "normalizer": None, "pre_tokenizer": byte_level, "post_processor": byte_level, "decoder": byte_level,
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                      "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                      "vocab": self.vocab, "merges": [a + " " + b for a, b in self.merges]},
        }


def render_chat(messages, add_generation_prompt=True):
    """CHAT_TEMPLATE, in Python, so the references need no Jinja."""
    s = "<|bos|>"
    for m in messages:
        s += "<|im_start|>" + m["role"] + "\n" + m["content"] + "<|im_end|>\n"
    if add_generation_prompt:
        s += "<|im_start|>assistant\n"
    return s

# ---------------------------------------------------------------------------------------------
# the model


class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + RMS_EPS) * self.weight


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, n_heads, n_kv_heads):
        super().__init__()
        self.n_heads, self.n_kv_heads, self.head_dim = n_heads, n_kv_heads, dim // n_heads
        self.q_proj = nn.Linear(dim, n_heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(dim, n_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(dim, n_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(n_heads * self.head_dim, dim, bias=False)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.n_heads, self.head_dim).transpose(1, 2)     # (B, H, T, hd)
        k = self.k_proj(x).view(B, T, self.n_kv_heads, self.head_dim).transpose(1, 2)  # (B, KV, T, hd)
        v = self.v_proj(x).view(B, T, self.n_kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat([past_k, k], dim=2)                                               # (B, KV, S, hd)
        v = torch.cat([past_v, v], dim=2)
        rep = self.n_heads // self.n_kv_heads                                           # GQA: share KV heads
        S = k.shape[2]
        kk = k[:, :, None].expand(B, self.n_kv_heads, rep, S, self.head_dim).reshape(B, self.n_heads, S, self.head_dim)
        vv = v[:, :, None].expand(B, self.n_kv_heads, rep, S, self.head_dim).reshape(B, self.n_heads, S, self.head_dim)
        att = (q @ kk.transpose(-1, -2)) / math.sqrt(self.head_dim)                    # (B, H, T, S)
        att = att.masked_fill(~mask, -1e4)  # finite: a fully padded row stays a number, also in fp16
        y = F.softmax(att, dim=-1) @ vv                                                  # (B, H, T, hd)
        y = y.transpose(1, 2).reshape(B, T, self.n_heads * self.head_dim)
        return self.o_proj(y), k, v


class MLP(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, dim, n_heads, n_kv_heads, hidden):
        super().__init__()
        self.input_layernorm = RMSNorm(dim)
        self.attn = Attention(dim, n_heads, n_kv_heads)
        self.post_attention_layernorm = RMSNorm(dim)
        self.mlp = MLP(dim, hidden)

    def forward(self, x, cos, sin, mask, pk, pv):
        a, k, v = self.attn(self.input_layernorm(x), cos, sin, mask, pk, pv)
        x = x + a
        return x + self.mlp(self.post_attention_layernorm(x)), k, v


class Body(nn.Module):
    def __init__(self, vocab, dim, n_layers, n_heads, n_kv_heads, hidden):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList([Layer(dim, n_heads, n_kv_heads, hidden) for _ in range(n_layers)])
        self.norm = RMSNorm(dim)
        hd = dim // n_heads
        self.register_buffer("inv_freq", 1.0 / ROPE_THETA ** (torch.arange(0, hd, 2).float() / hd), persistent=False)

    def forward(self, input_ids, attention_mask, position_ids, past):
        x = self.embed_tokens(input_ids)                                       # (B, T, dim)
        T = input_ids.shape[1]
        P = past[0].shape[2]
        freqs = position_ids[..., None].float() * self.inv_freq                # (B, T, hd/2)
        emb = torch.cat([freqs, freqs], dim=-1)[:, None]                       # (B, 1, T, hd)
        cos, sin = emb.cos(), emb.sin()
        # key j is visible to query i when j <= P + i (causal) and attention_mask[b, j] == 1
        q_pos = torch.arange(T)[:, None] + P
        k_pos = torch.arange(P + T)[None, :]
        mask = (k_pos <= q_pos)[None, None] & attention_mask[:, None, None, :].bool()  # (B, 1, T, S)
        presents = []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, cos, sin, mask, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return self.norm(x), presents


class CausalLM(nn.Module):
    def __init__(self, vocab, dim, n_layers, n_heads, n_kv_heads, hidden):
        super().__init__()
        self.model = Body(vocab, dim, n_layers, n_heads, n_kv_heads, hidden)
        self.lm_head = nn.Linear(dim, vocab, bias=False)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        h, presents = self.model(input_ids, attention_mask, position_ids, list(past))
        return (self.lm_head(h), *presents)

# ---------------------------------------------------------------------------------------------
# helpers shared by training, references and export


def positions(mask):
    """HF convention: position = number of real tokens before, pads get 1."""
    p = mask.long().cumsum(-1) - 1
    return p.masked_fill(mask == 0, 1)


def empty_past(model, B):
    b = model.model
    a = b.layers[0].attn
    return [torch.zeros(B, a.n_kv_heads, 0, a.head_dim) for _ in range(2 * len(b.layers))]


def left_pad(seqs, pad_id):
    T = max(len(s) for s in seqs)
    ids = torch.tensor([[pad_id] * (T - len(s)) + s for s in seqs])
    mask = torch.tensor([[0] * (T - len(s)) + [1] * len(s) for s in seqs])
    return ids, mask


@torch.no_grad()
def greedy(model, prompt_ids, max_new, eos_ids):
    ids = torch.tensor([prompt_ids])
    mask = torch.ones_like(ids)
    past = empty_past(model, 1)
    out = []
    x, pos = ids, positions(mask)
    for _ in range(max_new):
        logits, *past = model(x, mask, pos, *past)
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if nxt in eos_ids:
            break
        x = torch.tensor([[nxt]])
        mask = torch.cat([mask, torch.ones(1, 1, dtype=mask.dtype)], dim=1)
        pos = torch.tensor([[mask.shape[1] - 1]])
    return out


def train(model, tok, steps):
    """Overfit the tiny model on the chats so its greedy answers are words, not noise."""
    texts = [render_chat([{"role": "user", "content": q}], True) + a + "<|im_end|>\n" for q, a in CHATS]
    texts += [EXTRA_TEXT]
    seqs = [tok.encode(t) for t in texts]
    ids, mask = left_pad(seqs, tok.vocab["<|pad|>"])
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    for step in range(steps):
        logits, *_ = model(ids, mask, positions(mask), *empty_past(model, ids.shape[0]))
        tgt = ids[:, 1:].masked_fill(mask[:, 1:] == 0, -100)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"  train step {step:4d}  loss {loss.item():.4f}")

# ---------------------------------------------------------------------------------------------
# ONNX export and rewrites


def export_fp32(model, path, n_layers):
    past_names = []
    for i in range(n_layers):
        past_names += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
    present_names = [n.replace("past_key_values", "present") for n in past_names]
    B, T, P = 2, 3, 4  # non-zero past so the trace keeps the concat general
    a = model.model.layers[0].attn
    past = [torch.randn(B, a.n_kv_heads, P, a.head_dim) for _ in past_names]
    ids = torch.randint(0, 100, (B, T))
    mask = torch.ones(B, P + T, dtype=torch.long)
    pos = torch.arange(P, P + T)[None].expand(B, T)
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for n in past_names:
        dyn[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in present_names:
        dyn[n] = {0: "batch_size", 2: "total_sequence_length"}
    torch.onnx.export(model, (ids, mask, pos, *past), path, opset_version=17, do_constant_folding=True,
                      input_names=["input_ids", "attention_mask", "position_ids", *past_names],
                      output_names=["logits", *present_names], dynamic_axes=dyn)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def quantize_int4(w):
    """w (K, N) float -> packed uint8 (N, K/BLOCK, BLOCK/2), scales (N * K/BLOCK,), dequantized (K, N).

    Symmetric per block of BLOCK rows of one column: q = round(w / s) + 8 in [0, 15], s = max|w| / 7.
    Element 2j of a block goes to the low nibble of byte j, element 2j+1 to the high nibble.
    """
    K, N = w.shape
    nb = K // BLOCK
    blocks = w.T.reshape(N, nb, BLOCK)                                       # (N, nb, BLOCK)
    s = np.abs(blocks).max(axis=-1) / 7.0                                    # (N, nb)
    s[s == 0] = 1.0
    q = np.clip(np.round(blocks / s[..., None]), -8, 7).astype(np.int32) + 8
    packed = (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8)          # (N, nb, BLOCK/2)
    deq = ((q - 8) * s[..., None]).reshape(N, K).T.astype(np.float32)
    return packed, s.astype(np.float32).reshape(-1), deq


#   A (B, T, K) ──► MatMul(A, W[K, N]) ──► (B, T, N)
#   becomes
#   A (B, T, K) ──► MatMulNBits(A, B_q4[N, K/32, 16], scales[N * K/32]; K, N, bits=4, block_size=32) ──► (B, T, N)
def rewrite_int4(m):
    """Replaces every MatMul with a 2-D weight initializer by MatMulNBits; returns {weight name: dequantized}."""
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    deqs, nodes, errs = {}, [], []
    for node in g.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" else None
        if w is None or len(w.dims) != 2 or w.dims[0] % BLOCK:
            nodes.append(node)
            continue
        wf = numpy_helper.to_array(w)
        packed, scales, deq = quantize_int4(wf)
        K, N = wf.shape
        base = node.name[: -len("MatMul")] if node.name.endswith("MatMul") else node.name + "/"
        bq = numpy_helper.from_array(packed, base + "weight_Q4")
        sc = numpy_helper.from_array(scales, base + "weight_scales")
        g.initializer.extend([bq, sc])
        nodes.append(helper.make_node("MatMulNBits", [node.input[0], bq.name, sc.name], list(node.output),
                                      name=base + "MatMulNBits", domain="com.microsoft",
                                      K=K, N=N, bits=4, block_size=BLOCK))
        deqs[w.name] = deq
        errs.append(float(np.abs(deq - wf).max() / (np.abs(wf).max() + 1e-12)))
        g.initializer.remove(w)
    del g.node[:]
    g.node.extend(nodes)
    m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    print(f"  int4: {len(deqs)} MatMuls -> MatMulNBits, max relative weight error {max(errs):.4f}")
    return deqs


def to_fp16(m):
    """Float tensors become fp16: weights, constants, casts, and the float inputs/outputs."""
    g = m.graph
    for i, init in enumerate(g.initializer):
        if init.data_type == TensorProto.FLOAT:
            g.initializer[i].CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for node in g.node:
        for a in node.attribute:
            if a.type == onnx.AttributeProto.TENSOR and a.t.data_type == TensorProto.FLOAT:
                a.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(a.t).astype(np.float16), a.t.name))
            if node.op_type == "Cast" and a.name == "to" and a.i == TensorProto.FLOAT:
                a.i = TensorProto.FLOAT16
    for v in list(g.input) + list(g.output):
        if v.type.tensor_type.elem_type == TensorProto.FLOAT:
            v.type.tensor_type.elem_type = TensorProto.FLOAT16
    del g.value_info[:]


def weight_map(model, m):
    """ONNX initializer name of each linear weight -> the torch Linear that owns it (by value)."""
    out = {}
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    for mod in model.modules():
        if isinstance(mod, nn.Linear):
            wt = mod.weight.detach().numpy().T
            for name, arr in inits.items():
                if arr.shape == wt.shape and np.array_equal(arr, wt):
                    out[name] = mod
    return out

# ---------------------------------------------------------------------------------------------
# references


@torch.no_grad()
def references(model, tok, eos_ids):
    pad = tok.vocab["<|pad|>"]
    prompts = ["The counter counts", "Größe: 日本"]
    seqs = [tok.encode("<|bos|>" + p) for p in prompts]
    ids, mask = left_pad(seqs, pad)
    logits, *past = model(ids, mask, positions(mask), *empty_past(model, 2))
    ref = {"batch": {"prompts": prompts, "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
                     "position_ids": positions(mask).tolist(), "logits": logits.tolist()}}
    # several cached decode steps on the same batch, fixed next tokens (greedy of row 0, row 1 follows)
    steps = []
    for _ in range(4):
        nxt = logits[:, -1].argmax(-1, keepdim=True)                      # (B, 1)
        mask = torch.cat([mask, torch.ones(2, 1, dtype=mask.dtype)], dim=1)
        pos = (mask.sum(-1, keepdim=True) - 1)
        logits, *past = model(nxt, mask, pos, *past)
        steps.append({"input_ids": nxt.tolist(), "attention_mask": mask.tolist(), "position_ids": pos.tolist(),
                      "logits": logits[:, -1].tolist()})
    ref["decode"] = steps
    gens = []
    for q, _ in CHATS + [("Tell me something new.", "")]:
        msgs = [{"role": "user", "content": q}]
        p = tok.encode(render_chat(msgs))
        out = greedy(model, p, 48, eos_ids)
        text_ids = [i for i in out if i not in eos_ids]
        gens.append({"messages": msgs, "prompt_ids": p, "output_ids": out,
                     "text": tok.decode_bytes(text_ids).decode("utf-8", errors="replace"),
                     "finish_reason": "stop" if out and out[-1] in eos_ids else "length"})
    ref["greedy"] = gens
    return ref


def round_tree(x, digits=6):
    if isinstance(x, list):
        return [round_tree(v, digits) for v in x]
    if isinstance(x, float):
        return float(f"{x:.{digits}g}")
    if isinstance(x, dict):
        return {k: round_tree(v, digits) for k, v in x.items()}
    return x


def write_odd_model(path):
    """A graph the engine must refuse: an image input beside input_ids, and no KV cache.

    input_ids (B, T) ──► Cast ──► Unsqueeze ──► Add(pixel_values mean) ──► logits (B, T, 1)
    """
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"])
    pix = helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch_size", 3, 8, 8])
    out = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", 1])
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["ids_f"], name="/odd/Cast", to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids_f", "axis"], ["ids_3d"], name="/odd/Unsqueeze"),
        helper.make_node("ReduceMean", ["pixel_values"], ["pix_mean"], name="/odd/ReduceMean", keepdims=0),
        helper.make_node("Add", ["ids_3d", "pix_mean"], ["logits"], name="/odd/Add"),
    ]
    axis = numpy_helper.from_array(np.array([-1], dtype=np.int64), "axis")
    g = helper.make_graph(nodes, "odd", [ids, mask, pix], [out], initializer=[axis])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(m)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(m, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", choices=list(SIZES), default="tiny")
    ap.add_argument("--out", default=None, help="model folder (default models/test-<size>)")
    ap.add_argument("--no-fp16", action="store_true")
    ap.add_argument("--acc4", action="store_true",
                    help="also write onnx/model_q4_acc4.onnx: MatMulNBits with accuracy_level=4 (int8 activations)")
    args = ap.parse_args()
    dim, n_layers, n_heads, n_kv, hidden, n_merges, steps = SIZES[args.size]
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", f"test-{args.size}")
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    torch.manual_seed(SEED)
    corpus = "\n".join(q + "\n" + a for q, a in CHATS) + "\n" + EXTRA_TEXT
    tok = Tokenizer(train_bpe(corpus, n_merges))
    vocab = len(tok.vocab)
    print(f"{args.size}: vocab {vocab}, dim {dim}, layers {n_layers}, heads {n_heads}/{n_kv} kv, ffn {hidden}")
    model = CausalLM(vocab, dim, n_layers, n_heads, n_kv, hidden)
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() == 2:
                p.normal_(0.0, 0.02 if args.size != "tiny" else 0.1)
    print(f"  params {sum(p.numel() for p in model.parameters()):,}")
    if steps:
        train(model, tok, steps)
    model.eval()
    eos_ids = [tok.vocab["<|eos|>"], tok.vocab["<|im_end|>"]]

    # folder files
    hd = dim // n_heads
    config = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": vocab,
              "hidden_size": dim, "intermediate_size": hidden, "num_hidden_layers": n_layers,
              "num_attention_heads": n_heads, "num_key_value_heads": n_kv, "head_dim": hd,
              "max_position_embeddings": MAX_POSITIONS, "rms_norm_eps": RMS_EPS, "rope_theta": ROPE_THETA,
              "hidden_act": "silu", "tie_word_embeddings": False, "torch_dtype": "float32",
              "bos_token_id": tok.vocab["<|bos|>"], "eos_token_id": eos_ids, "pad_token_id": tok.vocab["<|pad|>"]}
    gen_config = {"bos_token_id": config["bos_token_id"], "eos_token_id": eos_ids,
                  "pad_token_id": config["pad_token_id"], "do_sample": False, "max_new_tokens": 128}
    tok_config = {"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<|bos|>", "eos_token": "<|im_end|>",
                  "pad_token": "<|pad|>", "unk_token": None, "add_bos_token": False, "add_eos_token": False,
                  "clean_up_tokenization_spaces": False, "model_max_length": MAX_POSITIONS,
                  "chat_template": CHAT_TEMPLATE,
                  "added_tokens_decoder": {str(tok.vocab[s]): {"content": s, "lstrip": False, "normalized": False,
                                                               "rstrip": False, "single_word": False, "special": True}
                                           for s in SPECIALS}}
    for name, obj in [("config.json", config), ("generation_config.json", gen_config),
                      ("tokenizer.json", tok.to_json()), ("tokenizer_config.json", tok_config)]:
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=None if name == "tokenizer.json" else 2)

    # fp32
    p32 = os.path.join(out, "onnx", "model.onnx")
    m = export_fp32(model, p32, n_layers)
    print(f"  wrote {p32} ({os.path.getsize(p32):,} bytes)")
    refs = {"fp32": references(model, tok, eos_ids)} if args.size == "tiny" else {}
    refs_tok = {"texts": ["Hello, world!", "café → naïve 日本語 🎉", "<|im_start|>user\nHi<|im_end|>\n",
                          "  two  spaces\tand\nnewline", "x_y__z 123 4567"]}
    refs_tok["ids"] = [tok.encode(t) for t in refs_tok["texts"]]

    # fp16 (same graph, fp16 weights and float inputs/outputs)
    if not args.no_fp16:
        m16 = onnx.load(p32)
        to_fp16(m16)
        p16 = os.path.join(out, "onnx", "model_fp16.onnx")
        onnx.save(m16, p16)
        print(f"  wrote {p16} ({os.path.getsize(p16):,} bytes)")

    # int4: the torch reference uses the dequantized weights, i.e. exactly what MatMulNBits computes
    owners = weight_map(model, m)
    deqs = rewrite_int4(m)
    onnx.checker.check_model(m)
    p4 = os.path.join(out, "onnx", "model_q4.onnx")
    onnx.save(m, p4)
    print(f"  wrote {p4} ({os.path.getsize(p4):,} bytes)")
    if args.acc4:
        for node in m.graph.node:
            if node.op_type == "MatMulNBits":
                node.attribute.append(helper.make_attribute("accuracy_level", 4))
        pa = os.path.join(out, "onnx", "model_q4_acc4.onnx")
        onnx.save(m, pa)
        print(f"  wrote {pa}")
    if args.size == "tiny":
        with torch.no_grad():
            for name, deq in deqs.items():
                owners[name].weight.copy_(torch.from_numpy(deq.T.copy()))
        refs["q4"] = references(model, tok, eos_ids)
        refs["tokenizer"] = refs_tok
        with open(os.path.join(out, "reference.json"), "w", encoding="utf-8") as f:
            json.dump(round_tree(refs), f, ensure_ascii=False)
        print(f"  wrote reference.json")
        odd = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "llm",
                           "unexpected-inputs.onnx")
        write_odd_model(odd)
        print(f"  wrote {odd}")


if __name__ == "__main__":
    main()
