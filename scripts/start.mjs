// `npm start`: builds, then runs the tray app with Electron's binary. Without that binary (it is
// downloaded on first install, which needs access to Electron's releases) it says so in one line
// and points to the browser preview, instead of Electron's own download attempt and stack traces.
// `require('electron')` is not used to find it: that starts a download when the binary is missing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PREVIEW = 'use the same window in a browser instead: npm run preview';

/** The Electron binary `npm start` would run, or why there is none (one line). */
export function findElectron(fromDir = root, env = process.env) {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, why: 'the electron package is not installed (run npm install)' };
  }
  let name = null;
  try {
    name = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: its install script never finished the download.
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = name ? join(dist, name) : null;
  if (!binary || !existsSync(binary)) return { ok: false, why: `Electron's binary was never downloaded (${join(pkgDir, 'dist')} is missing; it needs access to Electron's release downloads)` };
  return { ok: true, binary };
}

function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const found = findElectron();
  if (!found.ok) {
    process.stderr.write(`aws-login-tray: cannot start the tray app: ${found.why}; ${PREVIEW}\n`);
    process.exit(1);
  }
  if (major < 22 || (major === 22 && minor < 12)) {
    process.stderr.write(`aws-login-tray: Electron 45 needs Node 22.12 or newer to start (this is ${process.versions.node}); ${PREVIEW}\n`);
    process.exit(1);
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const child = spawn(found.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
