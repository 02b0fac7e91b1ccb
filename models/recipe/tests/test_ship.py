"""The whole chain on the tiny config: train all phases, export, evaluate, ship with a generated model card."""
import os

import pytest

import eval as ev
import export
import ship
import train


def test_pipeline_to_a_shipped_folder(tiny, cfg, tmp_path):
    cfg.VOCAB = 512                                   # the fixture's tokenizer
    run, quiet = str(tmp_path / 'run'), lambda *_: None
    for phase in ['pretrain', 'sft', 'mix', 'qat']:   # pretraining on 2 threads, the rest on the config's
        assert train.train(cfg, phase, run, tiny['data'], steps=2, log=quiet, threads=2 if phase == 'pretrain' else None)
    export.export_all(cfg, run, tiny['tok'], os.path.join(run, 'export'), max_new=4)
    rows = ev.evaluate(cfg, run, tiny['data'], tiny['tok'], n_gold=0, max_new=4, max_windows=1, log=quiet)
    assert [r['model'] for r in rows] == ['fp32', 'RTN int4', 'LR-QAT int4']
    assert 'against the fp32 model it started from' in ev.markdown(rows)   # the paper's comparison, per column
    open(os.path.join(run, 'eval.md'), 'w').write(ev.markdown(rows))
    out = str(tmp_path / 'default')
    ship.ship(cfg, run, tiny['data'], 'lrqat', out, force=False)
    for f in ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json', 'reference.json', 'onnx/model_q4.onnx']:
        assert os.path.exists(os.path.join(out, f)), f
    card = open(os.path.join(out, 'MODEL_CARD.md')).read()
    assert '| LR-QAT int4 |' in card and '| pretrain | 2 |' in card and f'LR-QAT: rank {cfg.QAT_RANK}' in card
    rows = {l.split('|')[1].strip(): l.split('|')[-2].strip() for l in card.splitlines() if l.startswith('| ') and l.count('|') == 6}
    assert rows['pretrain'] == '2' and rows['qat'] == str(cfg.THREADS), rows   # the threads each phase ran on
    with pytest.raises(SystemExit, match='already holds a model'):
        ship.ship(cfg, run, tiny['data'], 'lrqat', out, force=False)
    ship.ship(cfg, run, tiny['data'], 'rtn', out, force=True)
    assert any(n.startswith('default.previous-') for n in os.listdir(run))

    # a run trained on a GPU machine, of which only the export, the phases' summary.json and eval.md came back
    import json
    import shutil
    gpu_run = str(tmp_path / 'gpu_run')
    shutil.copytree(os.path.join(run, 'export', 'lrqat'), os.path.join(gpu_run, 'export', 'lrqat'))
    shutil.copy(os.path.join(run, 'eval.md'), gpu_run)
    for phase in ['pretrain', 'sft', 'mix', 'qat']:
        summary = json.load(open(os.path.join(run, phase, 'summary.json')))
        os.makedirs(os.path.join(gpu_run, phase))
        json.dump(dict(summary, device='NVIDIA H200', elapsed=84.7, step=459 if phase == 'qat' else summary['step']),
                  open(os.path.join(gpu_run, phase, 'summary.json'), 'w'))
    gpu_out = str(tmp_path / 'gpu_default')
    ship.ship(cfg, gpu_run, tiny['data'], 'lrqat', gpu_out, force=False)
    card = open(os.path.join(gpu_out, 'MODEL_CARD.md')).read()
    assert 'Machine: NVIDIA H200,' in card and '--device cuda` on the GPU machine' in card
    assert '| qat | 459 |' in card and '85 s' in card and '459 steps' in card


def test_equally_trained_fp32_reference_joins_the_table(tiny, cfg, tmp_path):
    cfg.VOCAB = 512
    run, quiet = str(tmp_path / 'run'), lambda *_: None
    for phase in ['pretrain', 'sft', 'mix', 'qat', 'fpref']:
        assert train.train(cfg, phase, run, tiny['data'], steps=2, log=quiet)
    rows = ev.evaluate(cfg, run, tiny['data'], tiny['tok'], n_gold=0, max_new=4, max_windows=1, log=quiet)
    assert [r['model'] for r in rows][-2:] == ['fp32, trained like LR-QAT', 'RTN int4 of it']
    assert 'equally trained fp32 model' in ev.markdown(rows)


def test_lrqat_from_mse_scales_shows_what_its_starting_point_alone_gives(tiny, cfg, tmp_path):
    """QAT_INIT_SCALES = 'mse': the table gets the RTN int4 row with those scales, so that the gap LR-QAT
    closes is not credited to its training when the better range setting did it."""
    cfg.VOCAB, cfg.QAT_INIT_SCALES, cfg.QAT_DISTILL, cfg.QAT_DISTILL_TOKENS = 512, 'mse', True, 'all'
    run, quiet = str(tmp_path / 'run'), lambda *_: None
    for phase in ['pretrain', 'sft', 'mix', 'qat']:
        assert train.train(cfg, phase, run, tiny['data'], steps=2, log=quiet)
    rows = ev.evaluate(cfg, run, tiny['data'], tiny['tok'], n_gold=0, max_new=4, max_windows=1, log=quiet)
    assert [r['model'] for r in rows] == ['fp32', 'RTN int4', 'RTN int4, MSE scales', 'LR-QAT int4']
    assert rows[2]['ppl_val'] != rows[1]['ppl_val']
    assert 'MSE range setting' in ev.markdown(rows)
