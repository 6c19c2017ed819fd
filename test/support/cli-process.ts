import { spawn, type ChildProcess } from 'node:child_process';
import { privateBuild } from './private-build';

/** The built CLI launcher (bin/aws-login-tray of a private build: see private-build.ts). */
export function buildCliBin(): string {
  return privateBuild().bin;
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
