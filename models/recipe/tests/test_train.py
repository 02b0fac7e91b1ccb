"""Training: an interrupted run resumes to the same state; corrupt checkpoints are detected; results are not overwritten."""
import os

import pytest
import torch

import train


def states_equal(a, b):
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_resume_after_interruption_gives_the_same_state(tiny, cfg, tmp_path):
    quiet = lambda *_: None
    straight = train.train(cfg, 'pretrain', str(tmp_path / 'a'), tiny['data'], steps=6, log=quiet)
    assert train.train(cfg, 'pretrain', str(tmp_path / 'b'), tiny['data'], steps=6, log=quiet, stop_after=3) is None
    assert os.path.exists(tmp_path / 'b' / 'pretrain' / 'ckpt.pt')
    resumed = train.train(cfg, 'pretrain', str(tmp_path / 'b'), tiny['data'], steps=6, log=quiet)
    a, b = torch.load(straight)['model'], torch.load(resumed)['model']
    assert states_equal(a, b)


def test_corrupt_checkpoint_falls_back_to_backup(tiny, cfg, tmp_path, capsys):
    run = str(tmp_path / 'c')
    train.train(cfg, 'pretrain', run, tiny['data'], steps=8, log=lambda *_: None, stop_after=4)   # ckpt at 2 and 4
    ck = tmp_path / 'c' / 'pretrain' / 'ckpt.pt'
    ck.write_bytes(ck.read_bytes()[:1000])                                                      # truncated
    got = train.resume(str(tmp_path / 'c' / 'pretrain'))
    assert got['step'] == 2
    assert 'corrupt' in capsys.readouterr().err
    (tmp_path / 'c' / 'pretrain' / 'ckpt.bak.pt').write_bytes(b'garbage')
    with pytest.raises(SystemExit, match='no readable checkpoint'):
        train.resume(str(tmp_path / 'c' / 'pretrain'))


def test_finished_phase_is_kept_and_force_moves_it_aside(tiny, cfg, tmp_path):
    run = str(tmp_path / 'd')
    quiet = lambda *_: None
    final = train.train(cfg, 'pretrain', run, tiny['data'], steps=2, log=quiet)
    before = open(final, 'rb').read()
    assert train.train(cfg, 'pretrain', run, tiny['data'], steps=2, log=quiet) == final
    assert open(final, 'rb').read() == before
    train.train(cfg, 'pretrain', run, tiny['data'], steps=2, log=quiet, force=True)
    kept = [f for f in os.listdir(os.path.dirname(final)) if f.startswith('final.') and f != 'final.pt']
    assert len(kept) == 1 and open(os.path.join(os.path.dirname(final), kept[0]), 'rb').read() == before


def test_extend_trains_a_finished_phase_on_from_its_checkpoint(tiny, cfg, tmp_path):
    run = str(tmp_path / 'x')
    quiet = lambda *_: None
    final = train.train(cfg, 'pretrain', run, tiny['data'], steps=2, log=quiet)
    before = open(final, 'rb').read()
    with pytest.raises(SystemExit, match='--extend needs --steps above the 2 steps'):
        train.train(cfg, 'pretrain', run, tiny['data'], steps=2, log=quiet, extend=True)
    lines = []
    train.train(cfg, 'pretrain', run, tiny['data'], steps=4, log=lines.append, extend=True)
    assert any('steps 2..4' in l for l in lines), lines              # resumed at step 2, not restarted
    assert train.load_checked(final)['step'] == 4
    assert open(os.path.join(os.path.dirname(final), 'final.2.pt'), 'rb').read() == before
    import json   # the summary the card reads is the new result's; the old one went aside with it
    assert json.load(open(os.path.join(run, 'pretrain', 'summary.json')))['step'] == 4
    assert json.load(open(os.path.join(run, 'pretrain', 'summary.2.json')))['step'] == 2


def test_sft_loss_counts_only_answer_tokens(tiny, cfg):
    d = train.SFTData(os.path.join(tiny['data'], 'sft_train.npz'), cfg.SFT_SEQ)
    x, y, m = d.batch(0, 0, 2)
    assert m.sum() > 0 and (m == 0).any()
    assert set(m.unique().tolist()) <= {0, 1}


def test_distillation_over_whole_pairs_counts_every_real_token_and_no_padding(cfg):
    m = torch.tensor([[0, 0, 1, 1, 0, 0], [0, 1, 0, 1, 1, 0], [0, 0, 0, 0, 0, 1]])
    assert train.distill_mask(cfg, m) is m                       # default: the answers only
    assert train.distill_mask(cfg, None) is None                 # plain text: every token
    cfg.QAT_DISTILL_TOKENS = 'all'
    assert train.distill_mask(cfg, m).tolist() == [[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1]]
    assert train.distill_mask(cfg, None) is None


def test_gold_repeat_puts_each_gold_pair_in_the_instruction_data_that_many_times(tiny, tmp_path):
    import shutil
    import numpy as np
    import prepare
    from conftest import A
    data = str(tmp_path / 'data')
    shutil.copytree(tiny['data'], data)
    pairs = prepare.read_jsonl(os.path.join(data, 'pairs.jsonl'))
    gold = sum(p['source'] == 'gold' for p in pairs)
    assert gold > 0
    prepare.cmd_shards(A(data=data, tok=tiny['tok'], max_len=256, real_repeat=2, gold_repeat=3))
    z, once = np.load(os.path.join(data, 'sft_train.npz')), np.load(os.path.join(tiny['data'], 'sft_train.npz'))
    assert len(z['offsets']) - 1 == len(pairs) + 2 * gold
    rows = lambda f: [bytes(f['tokens'][a:b]) for a, b in zip(f['offsets'][:-1], f['offsets'][1:])]
    first = [r for p, r in zip(pairs, rows(once)) if p['source'] == 'gold'][0]
    assert rows(z).count(first) == 3 * rows(once).count(first)
    assert np.array_equal(np.load(os.path.join(data, 'sft_val.npz'))['tokens'], np.load(os.path.join(tiny['data'], 'sft_val.npz'))['tokens'])


def test_missing_previous_phase_is_a_clear_error(tiny, cfg, tmp_path):
    with pytest.raises(SystemExit, match='run the pretrain phase first'):
        train.train(cfg, 'sft', str(tmp_path / 'e'), tiny['data'], steps=1, log=lambda *_: None)


def test_distillation_loss_is_zero_against_itself_and_falls_as_lrqat_learns(tiny, cfg, tmp_path):
    """QAT_DISTILL: LR-QAT's loss is KL to the fp32 model it starts from; it is 0 for that model itself
    and the int4 model's KL to it goes down while LR-QAT trains."""
    run = str(tmp_path / 'k')
    quiet = lambda *_: None
    for phase in ('pretrain', 'sft', 'mix'):
        train.train(cfg, phase, run, tiny['data'], steps=3, log=quiet)
    cfg.QAT_DISTILL = True
    student, teacher = train.build(cfg, 'qat', run)
    assert teacher is not None and not any(p.requires_grad for p in teacher.parameters())
    x, _, m = train.SFTData(os.path.join(tiny['data'], 'sft_val.npz'), cfg.SFT_SEQ).batch(0, 0, 2)
    with torch.no_grad():
        assert teacher.distill_loss(x, teacher, m).item() == pytest.approx(0.0, abs=1e-6)
        before = student.distill_loss(x, teacher, m).item()
    assert before > 0
    cfg.LR['qat'] = 1e-2
    lines = []
    final = train.train(cfg, 'qat', run, tiny['data'], steps=20, log=lines.append)
    assert any('KL to the fp32 model' in l for l in lines), lines
    trained, _ = train.build(cfg, 'qat', run)
    trained.load_state_dict(train.load_checked(final)['model'])
    with torch.no_grad():
        assert trained.distill_loss(x, teacher, m).item() < before


def test_time_budget_ends_a_phase_with_its_result_and_runs_the_schedule_over_it(tiny, cfg, tmp_path, monkeypatch):
    """--budget-minutes: the phase finishes (final.pt, summary.json) when the budget is spent, however many steps were
    asked for, and the cosine schedule follows the budget: the last step's rate is near the schedule's floor."""
    import json
    clock = {'t': 1000.0}

    def tick():                      # each call of time.time() advances a simulated clock by 0.1 s
        clock['t'] += 0.1
        return clock['t']
    monkeypatch.setattr(train.time, 'time', tick)
    run = str(tmp_path / 'budget')
    final = train.train(cfg, 'pretrain', run, tiny['data'], steps=10_000, log=lambda *_: None, budget_s=3.0)
    assert final and os.path.exists(final)
    summary = json.load(open(os.path.join(run, 'pretrain', 'summary.json')))
    assert 0 < summary['step'] < 100 and summary['budget_s'] == 3.0 and summary['elapsed'] >= 3.0
    assert summary['step'] == torch.load(final)['step']
    logged = [json.loads(line) for line in open(os.path.join(run, 'pretrain', 'log.jsonl'))]
    base = train.lr_of(cfg, 'pretrain')
    # the last step starts a little before the budget is spent: near the floor (10,000 steps alone would leave it near base)
    assert base * cfg.MIN_LR_FRAC <= logged[-1]['lr'] < 1.5 * base * cfg.MIN_LR_FRAC
    assert max(r['lr'] for r in logged) > 4 * logged[-1]['lr']


def test_schedule_progress_is_the_further_of_steps_and_time(cfg):
    w = cfg.WARMUP
    assert train.lr_at(cfg, 'pretrain', w, 1000, progress=1.0) == pytest.approx(train.lr_of(cfg, 'pretrain') * cfg.MIN_LR_FRAC)
    assert train.lr_at(cfg, 'pretrain', 999, 1000, progress=0.0) == pytest.approx(train.lr_at(cfg, 'pretrain', 999, 1000))
    assert train.lr_at(cfg, 'pretrain', 0, 1000, progress=1.0) == train.lr_at(cfg, 'pretrain', 0, 1000)   # warmup by steps


def test_sft_synth_keeps_gold_and_the_first_synthetic_designs_pairs():
    import prepare
    pair = lambda i, source='synth': {'id': f'synth-{i:06d}' if source == 'synth' else 'g001', 'source': source}
    assert prepare.in_sft(pair(0), 3) and prepare.in_sft(pair(2), 3) and not prepare.in_sft(pair(3), 3)
    assert prepare.in_sft(pair(99999), None) and prepare.in_sft(pair(0, 'gold'), 0)
