"""Export: valid ONNX with path-named nodes, int4 integers carried into MatMulNBits unchanged."""
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import export
import lrqat
from test_lrqat import tiny_model, trained_lrqat


def test_q4_graph_carries_the_merged_integers_unchanged():
    q = trained_lrqat()
    merged = lrqat.merged_int4(q)
    fp, _ = tiny_model(0)
    m = export.build_onnx(fp.state_dict(), fp.args, merged)
    names = {n.name for n in m.graph.node}
    assert '/model/layers.0/attn/q_proj/MatMulNBits' in names and '/model/layers.1/mlp/down_proj/MatMulNBits' in names
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    for node in m.graph.node:
        if node.op_type != 'MatMulNBits':
            continue
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        assert attrs['bits'] == 4 and attrs['block_size'] == 32
        layer = node.name[1:].rsplit('/', 1)[0].replace('/', '.').replace('.attn.', '.self_attn.')
        qi, s = lrqat.unpack_matmulnbits(inits[node.input[1]], inits[node.input[2]], attrs['K'])
        assert np.array_equal(qi, merged[layer][0].numpy()) and np.array_equal(s, merged[layer][1].numpy()), layer
    assert sum(n.op_type == 'MatMulNBits' for n in m.graph.node) == len(merged)


def test_fp32_graph_io_follows_the_hf_convention():
    fp, _ = tiny_model(0)
    m = export.build_onnx(fp.state_dict(), fp.args)
    ins = [i.name for i in m.graph.input]
    outs = [o.name for o in m.graph.output]
    assert ins[:3] == ['input_ids', 'attention_mask', 'position_ids'] and 'past_key_values.1.value' in ins
    assert outs[0] == 'logits' and 'present.0.key' in outs
    assert m.opset_import[0].version == 17
    assert not any(n.op_type == 'MatMulNBits' for n in m.graph.node)
