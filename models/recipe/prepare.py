"""Corpus builder: designs (synthetic + gold training part), explanation pairs, and token shards.

    python3 prepare.py designs --out runs/data --n-synth 3000      # designs.jsonl, val_designs.jsonl, heldout.jsonl
    python3 prepare.py pairs   --data runs/data                     # pairs.jsonl (Python stand-in, see below)
    python3 prepare.py shards  --data runs/data --tok runs/tok      # token shards for train.py

Sources: (a) the VHDL library sources Debian's ghdl installs under /usr/lib/ghdl/src (read here,
never committed), (b) synthetic designs from data/synth.py, (c) the TRAINING part of the gold set
(data/gold/manifest*.jsonl, split == "train"). Held-out gold designs go only to heldout.jsonl,
which eval.py reads; nothing here trains on them.

Pairs contract (the format train.py's instruction tuning consumes), one JSON object per line:
    {"id": "synth-000123" | "g001", "source": "synth" | "gold",
     "prompt_messages": [{"role": "system", "content": ...}, {"role": "user", "content": ...}],
     "target": "**Purpose.** ..."}
`prompt_messages` must be exactly what the server sends to the model at run time. The server's
prompt builder (server/src/ide/) will produce them through models/recipe/make_pairs.ts, which reads
designs.jsonl ({id, source, vhdl, explanation, meta}) and writes pairs.jsonl. Until that exists,
`standin_messages()` below is a STAND-IN with the same shape, built from the generator's metadata
instead of the server's analysis facts.
"""
import argparse
import glob
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deps import require  # noqa: E402
require('numpy')

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'data'))
GHDL_SRC = '/usr/lib/ghdl/src'                 # VHDL library sources installed by Debian's ghdl
GOLD = os.path.join(HERE, 'data', 'gold')
VAL_SEED_OFFSET = 1_000_003                    # validation designs use a disjoint seed stream


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + '.tmp', 'w') as f:
        for r in rows:
            f.write(json.dumps(r) + '\n')
    os.replace(path + '.tmp', path)


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


# ---------------------------------------------------------------------------------------------
# designs

# What a gold design declares, by kind (the hover and doc-comment pairs' `docs` need the kind to find it).
_PORT = re.compile(r'(?:^|[(;])\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*:\s*(?:in|out|inout|buffer)\b', re.I | re.M)
_SIGNAL = re.compile(r'\bsignal\s+([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*:', re.I)
_GENERIC_BLOCK = re.compile(r'\bentity\s+\w+\s+is\s+generic\s*\((.*?)\)\s*;\s*(?:port\b|end\b)', re.I | re.S)
_GENERIC = re.compile(r'(?:^|;|\()\s*(?:constant\s+)?([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*:(?!=)', re.I)
# "`x` is ...", "`x` counts ...", "`x` (in std_logic): ..." at the start of an expert's sentence.
_SUBJECT = re.compile(r'^`([A-Za-z]\w*)`\s+(?:\((?:in|out|inout|buffer|generic)\b[^)]*(?:\([^)]*\))?[^)]*\):\s*(?P<layout>.+)|(?P<be>is|are)\s+(?P<what>.+)|(?P<verb>[a-z]+s)\s+(?P<rest>.+))$')


def declared_kinds(vhdl, entity):
    """Lower-case name -> 'port' | 'generic' | 'signal' for what `entity` declares: its generics and ports,
    and the signals of its architectures' declarative parts (not a testbench's design under test's ports)."""
    kinds = {}
    code = re.sub(r'--[^\n]*', '', vhdl)
    e = re.escape(entity)
    head = re.search(rf'\bentity\s+{e}\s+is\b(.*?)\bend\b(?:\s+entity)?(?:\s+{e})?\s*;', code, re.I | re.S)
    if head:
        for block in _GENERIC_BLOCK.findall(head.group(0)):
            for m in _GENERIC.finditer(block):
                for n in re.split(r'\s*,\s*', m.group(1)):
                    kinds.setdefault(n.lower(), 'generic')
        for m in _PORT.finditer(head.group(1)):
            for n in re.split(r'\s*,\s*', m.group(1)):
                kinds.setdefault(n.lower(), 'port')
    for part in re.findall(rf'\barchitecture\s+\w+\s+of\s+{e}\s+is\b(.*?)\bbegin\b', code, re.I | re.S):
        for m in _SIGNAL.finditer(part):
            for n in re.split(r'\s*,\s*', m.group(1)):
                kinds.setdefault(n.lower(), 'signal')
    return kinds


def gold_docs(vhdl, explanation, entity):
    """What the expert's explanation says each declared name is for, as hover and doc-comment targets:
    the first sentence that opens on the name alone ("`stable_cnt` counts the cycles ..." -> "Counts the
    cycles ..."; "`rst_n` is an asynchronous reset ..." -> "An asynchronous reset ..."; "`clk` (in std_logic):
    clock" -> "clock"). Not a sentence about several names at once ("`clk` is the clock, `rst_n` the reset",
    "`a` is ... and `b` flags ..."): its rest would describe the others."""
    kinds = declared_kinds(vhdl, entity)
    docs, seen = [], set()
    for s in re.split(r'(?<=[.;])\s+|\n+', explanation):
        s = re.sub(r'^\s*(?:[-*]\s+)?(?:\*\*[^*]+\*\*\s*)?', '', s).strip()
        m = _SUBJECT.match(s)
        if not m or m.group(1).lower() not in kinds or m.group(1).lower() in seen:
            continue
        # A list of names, each with its part ("`clk` is the clock and `rst_n` the reset", "`N` is ..., `W` how ...").
        others = [o for o in re.findall(r'(?:,|;|\band)\s+`(\w+)`\s+[a-z]', s) if o.lower() != m.group(1).lower()]
        if others or re.search(r'`\w+`\s*,\s*`', s):
            continue
        if m.group('layout'):
            doc = m.group('layout')
        elif m.group('be'):
            doc = m.group('what')
            if re.match(r'(?:not|also|only|then|otherwise|one|its|high|low|set|cleared|reset|driven|used|\'|"|`)', doc):
                continue   # "`x` is not registered", "`x` is '1' when ...": a remark, not what it is for
        elif m.group('verb') in ('has', 'starts', 'defaults', 'stays', 'remains', 'needs', 'goes', 'does'):
            continue   # "`o_data` has no initial value": a remark, not what it is for
        else:
            doc = m.group('verb') + ' ' + m.group('rest')
        doc = doc.strip().rstrip(';').strip()
        if len(doc) < 12:   # "Halts it."
            continue
        seen.add(m.group(1).lower())
        docs.append({'name': m.group(1), 'kind': kinds[m.group(1).lower()], 'doc': doc[0].upper() + doc[1:]})
    return docs


def gold_designs(split):
    """Gold designs of one split ('train' or 'heldout') as design records."""
    out = []
    for m in sorted(glob.glob(os.path.join(GOLD, 'manifest*.jsonl'))):
        for row in read_jsonl(m):
            if row.get('split') != split:
                continue
            vhd, md = os.path.join(GOLD, row['file']), os.path.join(GOLD, row['explanation'])
            if not (os.path.exists(vhd) and os.path.exists(md)):
                continue
            meta = {'family': row.get('family'), 'entity': row.get('entity'), 'clocks': [row['clock']] if row.get('clock') else [],
                    'resets': ([{'name': row['reset']['signal'], 'kind': row['reset'].get('kind'),
                                 'level': 'low' if str(row['reset'].get('active')) == '0' else 'high'}] if row.get('reset') else []),
                    'style': row.get('style'), 'fsm': row.get('fsm')}
            explanation = open(md).read()
            docs = gold_docs(open(vhd).read(), explanation, row.get('entity') or '')
            if docs:
                meta['docs'] = docs   # hover and doc-comment pairs from the expert's own sentences
            out.append({'id': row['id'], 'source': 'gold', 'vhdl': open(vhd).read(), 'explanation': explanation, 'meta': meta})
    return out


def cmd_designs(a):
    import synth
    synth.load_families()
    train = [dict(id=f'synth-{i:06d}', source='synth', vhdl=d['vhdl'], explanation=d['explanation'], meta=d['meta'])
             for i, d in enumerate(synth.generate(a.n_synth, a.seed))]
    val = [dict(id=f'synthval-{i:06d}', source='synth', vhdl=d['vhdl'], explanation=d['explanation'], meta=d['meta'])
           for i, d in enumerate(synth.generate(a.n_val, a.seed + VAL_SEED_OFFSET))]
    gtrain, gheld = gold_designs('train'), gold_designs('heldout')
    write_jsonl(os.path.join(a.out, 'designs.jsonl'), train + gtrain)
    write_jsonl(os.path.join(a.out, 'val_designs.jsonl'), val)
    write_jsonl(os.path.join(a.out, 'heldout.jsonl'), gheld)     # eval only, never trained on
    print(f'designs: {len(train)} synthetic + {len(gtrain)} gold train; {len(val)} validation; {len(gheld)} gold held out (eval only)')


# ---------------------------------------------------------------------------------------------
# pairs: STAND-IN for the server's prompt builder (server/src/ide/) until make_pairs.ts exists

SYSTEM = ('You are VHDL Explain, an assistant that explains VHDL designs to hardware engineers. '
          'Use only names that appear in the design. Answer with the sections Purpose, Interface, Behaviour, '
          'Clocking and reset, State machine (if any) and Notes.')


def standin_messages(design):
    """STAND-IN prompt: the design text plus facts from the generator's metadata."""
    m = design['meta']
    facts = [f"entity: {m.get('entity')}"]
    if m.get('clocks'):
        facts.append('clocks: ' + ', '.join(m['clocks']))
    for r in m.get('resets') or []:
        facts.append(f"reset: {r['name']} ({r.get('kind')}, active {r.get('level')})")
    if m.get('states'):
        facts.append('FSM states: ' + ', '.join(m['states']))
    user = 'Explain this VHDL design.\n\n```vhdl\n' + design['vhdl'].rstrip('\n') + '\n```\n\nFacts from the analysis:\n' + \
        '\n'.join('- ' + f for f in facts)
    return [{'role': 'system', 'content': SYSTEM}, {'role': 'user', 'content': user}]


def cmd_pairs(a):
    for src, dst in [('designs.jsonl', 'pairs.jsonl'), ('val_designs.jsonl', 'val_pairs.jsonl')]:
        rows = [{'id': d['id'], 'source': d['source'], 'prompt_messages': standin_messages(d), 'target': d['explanation']}
                for d in read_jsonl(os.path.join(a.data, src))]
        write_jsonl(os.path.join(a.data, dst), rows)
        print(f'{dst}: {len(rows)} pairs (stand-in prompt builder)')


# ---------------------------------------------------------------------------------------------
# pretraining documents and shards

def ghdl_documents():
    files = sorted(glob.glob(os.path.join(GHDL_SRC, '**', '*.vhd*'), recursive=True))
    if not files:
        print(f'note: no VHDL under {GHDL_SRC} (apt-get install ghdl); pretraining without library sources', file=sys.stderr)
    return [open(f, encoding='latin-1').read() for f in files]


def pretrain_documents(data_dir, split='train', real_repeat=1):
    """Texts for pretraining (and tokenizer training): VHDL sources and English explanations.

    real_repeat > 1 repeats the real, human-written text (GHDL sources, gold training designs) to
    weigh it against the far larger and far more regular synthetic part.
    """
    if split == 'train':
        designs = read_jsonl(os.path.join(data_dir, 'designs.jsonl'))
        docs = ghdl_documents() * real_repeat
    else:
        designs = read_jsonl(os.path.join(data_dir, 'val_designs.jsonl'))
        docs = []
    for d in designs:
        n = real_repeat if d['source'] == 'gold' else 1
        docs.extend([d['vhdl'], d['explanation']] * n)
    return docs


def render_chat(messages, add_generation_prompt=True):
    """The chat template, in Python; tokenizer_config.json holds the same template in Jinja."""
    s = ''.join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    return s + ('<|im_start|>assistant\n' if add_generation_prompt else '')


def encode_pair(tok, pair, max_len):
    """(ids, mask): mask is 1 on the answer tokens (target and <|im_end|>) that carry the loss."""
    p = tok.encode(render_chat(pair['prompt_messages']))
    t = tok.encode(pair['target'].rstrip('\n')) + [tok.special['<|im_end|>']]
    if len(p) + len(t) > max_len:            # keep the answer, cut the design text from the middle of the prompt
        keep = max(16, max_len - len(t))
        p = p[:keep // 2] + p[len(p) - (keep - keep // 2):]
        t = t[:max_len - len(p)]
    return p + t, [0] * len(p) + [1] * len(t)


def save_atomic_np(path, saver, *args, **kw):
    """Write through a temporary file and rename: a training run that memory-maps the old file keeps reading it."""
    with open(path + '.tmp', 'wb') as f:
        saver(f, *args, **kw)
    os.replace(path + '.tmp', path)


def cmd_shards(a):
    from tokenizer import Tokenizer
    tok = Tokenizer.load(a.tok)
    eot = tok.special['<|endoftext|>']
    for split in ['train', 'val']:
        ids = []
        for d in pretrain_documents(a.data, split, a.real_repeat if split == 'train' else 1):
            ids.extend(tok.encode(d))
            ids.append(eot)
        arr = np.array(ids, dtype=np.uint16)
        save_atomic_np(os.path.join(a.data, f'pretrain_{split}.npy'), np.save, arr)
        print(f'pretrain_{split}.npy: {len(arr):,} tokens')
    for split, name in [('train', 'pairs.jsonl'), ('val', 'val_pairs.jsonl')]:
        toks, masks, offs = [], [], [0]
        skipped = 0
        for p in read_jsonl(os.path.join(a.data, name)):
            if split == 'train' and not in_sft(p, getattr(a, 'sft_synth', None)):
                skipped += 1
                continue
            i, m = encode_pair(tok, p, a.max_len)
            # gold_repeat > 1: the hand-written explanations weigh more against the many synthetic ones
            for _ in range(a.gold_repeat if split == 'train' and p['source'] == 'gold' else 1):
                toks.extend(i)
                masks.extend(m)
                offs.append(len(toks))
        save_atomic_np(os.path.join(a.data, f'sft_{split}.npz'), np.savez, tokens=np.array(toks, dtype=np.uint16),
                 mask=np.array(masks, dtype=np.uint8), offsets=np.array(offs, dtype=np.int64))
        print(f'sft_{split}.npz: {len(offs) - 1} pairs, {len(toks):,} tokens, {sum(masks):,} answer tokens' +
              (f' ({skipped:,} pairs of synthetic designs past --sft-synth {a.sft_synth} left out)' if skipped else ''))


def in_sft(pair, sft_synth):
    """Whether a training pair goes into the instruction data: every gold pair; a synthetic design's pairs
    when `sft_synth` is None or the design is one of the first `sft_synth` (ids synth-000000, ...). Pretraining
    can then read many more synthetic designs than instruction tuning, which keeps the gold pairs' share."""
    if sft_synth is None or pair.get('source') != 'synth':
        return True
    return int(pair['id'].rsplit('-', 1)[1]) < sft_synth


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('designs')
    d.add_argument('--out', default='runs/data')
    d.add_argument('--n-synth', type=int, default=3000)
    d.add_argument('--n-val', type=int, default=120)
    d.add_argument('--seed', type=int, default=1)
    p = sub.add_parser('pairs')
    p.add_argument('--data', default='runs/data')
    s = sub.add_parser('shards')
    s.add_argument('--data', default='runs/data')
    s.add_argument('--tok', default='runs/tok')
    s.add_argument('--max-len', type=int, default=2048)
    s.add_argument('--real-repeat', type=int, default=4, help='times the GHDL sources and gold training designs appear in pretraining')
    s.add_argument('--gold-repeat', type=int, default=1, help='times each gold training pair appears in the instruction-tuning data')
    s.add_argument('--sft-synth', type=int, help='only the first N synthetic designs\' pairs go into the instruction-tuning data '
                   '(all of them still go into pretraining); default: all')
    a = ap.parse_args()
    {'designs': cmd_designs, 'pairs': cmd_pairs, 'shards': cmd_shards}[a.cmd](a)


if __name__ == '__main__':
    main()
