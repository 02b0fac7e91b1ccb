// The lazy path (one name, only the statements that mention it) must give the same facts as the
// complete analysis of the architecture, object by object, on every fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { architectureFacts, architectureModel, factsOfDeclaration } from '../../server/src/analysis/facts/index';
import { loadFixtures } from './helpers';

const CASES = [
  ['counters.vhd'],
  ['fsm_one.vhd'],
  ['fsm_two.vhd'],
  ['record_2p.vhd'],
  ['record_fsm.vhd'],
  ['procedures.vhd'],
  ['functions.vhd'],
  ['expanded_names.vhd'],
  ['comb.vhd'],
  ['generate_loops.vhd'],
  ['two_domains.vhd'],
  ['multiple_drivers.vhd'],
  ['testbench.vhd'],
  ['bad_input.vhd'],
  ['aliases.vhd'],
  ['variables.vhd'],
  ['scoped_names.vhd'],
  ['package_functions/status_pkg.vhd', 'package_functions/status_pkg_body.vhd', 'package_functions/top.vhd'],
  ['hierarchy/leaf_reg.vhd', 'hierarchy/leaf_inv.vhd', 'hierarchy/leaf_cfg.vhd', 'hierarchy/top.vhd'],
];

for (const files of CASES) {
  test(`lazy facts equal the complete facts: ${files[files.length - 1]}`, () => {
    const main = files[files.length - 1];
    // Two workspaces, so that nothing computed by one path is cached for the other.
    const eager = loadFixtures(...files);
    const lazy = loadFixtures(...files);
    const ef = eager.ws.getFile(eager.uri(main))!;
    const lf = lazy.ws.getFile(lazy.uri(main))!;
    let compared = 0;
    for (const u of ef.units) {
      if (u.kind !== 'architecture') continue;
      const all = architectureFacts(eager.ws, u);
      const lu = lf.units.find((x) => x.kind === 'architecture' && x.name === u.name)!;
      for (const d of architectureModel(lazy.ws, lu).declarations()) {
        const one = factsOfDeclaration(lazy.ws, d, lf, lu.node.start);
        const expected = all.objects.find((o) => o.name === d.name && o.declaration.line === one.declaration.line);
        assert.ok(expected, `${d.name} in the complete facts`);
        assert.deepEqual(one.details?.object, expected, `${main}: ${d.name}`);
        // A record register's state machine is on one of its fields (`r.state`, next `rin.state`).
        const on = (x: string | null) => x !== null && (x === d.name || x.startsWith(`${d.name}.`));
        const fsm = all.fsms.find((f) => on(f.signal)) ?? all.fsms.find((f) => on(f.next)) ?? null;
        assert.deepEqual(one.fsm, fsm, `${main}: fsm of ${d.name}`);
        assert.deepEqual(one.details?.crossings ?? [], all.crossings.filter((c) => c.register === d.name), `${main}: crossings into ${d.name}`);
        compared++;
      }
    }
    assert.ok(compared > 0);
  });
}
