import { buildSync } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** The real launcher, as installed: it runs dist/cli.cjs. */
export const CLI_BIN = join(ROOT, 'bin', 'aws-login-tray');
const BUNDLE = join(ROOT, 'dist', 'cli.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure dist/cli.cjs exists and is newer than src/ (npm test builds first; a lone
 * `vitest run` may not have). Rebuilds only the CLI bundle, the way scripts/build.mjs does.
 */
export function ensureBuiltCli(): string {
  const stale = !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource(join(ROOT, 'src'));
  if (stale) {
    buildSync({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning', entryPoints: [join(ROOT, 'src/cli/index.ts')], outfile: BUNDLE });
  }
  return CLI_BIN;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process with exactly `env` (plus PATH), stdin closed. */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [CLI_BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? -1 : 0;
      done({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}
