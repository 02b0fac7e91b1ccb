"""The synthetic generator: every family analyses with GHDL, explanations are grounded, output is deterministic."""
import os
import random
import shutil
import subprocess

import pytest

import synth
from eval import grounding

synth.load_families()
GHDL = shutil.which('ghdl')


def test_at_least_30_families():
    assert len(synth.FAMILIES) >= 30, sorted(synth.FAMILIES)


def test_deterministic_for_a_seed():
    a = synth.generate(12, 3)
    assert a == synth.generate(12, 3)
    assert a != synth.generate(12, 4)


@pytest.mark.skipif(GHDL is None, reason='ghdl not installed (apt-get install ghdl)')
def test_every_family_analyses_with_ghdl(tmp_path):
    files = []
    for name in sorted(synth.FAMILIES):
        for k in range(2):
            d = synth.make_design(random.Random(f'ghdl:{name}:{k}'), name)
            p = tmp_path / f'{name}_{k}.vhd'
            p.write_text(d['vhdl'])
            files.append(str(p))
    bad = []
    for f in files:   # one call per file: a failure names its family
        r = subprocess.run([GHDL, '-a', '--std=08', f'--workdir={tmp_path}', f], capture_output=True, text=True)
        if r.returncode:
            bad.append(f'{os.path.basename(f)}: {r.stderr.strip()[:300]}')
        os.remove(tmp_path / 'work-obj08.cf') if (tmp_path / 'work-obj08.cf').exists() else None
    assert not bad, '\n'.join(bad)


@pytest.mark.skipif(GHDL is None, reason='ghdl not installed')
def test_generated_testbench_passes_in_simulation(tmp_path):
    d = synth.make_design(random.Random('sim'), 'testbench')
    (tmp_path / 'tb.vhd').write_text(d['vhdl'])
    run = lambda cmd, *a: subprocess.run([GHDL, cmd, '--std=08', f'--workdir={tmp_path}', *a], cwd=tmp_path, capture_output=True, text=True)
    assert run('-a', str(tmp_path / 'tb.vhd')).returncode == 0
    r = run('--elab-run', d['entity'])
    out = r.stdout + r.stderr
    assert 'testbench finished' in out and 'assertion error' not in out, out


def test_explanations_name_only_identifiers_of_the_design():
    for d in synth.generate(80, 11):
        g = grounding(d['explanation'], d['vhdl'])
        assert g is None or g == 1.0, (d['family'], d['explanation'])


def test_metadata_matches_the_text():
    for d in synth.generate(80, 12):
        m, text = d['meta'], d['vhdl'].lower()
        for r in m['resets']:
            assert r['name'].lower() in text
        for s in m['states']:
            assert s.lower() in text
        assert f"entity {m['entity'].lower()}" in text or f"package {m['entity'].lower()}" in text


def test_eval_metrics_accept_the_generator_and_catch_flipped_facts():
    import json
    from eval import contradictions, family_named
    designs = synth.generate(80, 13)
    assert all(contradictions(d['explanation'], d['meta']) == 0 for d in designs)
    flipped = 0
    for d in designs:
        if d['meta']['resets']:
            m = json.loads(json.dumps(d['meta']))
            r = m['resets'][0]
            r['kind'], r['level'] = {'sync': 'async', 'async': 'sync'}[r['kind']], {'low': 'high', 'high': 'low'}[r['level']]
            flipped += contradictions(d['explanation'], m) > 0
            assert contradictions(d['explanation'], m) > 0, d['family']
    assert flipped > 20
    rising = {'resets': [], 'edge': 'rising'}
    assert contradictions('All registers update on the falling edge of `clk`.', rising) == 1
    assert contradictions('Detects rising and falling edges of an input, with a valid flag.', rising) == 0
    assert contradictions('It pulses on either edge of `din`; registers use the falling edge.', rising) == 1
    assert family_named('A round-robin arbiter for four requesters.', 'arbiter')
    assert not family_named('A FIFO buffer.', 'arbiter')


def test_sequence_detector_transitions_match_brute_force():
    import itertools
    from fam_fsm import seq_transitions
    rng = random.Random(0)
    for pat in ['1011', '111', '1001', '10100', '110', '0110']:
        for overlap in (True, False):
            t = seq_transitions(pat, overlap)
            bits = ''.join(rng.choice('01') for _ in range(400))
            k, got = 0, []
            for i, b in enumerate(bits):
                k, hit = t[k, b]
                if hit:
                    got.append(i)
            want, last = [], -len(pat)
            for i in range(len(pat) - 1, len(bits)):
                if bits[i - len(pat) + 1:i + 1] == pat and (overlap or i - last >= len(pat)):
                    want.append(i)
                    last = i
            assert got == want, (pat, overlap)
