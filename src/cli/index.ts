import { homedir } from 'node:os';
import type { Platform } from '../core/ports';
import { systemClock } from '../node/system-clock';
import { runCli } from './main';

// The CLI's only contact with the real process: everything else goes through the context.
const platform: Platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

runCli(process.argv.slice(2), {
  env: process.env,
  platform,
  cwd: process.cwd(),
  homeDir: homedir(),
  clock: systemClock,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    // exitCode, not exit(): lets piped stdout finish flushing.
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`aws-login-tray: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
