import { buildSync } from 'esbuild';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * Bundles src/cli/index.ts exactly as scripts/build.mjs does, into a private temp folder with a
 * copy of the real bin/aws-login-tray launcher beside it (so a parallel `npm run build` emptying
 * dist/ never races the test). Returns the launcher's path.
 */
export function buildCliBinary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alt-built-cli-'));
  buildSync({
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning',
    entryPoints: [join(ROOT, 'src/cli/index.ts')], outfile: join(dir, 'dist', 'cli.cjs'),
  });
  mkdirSync(join(dir, 'bin'));
  const bin = join(dir, 'bin', 'aws-login-tray');
  copyFileSync(join(ROOT, 'bin', 'aws-login-tray'), bin);
  chmodSync(bin, 0o755);
  return bin;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI launcher `bin` as a child process with exactly `env` (plus PATH), stdin closed. */
export function runCliProcess(bin: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? -1 : 0;
      done({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}
