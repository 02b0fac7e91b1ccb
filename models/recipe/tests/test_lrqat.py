"""LR-QAT: the training forward equals the merged int4 forward exactly; MatMulNBits packing round-trips."""
import numpy as np
import torch
import torch.nn as nn

import lrqat
from model import Args, Llama, load_config


def tiny_model(seed=0):
    torch.manual_seed(seed)
    c = load_config('tiny')
    return Llama(Args(**{k: getattr(c, k) for k in Args.FIELDS})), c


def trained_lrqat(seed=0):
    """An LR-QAT model whose A, B and s have moved away from their initial values."""
    m, c = tiny_model(seed)
    lrqat.wrap(m, 4, 4.0, True)
    g = torch.Generator().manual_seed(seed)
    for mod in m.modules():
        if isinstance(mod, lrqat.LRQATLinear):
            mod.A.data = torch.randn(mod.A.shape, generator=g) * 0.3
            mod.s.data *= 1 + 0.05 * torch.randn(mod.s.shape, generator=g)
    return m


def test_lrqat_forward_equals_merged_int4_forward_exactly():
    q = trained_lrqat()
    merged = lrqat.merged_int4(q)
    plain, _ = tiny_model(0)
    plain.load_state_dict({k: v for k, v in q.state_dict().items() if k in plain.state_dict()}, strict=False)
    lrqat.apply_int4(plain, merged)
    x = torch.randint(0, 1000, (2, 17))
    with torch.no_grad():
        assert torch.equal(q(x)[0], plain(x)[0])
    for name, (qi, s) in merged.items():
        assert qi.dtype == torch.int8 and int(qi.min()) >= -8 and int(qi.max()) <= 7, name


def test_merged_integers_differ_from_rtn_after_training():
    q = trained_lrqat()
    ref, _ = tiny_model(0)
    rtn = lrqat.rtn_int4(ref, True)
    merged = lrqat.merged_int4(q)
    changed = sum(int((merged[n][0] != rtn[n][0]).sum()) for n in rtn)
    assert changed > 0


def test_initial_lrqat_weight_is_close_to_rtn():
    m, _ = tiny_model(1)
    ref = {n: mod.weight.detach().clone() for n, mod in m.named_modules() if isinstance(mod, nn.Linear)}
    rtn = lrqat.rtn_int4(m, True)
    lrqat.wrap(m, 4, 4.0, True)
    for n, (qi, s) in lrqat.merged_int4(m).items():
        # A = 0, so only Phi0's int8 fixed point (1/16 steps) can move a rounding: values within 1/32 of a .5 boundary
        assert (qi != rtn[n][0]).float().mean() < 0.05, n
        assert (qi.int() - rtn[n][0].int()).abs().max() <= 1, n
        assert torch.allclose(lrqat.dequantize(qi, s), lrqat.dequantize(*rtn[n]), atol=float(s.max()) + 1e-6)
        assert ref[n].shape == qi.shape


def test_mse_range_setting_has_less_rounding_error_than_absmax_and_lrqat_can_start_there():
    torch.manual_seed(3)
    w = torch.randn(64, 128) * 0.02
    w[::7, 5] = 0.15                                              # an outlier in some groups, as trained weights have
    err = {}
    for k in ('absmax', 'mse'):
        qi, s = lrqat.rtn_quantize(w, k)
        assert int(qi.min()) >= -8 and int(qi.max()) <= 7
        err[k] = float((lrqat.dequantize(qi, s) - w).pow(2).sum(-1).sum())
    assert err['mse'] < 0.95 * err['absmax'], err
    # never worse than absmax in any group (c = 1 is on the grid searched)
    qa, sa = lrqat.rtn_quantize(w, 'absmax')
    qm, sm = lrqat.rtn_quantize(w, 'mse')
    ga = (lrqat.dequantize(qa, sa) - w).pow(2).view(64, 4, 32).sum(-1)
    gm = (lrqat.dequantize(qm, sm) - w).pow(2).view(64, 4, 32).sum(-1)
    assert bool((gm <= ga * (1 + 1e-5) + 1e-12).all())
    # LR-QAT started with MSE scales begins at (almost exactly) their RTN integers
    m, _ = tiny_model(2)
    rtn = lrqat.rtn_int4(m, True, 'mse')
    lrqat.wrap(m, 4, 4.0, True, 'mse')
    for n, (qi, s) in lrqat.merged_int4(m).items():
        assert torch.equal(s, rtn[n][1]), n
        assert (qi != rtn[n][0]).float().mean() < 0.05, n


def test_only_a_b_and_scales_are_trained_and_receive_gradients():
    q = trained_lrqat()
    trainable = {n for n, p in q.named_parameters() if p.requires_grad}
    assert trainable and all(n.endswith(('.A', '.B', '.s')) for n in trainable)
    x = torch.randint(0, 1000, (2, 9))
    q.loss(x[:, :-1], x[:, 1:]).backward()
    for n, p in q.named_parameters():
        if p.requires_grad:
            assert p.grad is not None and p.grad.abs().sum() > 0, n
    phi = [b for n, b in q.named_buffers() if n.endswith('phi0_q')]
    assert phi and all(b.dtype == torch.int8 for b in phi)


def test_matmulnbits_packing_round_trips():
    rng = np.random.default_rng(0)
    q = rng.integers(-8, 8, (48, 96)).astype(np.int8)
    s = rng.random((48, 3)).astype(np.float32)
    packed, scales = lrqat.pack_matmulnbits(q, s)
    assert packed.shape == (48, 3, 16) and packed.dtype == np.uint8 and scales.shape == (144,)
    assert packed[0, 0, 0] == (q[0, 0] + 8) | ((q[0, 1] + 8) << 4)        # element 2j low nibble, 2j+1 high
    q2, s2 = lrqat.unpack_matmulnbits(packed, scales, 96)
    assert np.array_equal(q, q2) and np.array_equal(s, s2)
    for name, (qi, si) in list(lrqat.merged_int4(trained_lrqat()).items())[:3] + list(lrqat.rtn_int4(tiny_model()[0], True).items())[:3]:
        p, sc = lrqat.pack_matmulnbits(qi.numpy(), si.numpy())
        q3, s3 = lrqat.unpack_matmulnbits(p, sc, qi.shape[1])
        assert np.array_equal(q3, qi.numpy()) and np.array_equal(s3, si.numpy()), name


def test_rtn_reports_its_error():
    m, _ = tiny_model(2)
    err = lrqat.report(m, lrqat.rtn_int4(m, True), 'RTN')
    assert 0.01 < err < 0.2
