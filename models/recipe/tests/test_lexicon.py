"""lexicon.py: the committed lexicon of the grounding check is what the script makes from its sources."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
RECIPE = os.path.dirname(HERE)
COMMITTED = os.path.join(RECIPE, '..', '..', 'server', 'src', 'ide', 'lexiconWords.ts')


@pytest.mark.skipif(not os.path.exists('/usr/share/dict/words'), reason='the word list is not installed (apt-get install wamerican)')
def test_the_committed_lexicon_is_reproduced(tmp_path):
    out = tmp_path / 'lexiconWords.ts'
    subprocess.run([sys.executable, os.path.join(RECIPE, 'lexicon.py'), '--out', str(out)], check=True, capture_output=True)
    assert out.read_text() == open(COMMITTED).read(), 'server/src/ide/lexiconWords.ts differs from what lexicon.py makes: rerun it'


def test_a_missing_word_list_says_what_to_install(tmp_path):
    r = subprocess.run([sys.executable, os.path.join(RECIPE, 'lexicon.py'), '--words', str(tmp_path / 'none'), '--out', str(tmp_path / 'x.ts')], capture_output=True, text=True)
    assert r.returncode != 0
    assert 'apt-get install wamerican' in r.stderr
    assert not (tmp_path / 'x.ts').exists()
