import { execFile } from 'node:child_process';
import { privateBuild } from './private-build';

/** The built CLI launcher (bin/aws-login-tray of a private build: see private-build.ts). */
export function buildCliBinary(): string {
  return privateBuild().bin;
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
