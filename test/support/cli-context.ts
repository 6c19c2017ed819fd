import { ManualClock } from '../../src/core/clock';
import type { CliContext } from '../../src/cli/context';

/** A CliContext that captures output, for running commands in-process. */
export interface CapturedContext extends CliContext {
  clock: ManualClock;
  out: () => string;
  err: () => string;
}

/** An in-process CLI context over `env` (give it temp AWS paths and AWS_LOGIN_TRAY_HOME). */
export function capturedContext(env: Record<string, string>, now = Date.UTC(2025, 11, 5, 10, 0, 0)): CapturedContext {
  let out = '';
  let err = '';
  return {
    env,
    platform: 'linux',
    cwd: process.cwd(),
    homeDir: env.HOME ?? '/nonexistent-home',
    clock: new ManualClock(now),
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    out: () => out,
    err: () => err,
  };
}
