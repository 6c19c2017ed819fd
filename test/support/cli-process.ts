import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..', '..');

/**
 * Builds the CLI the way scripts/build.mjs does, into a private temp folder with a copy of
 * bin/aws-login-tray beside it (so tests never race a parallel `npm run build` emptying dist/).
 * Returns the launcher's path.
 */
export function buildCliBin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alt-cli-build-'));
  mkdirSync(join(dir, 'bin'));
  buildSync({
    entryPoints: [join(root, 'src/cli/index.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outfile: join(dir, 'dist', 'cli.cjs'), logLevel: 'silent', legalComments: 'none',
  });
  const bin = join(dir, 'bin', 'aws-login-tray');
  copyFileSync(join(root, 'bin', 'aws-login-tray'), bin);
  chmodSync(bin, 0o755);
  return bin;
}

/** A finished CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process with its output so far. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout (or stderr) matches; rejects if the process exits first. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
  done: Promise<CliRun>;
}

/** Starts the built CLI with stdin closed, like a tray or script would. */
export function startCli(bin: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); listeners.forEach((l) => l()); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); listeners.forEach((l) => l()); });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout: out, stderr: err })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor(pattern, stream = 'stdout') {
      return new Promise((resolve, reject) => {
        const check = () => { if (pattern.test(stream === 'stdout' ? out : err)) resolve(); };
        listeners.push(check);
        check();
        void done.then(() => reject(new Error(`exited before ${pattern}; stdout: ${out} stderr: ${err}`)));
      });
    },
  };
}

/** Runs the built CLI to completion. */
export function runCliBin(bin: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return startCli(bin, args, env).done;
}
