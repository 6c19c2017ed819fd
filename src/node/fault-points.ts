import { appendFileSync } from 'node:fs';

/**
 * Crash testing for config edits: with AWS_LOGIN_TRAY_TEST_KILL_AT_STEP=N this process kills itself
 * with SIGKILL at the N-th step (1-based) of its file work, and with AWS_LOGIN_TRAY_TEST_STEP_LOG
 * it appends each step's label to that file, so a test can count the steps and kill at every one.
 * Unset (always, outside tests), a step costs one comparison.
 */
let count = 0;
let config: { killAt: number; log: string | null } | null = null;

/** Marks one step of an edit (call it between file operations). */
export function faultPoint(label: string): void {
  config ??= {
    killAt: Number(process.env.AWS_LOGIN_TRAY_TEST_KILL_AT_STEP ?? 0) || 0,
    log: process.env.AWS_LOGIN_TRAY_TEST_STEP_LOG || null,
  };
  if (config.killAt === 0 && config.log === null) return;
  count++;
  if (config.log !== null) appendFileSync(config.log, `${count} ${label}\n`);
  if (count === config.killAt) process.kill(process.pid, 'SIGKILL');
}
