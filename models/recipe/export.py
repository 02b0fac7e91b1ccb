"""ONNX export in the Hugging Face decoder layout: fp32, RTN int4 and LR-QAT int4 (MatMulNBits).

    python3 export.py --config small --run runs/small --tok runs/tok --out runs/small/export

writes, per variant, a folder in the layout the engine loads (config.json, generation_config.json,
tokenizer.json, tokenizer_config.json, onnx/model.onnx or onnx/model_q4.onnx, reference.json):
    <out>/fp32      onnx/model.onnx      fp32 weights of mix/final.pt (what LR-QAT started from)
    <out>/rtn       onnx/model_q4.onnx   round-to-nearest int4 of the same weights
    <out>/lrqat     onnx/model_q4.onnx   the integers LR-QAT trained (qat/final.pt), merged, not requantized

The graph is written node by node (as onnxruntime-genai's model builder does) so that every node
has a path name (/model/layers.0/attn/q_proj/MatMulNBits) and int4 weights go straight into
com.microsoft MatMulNBits. Inputs: input_ids, attention_mask, position_ids,
past_key_values.{i}.key|value [batch, kv_heads, past, head_dim]; outputs: logits, present.{i}.key|value.
reference.json records a greedy continuation of a fixed prompt computed in torch with the same
weights, for the engine's byte-for-byte test. With --reference-pairs the prompt is the first pair of
that file (e.g. <data>/heldout_pairs.jsonl, made by the server's prompt builder): what the extension
really sends; without it, a small stand-in prompt.
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deps import require  # noqa: E402
require('torch', 'onnx', 'numpy')

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lrqat  # noqa: E402
from model import Args, Llama, load_config  # noqa: E402

OPSET = 17
MIN = float(np.finfo(np.float32).min)


class Graph:
    """Collects nodes and initializers; op() names outputs after the node: <name>/output_0."""

    def __init__(self):
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []

    def init(self, name, arr):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def const(self, name, values, dtype=np.int64):
        return self.init(name, np.array(values, dtype=dtype))

    def op(self, op_type, inputs, name, n_out=1, outputs=None, domain='', **attrs):
        outs = outputs or [f'{name}/output_{i}' for i in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=name, domain=domain or None, **attrs))
        return outs[0] if len(outs) == 1 else outs


def linear(g, x, path, spec):
    """x @ W^T: fp32 MatMul, or MatMulNBits from int4 integers q (N, K) and scales s (N, K/32)."""
    if spec[0] == 'fp32':
        w = spec[1]                                                          # (N, K)
        return g.op('MatMul', [x, g.init(path[1:].replace('/', '.') + '.weight', w.T.astype(np.float32))], f'{path}/MatMul')
    _, q, s = spec
    N, K = q.shape
    packed, scales = lrqat.pack_matmulnbits(q, s)
    base = path[1:].replace('/', '.') + '.MatMulNBits'
    return g.op('MatMulNBits', [x, g.init(base + '.qweight', packed), g.init(base + '.scales', scales)],
                f'{path}/MatMulNBits', domain='com.microsoft', K=K, N=N, bits=4, block_size=lrqat.BLOCK)


def rms_norm(g, x, path, weight, eps):
    """
        x ─┬─ Mul(x, x) ─ ReduceMean(-1) ─ Add(eps) ─ Sqrt ─ Reciprocal ─┐
           └──────────────────────────────────────────────────────── Mul ─ Mul(weight) ─►
    """
    sq = g.op('Mul', [x, x], f'{path}/Pow')
    ms = g.op('ReduceMean', [sq], f'{path}/ReduceMean', axes=[-1], keepdims=1)
    e = g.op('Add', [ms, g.init(f'{path[1:]}.eps', np.array(eps, np.float32))], f'{path}/Add')
    r = g.op('Reciprocal', [g.op('Sqrt', [e], f'{path}/Sqrt')], f'{path}/Reciprocal')
    return g.op('Mul', [g.op('Mul', [x, r], f'{path}/Mul'), g.init(f'{path[1:].replace("/", ".")}.weight', weight)], f'{path}/Mul_1')


def rotary(g, args):
    """cos, sin (B, 1, T, head_dim) from position_ids, exactly as model.rope():

        position_ids ─ Cast(float) ─ Unsqueeze(-1) ─ Mul(inv_freq) ─ Concat(f, f) ─ Unsqueeze(1) ─┬─ Cos ─►
                                                                                                  └─ Sin ─►
    """
    p = '/model/rotary_emb'
    hd = args.head_dim
    inv = (1.0 / (args.rope_theta ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))).numpy()
    pos = g.op('Cast', ['position_ids'], f'{p}/Cast', to=TensorProto.FLOAT)
    pos = g.op('Unsqueeze', [pos, g.const(f'{p[1:]}.axes_last', [-1])], f'{p}/Unsqueeze')
    f = g.op('Mul', [pos, g.init('model.rotary_emb.inv_freq', inv)], f'{p}/Mul')
    emb = g.op('Concat', [f, f], f'{p}/Concat', axis=-1)
    emb = g.op('Unsqueeze', [emb, g.const(f'{p[1:]}.axes_head', [1])], f'{p}/Unsqueeze_1')
    return g.op('Cos', [emb], f'{p}/Cos'), g.op('Sin', [emb], f'{p}/Sin')


def attention_mask(g):
    """allowed (B, 1, T, S): causal over past + current tokens, and not padding.

        attention_mask ─ Cast(bool) ─ Unsqueeze(1, 2) ─────────────────────────────────┐
        S = Shape(attention_mask)[1], T = Shape(input_ids)[1]                           And ─► allowed
        Range(0, S) ─ Unsqueeze(0) ─┐                                                   │
        Range(S-T, S) ─ Unsqueeze(1) ─ LessOrEqual(key_pos <= query_pos) ─ (T, S) ──────┘
    """
    p = '/model/attn_mask'
    one = g.const('model.attn_mask.one', 1)
    S = g.op('Gather', [g.op('Shape', ['attention_mask'], f'{p}/Shape'), one], f'{p}/Gather', axis=0)
    T = g.op('Gather', [g.op('Shape', ['input_ids'], f'{p}/Shape_1'), one], f'{p}/Gather_1', axis=0)
    kpos = g.op('Range', [g.const('model.attn_mask.zero', 0), S, one], f'{p}/Range')
    qpos = g.op('Range', [g.op('Sub', [S, T], f'{p}/Sub'), S, one], f'{p}/Range_1')
    kpos = g.op('Unsqueeze', [kpos, g.const('model.attn_mask.axes0', [0])], f'{p}/Unsqueeze')
    qpos = g.op('Unsqueeze', [qpos, g.const('model.attn_mask.axes1', [1])], f'{p}/Unsqueeze_1')
    causal = g.op('LessOrEqual', [kpos, qpos], f'{p}/LessOrEqual')                       # (T, S)
    pad = g.op('Cast', ['attention_mask'], f'{p}/Cast', to=TensorProto.BOOL)
    pad = g.op('Unsqueeze', [pad, g.const('model.attn_mask.axes12', [1, 2])], f'{p}/Unsqueeze_2')   # (B, 1, 1, S)
    return g.op('And', [causal, pad], f'{p}/And')                                         # (B, 1, T, S)


def rope_apply(g, x, cos, sin, path, hd):
    """x * cos + rotate_half(x) * sin, rotate_half(x) = Concat(-x2, x1) for x = Concat(x1, x2)."""
    x1, x2 = g.op('Split', [x, g.const(f'{path[1:]}.split', [hd // 2, hd // 2])], f'{path}/Split', n_out=2, axis=-1)
    rot = g.op('Concat', [g.op('Neg', [x2], f'{path}/Neg'), x1], f'{path}/Concat', axis=-1)
    return g.op('Add', [g.op('Mul', [x, cos], f'{path}/Mul'), g.op('Mul', [rot, sin], f'{path}/Mul_1')], f'{path}/Add')


def attention(g, x, i, args, W, cos, sin, allowed):
    """Grouped-query attention with a key/value cache.

        x ─ q_proj ─ Reshape(B,T,H,hd) ─ Transpose ─ RoPE ────────────────────────────┐
        x ─ k_proj ─ Reshape(B,T,KV,hd) ─ Transpose ─ RoPE ─ Concat(past.key) ─► present.key
                                                              └ repeat KV->H ─ Transpose ─ MatMul ─ Mul(1/sqrt(hd))
        x ─ v_proj ─ Reshape ─ Transpose ─ Concat(past.value) ─► present.value                   │
                                            └ repeat KV->H ──────────────┐     Where(allowed, ., MIN)
                                                                          MatMul ◄─ Softmax ◄─────┘
                                                    o_proj ◄─ Reshape(B,T,H*hd) ◄─ Transpose ◄─┘
    """
    p = f'/model/layers.{i}/attn'
    H, KV, hd = args.n_heads, args.n_kv_heads, args.head_dim
    pre = f'model.layers.{i}.self_attn'

    def heads(name, n):
        y = linear(g, x, f'{p}/{name}', W(f'{pre}.{name}'))
        y = g.op('Reshape', [y, g.const(f'{p[1:]}.{name}.shape', [0, 0, n, hd])], f'{p}/{name}/Reshape')
        return g.op('Transpose', [y], f'{p}/{name}/Transpose', perm=[0, 2, 1, 3])       # (B, n, T, hd)
    q = rope_apply(g, heads('q_proj', H), cos, sin, f'{p}/q_rotary', hd)
    k = rope_apply(g, heads('k_proj', KV), cos, sin, f'{p}/k_rotary', hd)
    v = heads('v_proj', KV)
    k = g.op('Concat', [f'past_key_values.{i}.key', k], f'{p}/k_cache/Concat', outputs=[f'present.{i}.key'], axis=2)
    v = g.op('Concat', [f'past_key_values.{i}.value', v], f'{p}/v_cache/Concat', outputs=[f'present.{i}.value'], axis=2)
    if H != KV:
        def repeat(t, name):
            t = g.op('Unsqueeze', [t, g.const(f'{p[1:]}.{name}.axes', [2])], f'{p}/{name}/Unsqueeze')
            t = g.op('Expand', [t, g.const(f'{p[1:]}.{name}.expand', [1, 1, H // KV, 1, 1])], f'{p}/{name}/Expand')
            return g.op('Reshape', [t, g.const(f'{p[1:]}.{name}.shape', [0, H, -1, hd])], f'{p}/{name}/Reshape')
        k, v = repeat(k, 'k_repeat'), repeat(v, 'v_repeat')                             # (B, H, S, hd)
    kt = g.op('Transpose', [k], f'{p}/k_transpose', perm=[0, 1, 3, 2])
    att = g.op('MatMul', [q, kt], f'{p}/qk/MatMul')                                     # (B, H, T, S)
    att = g.op('Mul', [att, g.init(f'{p[1:]}.scale', np.array(1.0 / np.sqrt(hd), np.float32))], f'{p}/qk/Mul')
    att = g.op('Where', [allowed, att, g.init(f'{p[1:]}.min', np.array(MIN, np.float32))], f'{p}/mask/Where')
    att = g.op('Softmax', [att], f'{p}/Softmax', axis=-1)
    y = g.op('MatMul', [att, v], f'{p}/av/MatMul')                                      # (B, H, T, hd)
    y = g.op('Transpose', [y], f'{p}/av/Transpose', perm=[0, 2, 1, 3])
    y = g.op('Reshape', [y, g.const(f'{p[1:]}.out.shape', [0, 0, H * hd])], f'{p}/av/Reshape')
    return linear(g, y, f'{p}/o_proj', W(f'{pre}.o_proj'))


def mlp(g, x, i, W):
    """down_proj(silu(gate_proj(x)) * up_proj(x)), silu(a) = a * Sigmoid(a)."""
    p, pre = f'/model/layers.{i}/mlp', f'model.layers.{i}.mlp'
    gate = linear(g, x, f'{p}/gate_proj', W(f'{pre}.gate_proj'))
    act = g.op('Mul', [gate, g.op('Sigmoid', [gate], f'{p}/act/Sigmoid')], f'{p}/act/Mul')
    up = linear(g, x, f'{p}/up_proj', W(f'{pre}.up_proj'))
    return linear(g, g.op('Mul', [act, up], f'{p}/Mul'), f'{p}/down_proj', W(f'{pre}.down_proj'))


def build_onnx(state, args, q4=None):
    """The decoder as an ONNX model; q4 {linear name: (q, s)} selects MatMulNBits for those layers."""
    q4 = q4 or {}
    sd = {k: v.detach().float().numpy() for k, v in state.items()}

    def W(name):
        if name in q4:
            q, s = q4[name]
            return ('q4', q.numpy(), s.numpy())
        return ('fp32', sd[name + '.weight'])
    g = Graph()
    B, T, P, S = 'batch_size', 'sequence_length', 'past_sequence_length', 'total_sequence_length'
    g.inputs += [helper.make_tensor_value_info('input_ids', TensorProto.INT64, [B, T]),
                 helper.make_tensor_value_info('attention_mask', TensorProto.INT64, [B, S]),
                 helper.make_tensor_value_info('position_ids', TensorProto.INT64, [B, T])]
    for i in range(args.n_layers):
        for kv in ('key', 'value'):
            g.inputs.append(helper.make_tensor_value_info(f'past_key_values.{i}.{kv}', TensorProto.FLOAT, [B, args.n_kv_heads, P, args.head_dim]))
    g.outputs.append(helper.make_tensor_value_info('logits', TensorProto.FLOAT, [B, T, args.vocab]))
    for i in range(args.n_layers):
        for kv in ('key', 'value'):
            g.outputs.append(helper.make_tensor_value_info(f'present.{i}.{kv}', TensorProto.FLOAT, [B, args.n_kv_heads, S, args.head_dim]))
    x = g.op('Gather', [g.init('model.embed_tokens.weight', sd['model.embed_tokens.weight']), 'input_ids'], '/model/embed_tokens/Gather', axis=0)
    cos, sin = rotary(g, args)
    allowed = attention_mask(g)
    for i in range(args.n_layers):
        h = rms_norm(g, x, f'/model/layers.{i}/input_layernorm', sd[f'model.layers.{i}.input_layernorm.weight'], args.norm_eps)
        x = g.op('Add', [x, attention(g, h, i, args, W, cos, sin, allowed)], f'/model/layers.{i}/attn_residual/Add')
        h = rms_norm(g, x, f'/model/layers.{i}/post_attention_layernorm', sd[f'model.layers.{i}.post_attention_layernorm.weight'], args.norm_eps)
        x = g.op('Add', [x, mlp(g, h, i, W)], f'/model/layers.{i}/mlp_residual/Add')
    x = rms_norm(g, x, '/model/norm', sd['model.norm.weight'], args.norm_eps)
    linear(g, x, '/lm_head', W('lm_head'))
    g.nodes[-1].output[0] = 'logits'
    graph = helper.make_graph(g.nodes, 'vhdl_explain_decoder', g.inputs, g.outputs, g.inits)
    opsets = [helper.make_opsetid('', OPSET)] + ([helper.make_opsetid('com.microsoft', 1)] if q4 else [])
    m = helper.make_model(graph, opset_imports=opsets, producer_name='vhdl-explain models/recipe/export.py')
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


# ---------------------------------------------------------------------------------------------
# files around the graph

REF_DESIGN = '''library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

entity blink is
  port (clk : in std_logic; rst : in std_logic; led : out std_logic);
end entity blink;

architecture rtl of blink is
  signal cnt : unsigned(23 downto 0);
begin
  process (clk)
  begin
    if rising_edge(clk) then
      if rst = '1' then
        cnt <= (others => '0');
      else
        cnt <= cnt + 1;
      end if;
    end if;
  end process;
  led <= cnt(23);
end architecture rtl;
'''


def hf_config(args, tok):
    return {'architectures': ['LlamaForCausalLM'], 'model_type': 'llama', 'vocab_size': args.vocab,
            'hidden_size': args.dim, 'intermediate_size': args.ffn_dim, 'num_hidden_layers': args.n_layers,
            'num_attention_heads': args.n_heads, 'num_key_value_heads': args.n_kv_heads, 'head_dim': args.head_dim,
            'max_position_embeddings': args.max_seq, 'rms_norm_eps': args.norm_eps, 'rope_theta': args.rope_theta,
            'hidden_act': 'silu', 'tie_word_embeddings': False, 'bos_token_id': None,
            'eos_token_id': tok.special['<|im_end|>'], 'pad_token_id': tok.special['<|endoftext|>'], 'torch_dtype': 'float32'}


def reference(model, tok, max_new, messages=None):
    """Greedy continuation of the fixed prompt with the exported weights (torch, fp32 arithmetic)."""
    from prepare import SYSTEM, render_chat
    msgs = messages or [{'role': 'system', 'content': SYSTEM},
                        {'role': 'user', 'content': 'Explain this VHDL design.\n\n```vhdl\n' + REF_DESIGN + '```'}]
    ids = tok.encode(render_chat(msgs))
    out = model.generate(ids, max_new, stop_id=tok.special['<|im_end|>'])
    return {'prompt_messages': msgs, 'prompt_ids': ids, 'max_new_tokens': max_new, 'ids': out, 'text': tok.decode(out),
            'computed_by': 'torch fp32 with the exported (dequantized) weights, greedy, KV cache'}


def write_variant(out, name, onnx_model, args, tok_dir, tok, torch_model, max_new, ref_messages=None):
    d = os.path.join(out, name)
    os.makedirs(os.path.join(d, 'onnx'), exist_ok=True)
    fname = 'model.onnx' if name == 'fp32' else 'model_q4.onnx'
    onnx.save(onnx_model, os.path.join(d, 'onnx', fname + '.tmp'))
    os.replace(os.path.join(d, 'onnx', fname + '.tmp'), os.path.join(d, 'onnx', fname))
    for f in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copy(os.path.join(tok_dir, f), os.path.join(d, f))
    json.dump(hf_config(args, tok), open(os.path.join(d, 'config.json'), 'w'), indent=1)
    json.dump({'eos_token_id': [tok.special['<|im_end|>'], tok.special['<|endoftext|>']], 'pad_token_id': tok.special['<|endoftext|>'],
               'do_sample': False, 'max_new_tokens': 512}, open(os.path.join(d, 'generation_config.json'), 'w'), indent=1)
    json.dump(reference(torch_model, tok, max_new, ref_messages), open(os.path.join(d, 'reference.json'), 'w'), indent=1)
    mb = os.path.getsize(os.path.join(d, 'onnx', fname)) / 1e6
    print(f'{name}: {os.path.join(d, "onnx", fname)} ({mb:.1f} MB)')


def load_models(cfg, run, fp_from='mix/final.pt'):
    """(fp32 model from <run>/<fp_from>, LR-QAT model from qat/final.pt or None)."""
    from train import load_checked
    args = Args(**{k: getattr(cfg, k) for k in Args.FIELDS})
    fp = Llama(args)
    fp.load_state_dict(load_checked(os.path.join(run, fp_from))['model'])
    qp = os.path.join(run, 'qat', 'final.pt')
    qat = None
    if os.path.exists(qp):
        qat = lrqat.wrap(Llama(args), cfg.QAT_RANK, cfg.QAT_ALPHA, cfg.QUANT_HEAD)
        qat.load_state_dict(load_checked(qp)['model'])
    return fp.eval(), (qat.eval() if qat is not None else None)


def int4_model(fp, q4):
    """A plain fp32 Llama whose quantized Linears hold the dequantized int4 weights."""
    m = Llama(fp.args)
    m.load_state_dict(fp.state_dict())
    return lrqat.apply_int4(m, q4).eval()


def export_all(cfg, run, tok_dir, out, max_new=48, ref_pairs=None):
    from tokenizer import Tokenizer
    tok = Tokenizer.load(tok_dir)
    fp, qat = load_models(cfg, run)
    args = fp.args
    msgs = None
    if ref_pairs and os.path.exists(ref_pairs):
        with open(ref_pairs) as fh:
            msgs = json.loads(fh.readline())['prompt_messages']
    elif ref_pairs:
        print(f'note: {ref_pairs} missing: the reference uses the stand-in prompt')
    write_variant(out, 'fp32', build_onnx(fp.state_dict(), args), args, tok_dir, tok, fp, max_new, msgs)
    rtn = lrqat.rtn_int4(fp, cfg.QUANT_HEAD)
    lrqat.report(fp, rtn, 'RTN int4')
    write_variant(out, 'rtn', build_onnx(fp.state_dict(), args, rtn), args, tok_dir, tok, int4_model(fp, rtn), max_new, msgs)
    if qat is not None:
        q4 = lrqat.merged_int4(qat)
        lrqat.report(fp, q4, 'LR-QAT int4')
        # the non-quantized tensors (embeddings, norms, head unless quantized) are unchanged by LR-QAT
        write_variant(out, 'lrqat', build_onnx(fp.state_dict(), args, q4), args, tok_dir, tok, int4_model(fp, q4), max_new, msgs)
    else:
        print(f'note: {run}/qat/final.pt missing: no LR-QAT export (run train.py --phase qat)')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--config', default='small')
    ap.add_argument('--run', required=True)
    ap.add_argument('--tok', default='runs/tok')
    ap.add_argument('--out', help='default: <run>/export')
    ap.add_argument('--max-new', type=int, default=48, help='tokens in the recorded greedy reference')
    ap.add_argument('--reference-pairs', help='JSONL of pairs: the first one\'s prompt_messages is the reference prompt')
    a = ap.parse_args()
    torch.set_num_threads(2)
    export_all(load_config(a.config), a.run, a.tok, a.out or os.path.join(a.run, 'export'), a.max_new, a.reference_pairs)


if __name__ == '__main__':
    main()
