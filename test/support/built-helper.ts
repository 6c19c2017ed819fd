import { execFile } from 'node:child_process';
import { privateBuild } from './private-build';

/** A private build of the CLI and the credential helper (fast + slow bundles), as scripts/build.mjs makes them. */
export interface BuiltHelper {
  dist: string;
  cli: string;
  helper: string;
}

/** The CLI and helper bundles of a private build (see private-build.ts); launchers point at this helper. */
export function buildHelper(): BuiltHelper {
  const { dist, cli, helper } = privateBuild();
  return { dist, cli, helper };
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
