import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAppHome } from '../../src/core/app-home';
import { runHelper } from '../../src/helper/main';
import { updateFastPathRecord } from '../../src/node/fast-path-record';
import { nodeFilePort } from '../../src/node/fs-port';
import { privateBuild } from '../support/private-build';

const ROOT = join(__dirname, '..', '..');

/** Exit status of the native program when it declines (the launcher then runs Node). */
export const DECLINED = 100;

/** The private build's native program; a test that needs it fails (never skips) when it is missing. */
export function nativeBinary(): string {
  const bin = join(privateBuild().dist, 'native', 'credential-process');
  if (!existsSync(bin)) throw new Error(`${bin} was not built: scripts/build-native.mjs needs a C compiler (cc, gcc or clang)`);
  return bin;
}

let asan: string | null | undefined;

/**
 * The same source built with AddressSanitizer and UBSan (any out-of-bounds read or undefined
 * behaviour aborts the run), for the fuzz corpus. gcc is on the build machines (see README).
 */
export function sanitizedNativeBinary(): string {
  if (asan) return asan;
  const out = join(mkdtempSync(join(tmpdir(), 'alt-native-asan-')), 'credential-process');
  execFileSync(process.env.CC || 'cc', ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-std=c99', '-Wall', '-Wextra', '-Werror',
    '-o', out, join(ROOT, 'native', 'credential-process.c')], { stdio: ['ignore', 'inherit', 'inherit'] });
  asan = out;
  return out;
}

/** One run of the native program. */
export interface NativeRun {
  status: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the native program as the launcher does: `--app-home <appHome> --` then the helper's arguments. */
export function runNative(bin: string, appHome: string, args: readonly string[], env: Record<string, string>): NativeRun {
  const r = spawnSync(bin, ['--app-home', appHome, '--', ...args], {
    env: { ...env, ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0:exitcode=86', UBSAN_OPTIONS: 'halt_on_error=1:exitcode=87' },
    stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** What the Node helper's own code answers (src/helper/main.ts, as bundled), run in-process with a stub slow path. */
export async function nodeAnswer(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const out = await runHelper(args, {
    env, platform: 'linux', homeDir: env.HOME ?? '/nonexistent', files: nodeFilePort, now: () => Date.now(),
    loadSlowPath: () => ({ runSlowPath: async () => ({ code: 1, message: 'slow path' }) }),
    recordFastPath: (source) => void updateFastPathRecord(resolveAppHome(env, 'linux', env.HOME ?? '/nonexistent'), source),
  });
  return { code: out.code, stdout: out.code === 0 ? out.stdout : '' };
}

/** A deterministic PRNG (mulberry32), so the fuzz corpus is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Native either answers exactly as the Node helper (byte for byte, exit 0) or declines silently. */
export type Verdict = 'answered' | 'declined';

/**
 * Runs the native program, then (when it answered) the Node helper's code on the same inputs, and
 * throws unless they agree. Never prints what either printed (they carry the fake secrets).
 */
export async function differential(bin: string, appHome: string, args: readonly string[], env: Record<string, string>): Promise<Verdict> {
  const n = runNative(bin, appHome, args, env);
  if (n.signal !== null || (n.status !== 0 && n.status !== DECLINED)) {
    throw new Error(`native ended with ${n.signal ?? `status ${n.status}`} (sanitizer report: ${n.stderr.split('\n').find((l) => l.includes('ERROR') || l.includes('runtime error')) ?? 'none'})`);
  }
  if (n.stderr !== '') throw new Error(`native wrote ${n.stderr.length} bytes to stderr`);
  if (n.status === DECLINED) {
    if (n.stdout.length !== 0) throw new Error(`native declined but printed ${n.stdout.length} bytes`);
    return 'declined';
  }
  const node = await nodeAnswer(args, env);
  if (node.code !== 0) throw new Error(`native answered where the Node helper exits ${node.code}`);
  const want = Buffer.from(node.stdout, 'utf8');
  if (!n.stdout.equals(want)) {
    let i = 0;
    while (i < want.length && n.stdout[i] === want[i]) i++;
    throw new Error(`native printed ${n.stdout.length} bytes, Node ${want.length}; first difference at byte ${i}`);
  }
  return 'answered';
}
