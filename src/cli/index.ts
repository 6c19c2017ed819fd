import { homedir } from 'node:os';
import type { Platform } from '../core/ports';
import { systemClock } from '../node/system-clock';
import { ClosedPipeError, writeAllSync } from '../node/write-stdio';
import { runCli } from './main';

// The CLI's only contact with the real process: everything else goes through the context.
const platform: Platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

/** `aws-login-tray status | head`: a reader that stops early is not an error; stop quietly. */
function writer(fd: number): (text: string) => void {
  return (text) => {
    try {
      writeAllSync(fd, text);
    } catch (err) {
      if (err instanceof ClosedPipeError) process.exit(Number(process.exitCode ?? 0));
      throw err;
    }
  };
}

runCli(process.argv.slice(2), {
  env: process.env,
  platform,
  cwd: process.cwd(),
  homeDir: homedir(),
  clock: systemClock,
  stdout: writer(1),
  stderr: writer(2),
}).then(
  (code) => {
    // exitCode, not exit(): a command may still have work queued (watchers closing, child exits).
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = 2;
    writer(2)(`aws-login-tray: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  },
);
