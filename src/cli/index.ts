import { homedir } from 'node:os';
import { currentPlatform } from '../node/file-facts';
import { systemClock } from '../node/system-clock';
import { ClosedPipeError, describeWriteError, tryWriteStderr, writeAllSync } from '../node/write-stdio';
import { EXIT_ERROR } from './context';
import { runCli } from './main';

// The CLI's only contact with the real process: everything else goes through the context.
const platform = currentPlatform();

/**
 * Output that cannot be written ends the process at once, whatever the command was doing (a watch
 * loop, a help text): `aws-login-tray status | head` closing the pipe is not an error (quiet, the
 * command's exit code so far); any other failure (a full disk, /dev/full, EIO) is one line on
 * stderr and exit 2. Never a stack trace.
 */
function writer(fd: 1 | 2): (text: string) => void {
  return (text) => {
    try {
      writeAllSync(fd, text);
    } catch (err) {
      if (err instanceof ClosedPipeError || fd === 2) process.exit(Number(process.exitCode ?? 0));
      tryWriteStderr(`aws-login-tray: cannot write the output: ${describeWriteError(err)}.\n`);
      process.exit(EXIT_ERROR);
    }
  };
}

/** One line typed at the terminal (null on end of input); the prompt goes to stderr, stdout stays for results. */
function askLine(prompt: string): Promise<string | null> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createInterface } = require('node:readline') as typeof import('node:readline');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.question(prompt, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
    rl.on('close', () => {
      if (!answered) resolve(null);
    });
  });
}

runCli(process.argv.slice(2), {
  env: process.env,
  platform,
  cwd: process.cwd(),
  homeDir: homedir(),
  clock: systemClock,
  stdout: writer(1),
  stderr: writer(2),
  ...(process.stdin.isTTY ? { askLine } : {}),
}).then(
  (code) => {
    // exitCode, not exit(): a command may still have work queued (watchers closing, child exits).
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = EXIT_ERROR;
    tryWriteStderr(`aws-login-tray: internal error: ${(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ')}\n`);
  },
);
