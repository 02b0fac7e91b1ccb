"""The gold set: every listed design exists and analyses with GHDL; the held-out split follows the rule."""
import glob
import json
import os
import re
import shutil
import subprocess

import pytest

GOLD = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'data', 'gold')
ROWS = [json.loads(l) for m in sorted(glob.glob(os.path.join(GOLD, 'manifest*.jsonl'))) for l in open(m) if l.strip()]


@pytest.mark.skipif(not ROWS, reason='no gold manifest yet')
def test_manifest_rows_are_complete_and_split_by_the_rule():
    for r in ROWS:
        assert os.path.exists(os.path.join(GOLD, r['file'])) and os.path.exists(os.path.join(GOLD, r['explanation'])), r['id']
        n = int(re.match(r'g(\d+)', r['id']).group(1))
        assert r['split'] == ('heldout' if n % 4 == 0 else 'train'), r['id']
    assert len({r['id'] for r in ROWS}) == len(ROWS)


@pytest.mark.skipif(not ROWS or shutil.which('ghdl') is None, reason='no gold manifest yet, or ghdl not installed')
def test_every_gold_design_analyses_with_ghdl(tmp_path):
    files = [os.path.join(GOLD, r['file']) for r in ROWS]
    r = subprocess.run(['ghdl', '-a', '--std=08', f'--workdir={tmp_path}', *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[:3000]
    assert len(os.listdir(tmp_path)) > 0


@pytest.mark.skipif(not ROWS, reason='no gold manifest yet')
def test_expert_explanations_pass_the_eval_metrics():
    """The metrics eval.py applies to the model, applied to the experts: they must (nearly) all pass."""
    from eval import contradictions, family_named, grounding
    named, contra, ground = 0, [], []
    for r in ROWS:
        text, vhdl = open(os.path.join(GOLD, r['explanation'])).read(), open(os.path.join(GOLD, r['file'])).read()
        rs = [{'name': r['reset']['signal'], 'kind': r['reset']['kind'], 'level': 'low' if str(r['reset'].get('active')) == '0' else 'high'}] if r.get('reset') else []
        named += family_named(text, r['family'])
        if contradictions(text, {'resets': rs, 'edge': r.get('edge')}):
            contra.append(r['id'])
        g = grounding(text, vhdl)
        if g is not None:
            ground.append(g)
    assert named >= 0.9 * len(ROWS)
    assert not contra, contra
    assert sum(ground) / len(ground) >= 0.98


def test_gold_docs_take_what_the_expert_says_a_name_is_for():
    """Hover and doc-comment targets from the expert's sentences: one per declared name of the explained
    entity, the subject taken off; lists of names, remarks and other entities' names left out."""
    from prepare import gold_docs
    vhdl = """entity deb is
  generic (G_N : positive := 4);
  port (clk, rst_n : in std_logic; btn : in std_logic; q : out std_logic);
end entity;
architecture rtl of deb is
  signal cnt : unsigned(3 downto 0);
begin
end architecture;
entity tb is end entity;
architecture sim of tb is
  signal done : boolean;
begin
end architecture;"""
    text = """**Interface.** `clk` is the clock and `rst_n` the reset. `btn` (in std_logic): the raw button, asynchronous to `clk`.
**Behaviour.** `cnt` counts the cycles for which `btn` has not changed; `cnt` is the second sentence about it.
`q` is not registered. `q` is the debounced level. `G_N` is the count limit, `W` the width. `done` is the testbench flag."""
    docs = gold_docs(vhdl, text, 'deb')
    assert docs == [
        {'name': 'btn', 'kind': 'port', 'doc': 'The raw button, asynchronous to `clk`.'},
        {'name': 'cnt', 'kind': 'signal', 'doc': 'Counts the cycles for which `btn` has not changed'},
        {'name': 'q', 'kind': 'port', 'doc': 'The debounced level.'},
    ]


def test_grounding_counts_names_not_literals():
    """A bit-string, string, character or based literal in a code span is a value, not a name."""
    from eval import grounding, identifiers
    assert identifiers('`cnt` is `x"0F"` or `o"00"`, then `8d"12"`, `"IDLE"`, `\'1\'`, `16#FF#`, `1e6`.') == {'cnt'}
    assert identifiers('`cnt2 + made_up` and bare snake_word') == {'cnt2', 'made_up', 'snake_word'}
    assert grounding('`cnt` becomes `D"2"`.', 'signal cnt : integer;') == 1.0
    assert grounding('`cnt` becomes `made_up`.', 'signal cnt : integer;') == 0.5


@pytest.mark.skipif(not ROWS, reason='no gold manifest yet')
def test_held_out_gold_designs_never_reach_training_files(tiny):
    import prepare
    held = {r['id'] for r in ROWS if r['split'] == 'heldout'}
    data = tiny['data']
    for name in ['designs.jsonl', 'val_designs.jsonl', 'pairs.jsonl', 'val_pairs.jsonl']:
        ids = {d['id'] for d in prepare.read_jsonl(os.path.join(data, name))}
        assert not ids & held, name
    assert {d['id'] for d in prepare.read_jsonl(os.path.join(data, 'heldout.jsonl'))} <= held
    texts = '\n'.join(prepare.pretrain_documents(data, 'train', 2))
    for r in ROWS:
        if r['split'] == 'heldout':
            assert open(os.path.join(GOLD, r['file'])).read() not in texts, r['id']


@pytest.mark.skipif(not ROWS, reason='no gold manifest yet')
def test_score_outputs_scores_engine_answers_as_written_and_as_shown(tiny, tmp_path):
    """eval.py --score-outputs: the table's metrics on answers recorded by eval_grounding.ts, per model."""
    import json
    from eval import score_outputs
    from prepare import read_jsonl
    d = read_jsonl(os.path.join(tiny['data'], 'heldout.jsonl'))[0]
    real = sorted({w for w in re.findall(r'[A-Za-z_][A-Za-z0-9_]*', d['vhdl']) if '_' in w.strip('_')})[0]
    rows = [{'model': 'm', 'id': d['id'], 'raw': f'It drives `{real}`. It also drives `not_in_design_x`.', 'shown': f'It drives `{real}`.'}]
    path = tmp_path / 'o.jsonl'
    path.write_text('\n'.join(json.dumps(r) for r in rows) + '\n')
    table = score_outputs(str(path), tiny['data'])
    row = [l for l in table.splitlines() if l.startswith('| m |')][0].split('|')
    assert row[3].strip().startswith('50.0%') and row[4].strip().startswith('100.0%'), table
    assert row[8].strip() == 'not recorded', table


def test_score_outputs_scores_port_hovers_against_the_experts_sentence(tmp_path):
    """A port hover against what the expert's explanation says that port is for; withheld, it scores 0."""
    import json
    from eval import rouge_l, score_outputs
    from prepare import gold_designs, gold_docs
    held = gold_designs('heldout')
    d = next(x for x in held if any(doc['kind'] == 'port' for doc in gold_docs(x['vhdl'], x['explanation'], x['meta']['entity'])))
    doc = next(x for x in gold_docs(d['vhdl'], d['explanation'], d['meta']['entity']) if x['kind'] == 'port')
    data = tmp_path / 'data'
    data.mkdir()
    (data / 'heldout.jsonl').write_text(json.dumps(d) + '\n')
    hovers = [{'port': doc['name'], 'raw': doc['doc'], 'shown': doc['doc']}, {'port': doc['name'], 'raw': 'x', 'shown': ''}]
    out = tmp_path / 'o.jsonl'
    out.write_text(json.dumps({'model': 'm', 'id': d['id'], 'raw': '', 'shown': '', 'hovers': hovers}) + '\n')
    row = [l for l in score_outputs(str(out), str(data)).splitlines() if l.startswith('| m |')][0].split('|')
    assert row[8].strip() == f'1 of 2, {rouge_l(doc["doc"], doc["doc"]) / 2:.3f}', row
