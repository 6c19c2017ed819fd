import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..', '..');

/** A private build of the CLI and the credential helper (fast + slow bundles), as scripts/build.mjs makes them. */
export interface BuiltHelper {
  dist: string;
  cli: string;
  helper: string;
}

/**
 * Builds dist/cli.cjs, dist/helper.cjs and dist/helper-slow.cjs into a temp folder, so tests never
 * race a parallel `npm run build` emptying dist/. The CLI writes launchers pointing at this helper.
 */
export function buildHelper(): BuiltHelper {
  const dist = join(mkdtempSync(join(tmpdir(), 'alt-helper-build-')), 'dist');
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', legalComments: 'none' } as const;
  buildSync({ ...common, entryPoints: [join(root, 'src/cli/index.ts')], outfile: join(dist, 'cli.cjs') });
  buildSync({ ...common, entryPoints: [join(root, 'src/helper/index.ts')], outfile: join(dist, 'helper.cjs'), minify: true });
  buildSync({ ...common, entryPoints: [join(root, 'src/helper/slow-path.ts')], outfile: join(dist, 'helper-slow.cjs') });
  return { dist, cli: join(dist, 'cli.cjs'), helper: join(dist, 'helper.cjs') };
}

/** A finished child process. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument array (no shell), stdin closed, in `env` only. */
export function run(file: string, args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 10_000_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? ((err as unknown as { code: number }).code) : child.exitCode) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    child.stdin?.end();
  });
}
