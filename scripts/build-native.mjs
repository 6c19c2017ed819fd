// Builds the credential helper's native fast path (native/credential-process.c) into <dist>/native/
// when a C compiler is here: $CC, else cc, gcc or clang on PATH. Without one it prints one line and
// the helper runs on Node, as before. A compiler that is present but fails is an error.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_SOURCE = join(root, 'native', 'credential-process.c');
const exe = process.platform === 'win32' ? 'credential-process.exe' : 'credential-process';

/** The first compiler that answers --version (macOS's /usr/bin/cc stub without the Command Line Tools does not). */
function findCompiler(env) {
  const candidates = env.CC ? [env.CC] : ['cc', 'gcc', 'clang'];
  for (const cc of candidates) {
    try {
      execFileSync(cc, ['--version'], { stdio: 'ignore', env });
      return cc;
    } catch {
      // not here, or not working
    }
  }
  return null;
}

/** Compiles into <dist>/native/; returns the binary's path, or null (one line printed) without a compiler. */
export function buildNative(dist, env = process.env) {
  if (env.AWS_LOGIN_TRAY_NATIVE === '0') {
    console.log('native fast path: skipped (AWS_LOGIN_TRAY_NATIVE=0); the credential helper runs on Node');
    return null;
  }
  const cc = findCompiler(env);
  if (!cc) {
    console.log(`native fast path: skipped, no C compiler (${env.CC ? `CC=${env.CC}` : 'cc, gcc, clang'}) found; the credential helper runs on Node`);
    return null;
  }
  const outDir = join(dist, 'native');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, exe);
  const tmp = `${out}.tmp-${process.pid}`;
  const flags = (env.AWS_LOGIN_TRAY_NATIVE_CFLAGS ?? '-O2').split(/\s+/).filter(Boolean);
  try {
    execFileSync(cc, [...flags, '-std=c99', '-Wall', '-Wextra', '-o', tmp, NATIVE_SOURCE], { stdio: ['ignore', 'inherit', 'inherit'], env });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`native fast path: ${cc} failed to compile ${NATIVE_SOURCE} (${err.message.split('\n')[0]}). Fix the compiler, or set AWS_LOGIN_TRAY_NATIVE=0 to build without it.`);
  }
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outArg = process.argv.indexOf('--outdir');
  buildNative(outArg > 0 ? process.argv[outArg + 1] : join(root, 'dist'));
}
