"""Synthetic VHDL design generator: real hardware in varied styles, each with an explanation and facts.

Every design is built by a family function (data/fam_*.py) through a `Ctx`, which owns the coding
style (one-/two-process or record style, reset kind and polarity, clock edge idiom, naming
convention) so that the family only states *what* the hardware does. Because the generator knows
what it built, it writes the explanation (Purpose, Interface, Behaviour, Clocking and reset, State
machine) and the metadata (family, entity, clock, reset, registers, states) itself.

    /usr/bin/python3 models/recipe/data/synth.py --n 2000 --seed 1 --out models/recipe/runs/data/synth.jsonl
"""
import argparse
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------------------------
# style and naming

class Style:
    """One random coding style, drawn per design."""

    def __init__(self, rng):
        self.procs = rng.choice(['one', 'one', 'two', 'record'])         # register process layout
        self.reset = rng.choice(['async', 'sync'])                      # reset kind
        self.reset_low = rng.random() < 0.5                             # active-low reset
        self.edge = rng.choice(['rising_edge', 'rising_edge', 'event'])  # clock edge idiom
        self.comb_all = rng.random() < 0.6                              # process(all) vs explicit list
        self.naming = rng.choice(['prefix', 'suffix', 'plain'])         # i_x / x_i / x
        self.camel = rng.random() < 0.25                                # dataIn vs data_in
        self.reg_mark = rng.choice(['', '', 'r_', '_r', '_q'])          # register naming
        self.clk = rng.choice(['clk', 'clk', 'aclk', 'sys_clk', 'clock'])
        self.rst = rng.choice(['rst', 'reset', 'srst', 'areset']) + ('_n' if self.reset_low else '')
        self.comment_header = rng.random() < 0.7
        self.labels = rng.random() < 0.5                                # label processes
        self.kw_upper = rng.random() < 0.15                             # ENTITY ... IS, PROCESS, IF ... THEN
        self.indent = rng.choice(['  ', '  ', '   ', '    ', '\t'])       # one indentation level
        self.port_comments = rng.random() < 0.4                         # `-- what it is` after each port

    def case(self, base):
        if not self.camel:
            return base
        parts = base.split('_')
        return parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])


class Ctx:
    """Collects one design: VHDL text pieces, and what the explanation and metadata say about it."""

    def __init__(self, rng, family, entity, style=None):
        self.rng, self.family, self.entity = rng, family, entity
        self.st = style or Style(rng)
        self.generics, self.ports, self.decls, self.stmts = [], [], [], []
        self.libs = ['library ieee;', 'use ieee.std_logic_1164.all;', 'use ieee.numeric_std.all;']
        self.extra_units = []            # whole design units emitted before the entity (packages)
        self.after_units = []            # design units after the architecture (testbench)
        self.purpose, self.behaviour, self.notes = [], [], []
        self.states, self.fsm_desc = [], ''
        self.registers, self.clocks, self.resets = [], [], []
        self.arch = rng.choice(['rtl', 'rtl', 'behavioral', 'arch', 'synth'])
        self.used = set()
        self.alias = {}                  # base name -> name in this design (ports, states)
        self.custom = None               # whole text for designs that are not one entity (packages)
        self.functions = []              # subprograms a package declares
        self.testbench_of = None         # the DUT entity of a testbench
        self.params = {}                 # family-specific facts for tests (e.g. a CRC's polynomial)
        self.signal_docs = []            # (name, doc) of documented internal signals

    # -- names -------------------------------------------------------------------------------
    def ename(self, *choices):
        """Pick the entity name among choices, sometimes with a project-style prefix."""
        e = self.rng.choice(choices)
        if self.rng.random() < 0.3:
            e = self.rng.choice(['soc_', 'io_', 'core_', 'periph_', 'ctl_', 'x_']) + e
        self.entity = self.uniq(e)
        return self.entity

    def uniq(self, name):
        base, i = name, 1
        while name.lower() in self.used:
            i += 1
            name = f'{base}{i}'
        self.used.add(name.lower())
        return name

    def port_name(self, base, direction):
        b = self.st.case(base)
        tag = {'in': 'i', 'out': 'o', 'inout': 'io'}[direction]
        if self.st.naming == 'prefix':
            return f'{tag}_{b}'
        if self.st.naming == 'suffix':
            return f'{b}_{tag}'
        return b

    # -- interface ---------------------------------------------------------------------------
    def generic(self, name, vtype, default, doc):
        name = self.uniq(name)
        self.generics.append((name, vtype, default, doc))
        return name

    def port(self, base, direction, vtype, doc):
        name = self.uniq(self.port_name(base, direction))
        self.alias[base] = name
        self.ports.append((name, direction, vtype, doc))
        return name

    def inp(self, base, vtype='std_logic', doc=''):
        return self.port(base, 'in', vtype, doc)

    def outp(self, base, vtype='std_logic', doc=''):
        return self.port(base, 'out', vtype, doc)

    def clock(self, base=None, doc='clock; all registers update on its rising edge'):
        name = self.uniq(self.port_name(base, 'in') if base else self.st.clk)
        if base:
            self.alias[base] = name
        self.ports.append((name, 'in', 'std_logic', doc))
        self.clocks.append(name)
        return name

    def reset(self, base=None, low=None, kind=None):
        """A reset port; base/low/kind override the style (e.g. a second clock domain's reset)."""
        low = self.st.reset_low if low is None else low
        kind = kind or self.st.reset
        if base is None:
            name = self.st.rst
        else:
            name = self.port_name(base + ('_n' if low else ''), 'in')
        name = self.uniq(name)
        lvl = 'low' if low else 'high'
        self.ports.append((name, 'in', 'std_logic', f'{kind}hronous reset, active {lvl}'))
        r = {'name': name, 'kind': kind, 'level': lvl}
        self.resets.append(r)
        return r

    def signal(self, base, vtype, doc='', init=None):
        name = self.uniq(self.st.case(base))
        self.decls.append(f'signal {name} : {vtype}' + (f' := {init}' if init else '') + ';')
        if doc:
            self.signal_docs.append((name, doc))
        return name

    def decl(self, *lines):
        self.decls.extend(lines)

    def stmt(self, *lines):
        self.stmts.extend(lines)

    # -- process helpers ----------------------------------------------------------------------
    def edge(self, clk):
        return f'rising_edge({clk})' if self.st.edge == 'rising_edge' else f"{clk}'event and {clk} = '1'"

    def active(self, rst):
        return f"{rst['name']} = '{0 if rst['level'] == 'low' else 1}'"

    def label(self, base):
        return f'{self.uniq(base)}: ' if self.st.labels else ''

    def comb(self, body, reads, doc, label='comb', variables=()):
        """A combinational process: process(all) or an explicit sensitivity list."""
        sens = 'all' if self.st.comb_all else ', '.join(dict.fromkeys(reads)) or 'all'
        self.stmts.append(f'{self.label(label + "_p")}process ({sens})')
        self.stmts.extend(f'  variable {v};' for v in variables)
        self.stmts.append('begin')
        self.stmts.extend('  ' + l for l in body)
        self.stmts.append('end process;')
        if doc:
            self.behaviour.append(doc)

    def clocked_raw(self, clk, body, doc, label='seq'):
        """A clocked process with no reset (memories, pipelines of plain data)."""
        self.stmts.append(f'{self.label(label + "_p")}process ({clk})')
        self.stmts.append('begin')
        self.stmts.append(f'  if {self.edge(clk)} then')
        self.stmts.extend('    ' + l for l in body)
        self.stmts.append('  end if;')
        self.stmts.append('end process;')
        if doc:
            self.behaviour.append(doc)

    def regs(self, specs, clk, rst, label='regs'):
        """Declare registers [(base, type, reset_value, doc)] and return a Regs to write logic for."""
        return Regs(self, specs, clk, rst, label)

    # -- explanation -------------------------------------------------------------------------
    def fsm(self, type_name, states, desc):
        """Declare an FSM state type from [(BASE, meaning)]; returns {BASE: literal} in the design's naming."""
        prefix = self.rng.choice(['', '', 'S_', 'ST_'])
        lower = self.rng.random() < 0.3
        names = {}
        for base, _ in states:
            n = prefix + base
            names[base] = self.uniq(n.lower() if lower else n)
            self.alias[base] = names[base]
        self.states = [(names[b], d) for b, d in states]
        self.fsm_desc = desc
        tname = self.uniq(type_name)
        self.decl(f'type {tname} is (' + ', '.join(names[b] for b, _ in states) + ');')
        names['_type'] = tname
        return names

    def render_vhdl(self):
        st, out = self.st, []
        if self.custom:
            return self.cosmetics(self.custom)
        for u in self.extra_units:
            out.extend(u)
            out.append('')
        if st.comment_header:
            out.append(f'-- {self.entity}: {self.purpose[0].rstrip(".")}')
            out.append('')
        out.extend(self.libs)
        out.append('')
        out.append(f'entity {self.entity} is')
        if self.generics:
            out.append('  generic (')
            gl = [f'    {n} : {t} := {d}' for n, t, d, _ in self.generics]
            out.append(';\n'.join(gl))
            out.append('  );')
        if self.ports:
            out.append('  port (')
            for i, (n, d, t, doc) in enumerate(self.ports):
                line = f'    {n} : {d} {t}' + (';' if i < len(self.ports) - 1 else '')
                out.append(line + (f'  -- {doc}' if st.port_comments and doc else ''))
            out.append('  );')
        out.append(f'end entity {self.entity};')
        out.append('')
        out.append(f'architecture {self.arch} of {self.entity} is')
        out.extend('  ' + l for l in self.decls)
        out.append('begin')
        out.extend('  ' + l for l in self.stmts)
        out.append(f'end architecture {self.arch};')
        for u in self.after_units:
            out.append('')
            out.extend(u)
        return self.cosmetics(out)

    def cosmetics(self, lines):
        """The style's indentation unit and keyword case (outside comments, strings and characters)."""
        out = []
        for l in '\n'.join(lines).split('\n'):
            body = l.lstrip(' ')
            lead = len(l) - len(body)
            l = self.st.indent * (lead // 2) + ' ' * (lead % 2) + body
            if self.st.kw_upper:
                parts = re.split(r'(--.*$|"[^"]*"|\'.\')', l)
                l = ''.join(p if i % 2 else KEYWORD_RE.sub(lambda m: m.group(0).upper(), p) for i, p in enumerate(parts))
            out.append(l)
        return '\n'.join(out) + '\n'

    def render_explanation(self):
        """The explanation, in the gold set's layout: bold run-in headings, one paragraph each."""
        word = {'in': 'input', 'out': 'output', 'inout': 'bidirectional port'}
        if self.rng.random() < 0.5:
            iface = [f'`{n}` (generic {t}, default {d}): {doc}.' for n, t, d, doc in self.generics]
            iface += [f'`{n}` ({d} {t}): {doc}.' for n, d, t, doc in self.ports]
        else:
            iface = [f'The generic `{n}` ({t}, default {d}) is the {doc}.' if not doc[:1].isupper() else f'`{n}`: {doc}.'
                     for n, t, d, doc in self.generics]
            iface += [f'`{n}` is {"a" if d == "inout" else "an"} {word[d]} ({t}): {doc}.' for n, d, t, doc in self.ports]
        if self.functions:
            iface.append('The package declares the functions ' + ', '.join(f'`{f}`' for f in self.functions) + '.')
        if not self.ports and not self.functions:
            iface.append('None: a testbench has no ports; it drives the design under test through internal signals.')
        paras = [('Purpose', ' '.join(self.purpose)), ('Interface', ' '.join(iface)),
                 ('Behaviour', ' '.join(self.behaviour)), ('Clocking and reset', self.clocking_text())]
        if self.states:
            paras.append(('State machine', self.fsm_desc + ' States: ' + '; '.join(f'`{s}`: {d}' for s, d in self.states) + '.'))
        if self.notes:
            paras.append(('Notes', ' '.join(self.notes)))
        return self.ground('\n\n'.join(f'**{h}.** {t}' for h, t in paras) + '\n')

    def ground(self, text):
        """Replace base names the family wrote in prose (tx_data, IDLE) by this design's names."""
        for base, name in sorted(self.alias.items(), key=lambda kv: -len(kv[0])):
            if base == name:
                continue
            text = text.replace(f'`{base}`', f'`{name}`')
            if base.isupper():
                text = re.sub(rf'(?<![`\w]){base}(?![\w`])', name, text)
            elif '_' in base:
                text = re.sub(rf'(?<![\w`]){base}(?![\w`])', name, text)
        return text

    def clocking_text(self):
        if self.custom:
            return 'A package has no clock or reset; its functions are evaluated wherever they are called.'
        if self.testbench_of:
            return f'The testbench generates its own clock with a concurrent `after` assignment; it is simulation-only code and not synthesisable.'
        if not self.clocks:
            return 'The design is purely combinational: it has no clock and no reset.'
        parts = []
        v = self.rng.randrange(3)                       # phrasing variant, so the model learns meaning, not one template
        c0 = self.clocks[0]
        if len(self.clocks) == 1:
            parts.append([f'Single clock domain: every register updates on the rising edge of `{c0}`.',
                          f'All registers are clocked on the rising edge of `{c0}`.',
                          f'Everything is synchronous to the rising edge of `{c0}`.'][v])
        else:
            parts.append(['Clock domains: ', 'The design has several clock domains: ', 'Clocks: '][v] + ', '.join(f'`{c}`' for c in self.clocks) + '.')
        for r in self.resets:
            n, lvl, a = r['name'], r['level'], r['kind'] == 'async'
            parts.append([f'`{n}` is {"an asynchronous" if a else "a synchronous"} reset, active {lvl}'
                          + (' (it acts without waiting for a clock edge).' if a else ' (sampled on the clock edge).'),
                          f'The reset `{n}` is active-{lvl} and {"asynchronous: it clears the registers immediately" if a else "synchronous: it takes effect at the next clock edge"}.',
                          f'`{n}` resets the registers {"asynchronously" if a else "synchronously"} when it is {"low" if lvl == "low" else "high"}.'][v])
        if not self.resets:
            parts.append('There is no reset: registers start from their initial values.')
        if self.st.procs == 'two' and any(r.get('style') == 'two' for r in self.registers):
            parts.append('The registers are written in two-process style: a combinational process computes the next values (the signals suffixed _next) and a clocked process stores them.')
        if self.st.procs == 'record' and any(r.get('style') == 'record' for r in self.registers):
            parts.append('The registers are grouped in a record (`r`); a combinational process computes the next record `rin` from a variable copy.')
        return ' '.join(parts)

    def docs(self):
        """What the generator knows each declared name is for: [{name, kind, doc}] (hover and doc-comment pairs)."""
        out = [('generic', n, doc) for n, _, _, doc in self.generics]
        out += [('port', n, doc) for n, _, _, doc in self.ports]
        out += [('signal', r['name'], r['doc']) for r in self.registers if r.get('style') != 'record']
        out += [('signal', n, doc) for n, doc in self.signal_docs]
        seen, docs = set(), []
        for kind, n, doc in out:
            if doc and n.lower() not in seen:
                seen.add(n.lower())
                docs.append({'name': n, 'kind': kind, 'doc': self.ground(doc)})
        return docs

    def meta(self):
        return {
            'family': self.family, 'entity': self.entity,
            'clocks': self.clocks, 'resets': [dict(name=r['name'], kind=r['kind'], level=r['level']) for r in self.resets],
            'registers': [r['name'] for r in self.registers],
            'states': [s for s, _ in self.states],
            'ports': [{'name': n, 'dir': d, 'type': t} for n, d, t, _ in self.ports],
            'generics': [n for n, *_ in self.generics],
            'functions': self.functions, 'testbench_of': self.testbench_of,
            'params': self.params,
            'port_roles': {b: n for b, n in self.alias.items() if any(n == p[0] for p in self.ports)},
            'docs': self.docs(),
            'style': {'procs': self.st.procs, 'edge': self.st.edge, 'naming': self.st.naming,
                      'camel': self.st.camel, 'comb_all': self.st.comb_all},
        }


class Regs:
    """A group of registers written in the design's register style.

    Family code writes next-state logic with `r(x)` (the current value) and `w(x)` (the assignment
    prefix): `f"{w('cnt')} {r('cnt')} + 1;"`. In one-process style that is `cnt <= cnt + 1;`, in
    two-process style `cnt_next <= cnt + 1;`, in record style `v.cnt := r.cnt + 1;`.
    """

    def __init__(self, ctx, specs, clk, rst, label):
        self.ctx, self.clk, self.rst, self.label = ctx, clk, rst, label
        st = ctx.st
        self.style = st.procs
        self.specs = []
        for base, vtype, reset_value, doc in specs:
            if self.style == 'record':
                name = st.case(base)
            else:
                b = st.case(base)
                mark = st.reg_mark
                name = ctx.uniq(mark + b if mark.endswith('_') else b + mark)
            self.specs.append((base, name, vtype, reset_value, doc))
            ctx.registers.append({'name': name if self.style != 'record' else f'r.{name}', 'doc': doc, 'style': self.style})
        self.names = {b: n for b, n, *_ in self.specs}
        if self.style == 'record':
            self.rec_t = ctx.uniq(f'{label}_t')
            self.r_sig, self.rin_sig = ctx.uniq('r'), ctx.uniq('rin')
            ctx.decl(f'type {self.rec_t} is record')
            ctx.decl(*[f'  {n} : {t};' for _, n, t, _, _ in self.specs])
            ctx.decl('end record;')
            rv = ', '.join(f'{n} => {v if v is not None else default_value(t)}' for _, n, t, v, _ in self.specs)
            self.rec_reset = ctx.uniq(f'{label.upper()}_RESET')
            ctx.decl(f'constant {self.rec_reset} : {self.rec_t} := ({rv});')
            ctx.decl(f'signal {self.r_sig}, {self.rin_sig} : {self.rec_t};')
        else:
            for _, n, t, v, _ in self.specs:
                ctx.decl(f'signal {n} : {t};')
                if self.style == 'two':
                    ctx.decl(f'signal {n}_next : {t};')
                    ctx.used.add(f'{n}_next'.lower())

    def r(self, base):
        n = self.names[base]
        return f'{self.r_sig}.{n}' if self.style == 'record' else n

    def w(self, base, sel=''):
        """Assignment prefix for register `base`; `sel` is an index/slice like '(3)'."""
        n = self.names[base]
        if self.style == 'record':
            return f'v.{n}{sel} :='
        if self.style == 'two':
            return f'{n}_next{sel} <='
        return f'{n}{sel} <='

    def process(self, body, reads, doc):
        """Emit the register logic: `body` is the sequential next-state code."""
        ctx, clk, rst = self.ctx, self.clk, self.rst
        if doc:
            ctx.behaviour.append(doc)
        if self.style == 'one':
            resets = [f'{n} <= {v};' for _, n, _, v, _ in self.specs if v is not None]
            self._clocked(resets, body, self.label)
            return
        if self.style == 'two':
            defaults = [f'{n}_next <= {n};' for _, n, *_ in self.specs]
            names = [n for _, n, *_ in self.specs]
            ctx.comb(defaults + body, names + list(reads), '', label=self.label + '_next')
            resets = [f'{n} <= {v};' for _, n, _, v, _ in self.specs if v is not None]
            self._clocked(resets, [f'{n} <= {n}_next;' for n in names], self.label)
            return
        sens = 'all' if ctx.st.comb_all else ', '.join(dict.fromkeys([self.r_sig] + list(reads)))
        ctx.stmts.append(f'{ctx.label(self.label + "_comb")}process ({sens})')
        ctx.stmts.append(f'  variable v : {self.rec_t};')
        ctx.stmts.append('begin')
        ctx.stmts.append(f'  v := {self.r_sig};')
        ctx.stmts.extend('  ' + l for l in body)
        ctx.stmts.append(f'  {self.rin_sig} <= v;')
        ctx.stmts.append('end process;')
        self._clocked([f'{self.r_sig} <= {self.rec_reset};'], [f'{self.r_sig} <= {self.rin_sig};'], self.label)

    def _clocked(self, resets, body, label):
        ctx, clk, rst = self.ctx, self.clk, self.rst
        s = ctx.stmts
        if rst is not None and resets and rst['kind'] == 'async':
            s.append(f'{ctx.label(label + "_p")}process ({clk}, {rst["name"]})')
            s.append('begin')
            s.append(f'  if {ctx.active(rst)} then')
            s.extend('    ' + l for l in resets)
            s.append(f'  elsif {ctx.edge(clk)} then')
            s.extend('    ' + l for l in body)
            s.append('  end if;')
        else:
            s.append(f'{ctx.label(label + "_p")}process ({clk})')
            s.append('begin')
            s.append(f'  if {ctx.edge(clk)} then')
            if rst is not None and resets:
                s.append(f'    if {ctx.active(rst)} then')
                s.extend('      ' + l for l in resets)
                s.append('    else')
                s.extend('      ' + l for l in body)
                s.append('    end if;')
            else:
                s.extend('    ' + l for l in body)
            s.append('  end if;')
        s.append('end process;')


KEYWORD_RE = re.compile(r'\b(library|use|entity|is|generic|port|in|out|inout|end|architecture|of|begin|signal|constant|type|'
                        r'process|if|then|elsif|else|case|when|others|loop|for|to|downto|return|function|variable|record|'
                        r'array|range|and|or|xor|xnor|not|generate|all|null|wait|until|after|report|severity|assert|'
                        r'attribute|subtype|package|body|with|select|map|while)\b')


def default_value(vtype):
    t = vtype.strip().lower()
    if t in ('std_logic', 'std_ulogic', 'bit'):
        return "'0'"
    if t in ('boolean',):
        return 'false'
    if t.startswith(('natural', 'integer')):
        return '0'
    return "(others => '0')"


def zeros():
    return "(others => '0')"


def pick(rng, *options):
    return rng.choice(options)


# --------------------------------------------------------------------------------------------
# families registry

FAMILIES = {}   # name -> (function, short description)


def family(name, desc):
    def deco(fn):
        FAMILIES[name] = (fn, desc)
        return fn
    return deco


ENTITY_WORDS = ['', 'u_', 'my_', 'core_', 'top_', 'blk_']


def make_design(rng, name):
    """Generate one design of family `name`: returns {vhdl, explanation, meta}."""
    fn, _ = FAMILIES[name]
    ctx = Ctx(rng, name, name)
    fn(ctx)
    return {'family': name, 'entity': ctx.entity, 'vhdl': ctx.render_vhdl(),
            'explanation': ctx.render_explanation(), 'meta': ctx.meta()}


FAMILY_MODULES = ['fam_basic', 'fam_serial', 'fam_memory', 'fam_bus', 'fam_dsp', 'fam_fsm']


def load_families():
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    sys.modules.setdefault('synth', sys.modules[__name__])   # families import this module as `synth`
    import importlib
    for m in FAMILY_MODULES:
        importlib.import_module(m)                            # each registers its families
    return FAMILIES


def generate(n, seed, families=None):
    """n designs, round-robin over the families, deterministic for a seed."""
    load_families()
    names = sorted(families or FAMILIES)
    out = []
    for i in range(n):
        rng = random.Random(f'{seed}:{i}')
        out.append(make_design(rng, names[i % len(names)]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default='models/recipe/runs/data/synth.jsonl')
    ap.add_argument('--list', action='store_true', help='list the families and exit')
    a = ap.parse_args()
    load_families()
    if a.list:
        for k in sorted(FAMILIES):
            print(f'{k:24s} {FAMILIES[k][1]}')
        return
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out + '.tmp', 'w') as f:
        for d in generate(a.n, a.seed):
            f.write(json.dumps(d) + '\n')
    os.replace(a.out + '.tmp', a.out)
    print(f'wrote {a.n} designs from {len(FAMILIES)} families to {a.out}')


if __name__ == '__main__':
    main()
