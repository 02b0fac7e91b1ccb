// Copies the run-time modules esbuild cannot bundle (onnxruntime-node's native binding and its
// onnxruntime-common) into dist/node_modules, for one platform, so the .vsix carries them and
// dist/server.js finds them by ordinary Node resolution.
// Usage: node client/copyNativeModules.mjs [platform-arch] [dist-folder]
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const target = process.argv[2] ?? `${process.platform}-${process.arch}`;
const [platform, arch] = target.split('-');
const out = join(process.argv[3] ?? join(root, 'dist'), 'node_modules');

/** [package, keep(path relative to the package) -> boolean] */
const modules = [
  ['onnxruntime-node', (p) => p === 'package.json' || p === 'LICENSE' || p === 'README.md' || p.startsWith(`dist${sep}`) && !p.endsWith('.map') && !p.endsWith('.d.ts')
    || p === 'dist' || p === 'bin' || p === join('bin', 'napi-v6') || p === join('bin', 'napi-v6', platform)
    || p.startsWith(join('bin', 'napi-v6', platform, arch))],
  ['onnxruntime-common', (p) => p === 'package.json' || p === 'LICENSE' || p === 'dist' || p.startsWith(`dist${sep}`) && !p.endsWith('.map') && !p.endsWith('.d.ts')],
];

rmSync(out, { recursive: true, force: true });
for (const [name, keep] of modules) {
  const src = join(root, 'node_modules', name);
  if (!existsSync(src)) throw new Error(`${name} is not installed (npm ci)`);
  cpSync(src, join(out, name), { recursive: true, filter: (p) => p === src || keep(relative(src, p)) });
}
const binding = join(out, 'onnxruntime-node', 'bin', 'napi-v6', platform, arch, 'onnxruntime_binding.node');
if (!existsSync(binding)) throw new Error(`no onnxruntime-node binding for ${target}`);
console.log(`copied onnxruntime-node (${target}) and onnxruntime-common into ${out}`);
