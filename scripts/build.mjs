// Bundles every entry point with esbuild. Plain-Node entries become single .cjs files so that
// start-up stays fast (the credential helper runs on every AWS call); `electron` stays external.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative } from './build-native.mjs';
import { buildCli } from './cli-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` builds elsewhere (tests build private copies so they never race `npm run build`).
const outArg = process.argv.indexOf('--outdir');
const dist = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'warning', legalComments: 'none' };
const entries = [
  { in: 'src/helper/index.ts', out: 'helper.cjs', minify: true },
  // Loaded by helper.cjs only when the cache cannot answer (refresh with the SDK, login).
  { in: 'src/helper/slow-path.ts', out: 'helper-slow.cjs' },
  { in: 'src/preview/index.ts', out: 'preview.cjs' },
  { in: 'src/main/index.ts', out: 'main.cjs', external: ['electron'] },
  { in: 'src/preload/index.ts', out: 'preload.cjs', external: ['electron'] },
];
const jobs = [buildCli(root, dist, node)];
for (const e of entries) {
  // A missing entry is a broken tree, not something to skip quietly.
  if (!existsSync(join(root, e.in))) throw new Error(`build: entry ${e.in} is missing`);
  jobs.push(build({ ...node, entryPoints: [join(root, e.in)], outfile: join(dist, e.out), external: e.external ?? [], minify: e.minify ?? false }));
}
for (const f of ['src/renderer/app.ts', 'src/renderer/index.html', 'src/renderer/styles.css']) {
  if (!existsSync(join(root, f))) throw new Error(`build: ${f} is missing`);
}
jobs.push(build({ bundle: true, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: [join(root, 'src/renderer/app.ts')], outfile: join(dist, 'renderer', 'app.js'), logLevel: 'warning' }));
await Promise.all(jobs);
// The credential helper's native fast path, when a C compiler is here (one line printed when not).
buildNative(dist);
for (const f of ['index.html', 'styles.css']) cpSync(join(root, 'src/renderer', f), join(dist, 'renderer', f));
