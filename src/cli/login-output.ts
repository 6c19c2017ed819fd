import { createInterface } from 'node:readline';
import { loginFollower, type LoginFollowStep } from '../core/login-output';
import type { CliContext } from './context';

/** Reads one line from this process's stdin (the terminal); null at EOF. */
export function readStdinLine(): { line: Promise<string | null>; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  let settle: (value: string | null) => void = () => undefined;
  const line = new Promise<string | null>((resolve) => {
    settle = resolve;
  });
  rl.once('line', (text) => {
    settle(text);
    rl.close();
  });
  rl.once('close', () => settle(null));
  return {
    line,
    close: () => {
      rl.close();
      process.stdin.pause();
    },
  };
}

/**
 * Follows a running `aws login` for a person at a terminal: prints the sign-in URL once it appears
 * (stderr, so stdout keeps only the result), and for `--remote` asks for the code the browser shows
 * and hands it to the CLI. `read` is how a line is read (this process's stdin by default).
 */
export function loginOutputPrinter(ctx: CliContext, remote: boolean, read = readStdinLine) {
  const follow = loginFollower();
  let write: ((text: string) => void) | null = null;
  let reader: ReturnType<typeof readStdinLine> | null = null;
  const show = (step: LoginFollowStep): void => {
    if (step.url) ctx.stderr(remote ? `Open this URL on any device and sign in:\n\n  ${step.url}\n\n` : `If no browser tab opened, open this URL:\n\n  ${step.url}\n\n`);
    if (step.askCode && write) {
      ctx.stderr('Then enter the code the browser shows: ');
      const w = write;
      reader = read();
      void reader.line.then((line) => w(`${line ?? ''}\n`));
    }
  };
  return {
    onOutput(text: string): void {
      show(follow.output(text));
    },
    onStdin(w: (text: string) => void): void {
      write = w;
      show(follow.stdinReady());
    },
    /** Stops reading stdin (the login ended). */
    close(): void {
      reader?.close();
    },
  };
}
