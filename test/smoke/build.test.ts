// The bundles that esbuild.mjs writes exist after `npm test` builds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

test('dist bundles exist', () => {
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) assert.ok(existsSync(f), f);
});
