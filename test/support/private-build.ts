import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** A private copy of the built app: what `npm run build` makes, plus bin/aws-login-tray beside it. */
export interface PrivateBuild {
  dist: string;
  /** bin/aws-login-tray, as users run it. */
  bin: string;
  cli: string;
  helper: string;
}

let memo: PrivateBuild | null = null;

/**
 * Runs the real scripts/build.mjs into a temp folder (once per test file), so tests exercise
 * exactly what ships (one bundle per CLI command, the split helper) and never race a parallel
 * `npm run build` emptying dist/.
 */
export function privateBuild(): PrivateBuild {
  if (memo) return memo;
  const dir = mkdtempSync(join(tmpdir(), 'alt-build-'));
  const dist = join(dir, 'dist');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--outdir', dist], { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(join(dir, 'bin'));
  const bin = join(dir, 'bin', 'aws-login-tray');
  copyFileSync(join(ROOT, 'bin', 'aws-login-tray'), bin);
  chmodSync(bin, 0o755);
  memo = { dist, bin, cli: join(dist, 'cli.cjs'), helper: join(dist, 'helper.cjs') };
  return memo;
}
