import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Env } from '../../core/ports';
import { DEFAULT_SETTINGS } from '../../core/settings';

/** How to run one `aws` command. */
export interface AwsRunOptions {
  /** Kill the process after this long (default: settings.loginTimeoutSeconds). */
  timeoutMs?: number;
  /** Aborting kills the process and everything it started (SIGTERM, then SIGKILL after 3 s). */
  signal?: AbortSignal;
  /** Extra environment on top of this process's. */
  env?: Env;
  /** Each piece of output as it arrives (`aws login` prints the sign-in URL, then waits). */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /**
   * Keep stdin open as a pipe and hand over a writer (`aws login --remote` reads the code the
   * browser shows). Without it stdin is closed, so hidden prompts fail instead of hanging.
   */
  onStdin?(write: (text: string) => void): void;
}

/**
 * What came back. stdout/stderr may hold secrets (export-credentials prints keys): callers parse
 * them, never log them raw.
 */
export interface AwsRunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** The executable could not be started (ENOENT, EACCES). */
  spawnError: string | null;
}

/**
 * Pinned for every run, over the user's environment: the error layout (a user's AWS_CLI_ERROR_FORMAT=json
 * or cli_error_format turns 2.34+'s errors into JSON; `legacy` prints `aws: [ERROR]: <message>` in 2.34+ and
 * is ignored by 2.32.x, whose `\n<message>\n` is the same text: recorded) and the auto-prompt (which would
 * wait for a terminal).
 */
export const PINNED_AWS_ENV: Readonly<Record<string, string>> = Object.freeze({ AWS_CLI_ERROR_FORMAT: 'legacy', AWS_CLI_AUTO_PROMPT: 'off' });

const FORCE_KILL_AFTER_MS = 3_000;
/** After the CLI exits, how long a grandchild that inherited its stdout (a browser) may keep the pipe open. */
const STREAM_GRACE_MS = 1_000;
const MAX_OUTPUT_BYTES = 10_000_000;
const WINDOWS = process.platform === 'win32';
const PARENT_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Kills the child and everything it started. On POSIX it leads its own process group (detached),
 * so one kill of -pid reaches the CLI's own children too (Homebrew/pip wrappers, PyInstaller's
 * bootloader). On Windows `taskkill /T` ends the tree (a job object would also survive our own
 * crash; Node has no API for one).
 */
function killTree(child: ChildProcess, signal: NodeJS.Signals, o: { sync?: boolean } = {}): void {
  if (child.pid === undefined) return;
  try {
    const taskkill = ['/pid', String(child.pid), '/T', '/F'];
    // Waited for only when this process is exiting (nothing would run after it); a cancel in the tray
    // must not make the Electron main thread wait on taskkill.
    if (WINDOWS && o.sync) spawnSync('taskkill', taskkill, { stdio: 'ignore', windowsHide: true, timeout: 5_000 });
    else if (WINDOWS) spawn('taskkill', taskkill, { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Children running now: killed (with their groups) when this process exits or is told to stop. */
const running = new Set<ChildProcess>();

function killAllRunning(): void {
  for (const child of running) killTree(child, 'SIGTERM', { sync: true });
}

/**
 * A signal that nobody else in this process handles (the credential helper has no handlers) would
 * end us with the default action and orphan the CLI, which now sits in its own process group and
 * no longer gets the terminal's Ctrl-C. So: end the children, then die of the same signal. When
 * someone else listens (the CLI's Ctrl-C → cancel, the preview's stop → exit), leave it to them:
 * cancelling or exiting kills the children too.
 */
function onParentSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killAllRunning();
  unwatchParent();
  process.kill(process.pid, signal);
}

let watching = false;
function watchParent(): void {
  if (watching) return;
  watching = true;
  process.on('exit', killAllRunning);
  for (const s of PARENT_SIGNALS) process.on(s, onParentSignal);
}
function unwatchParent(): void {
  if (!watching) return;
  watching = false;
  process.off('exit', killAllRunning);
  for (const s of PARENT_SIGNALS) process.off(s, onParentSignal);
}

function collect(stream: NodeJS.ReadableStream | null, onText?: (text: string) => void): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  const decoder = onText ? new TextDecoder('utf-8') : null;
  stream?.on('data', (chunk: Buffer) => {
    if (size >= MAX_OUTPUT_BYTES) return;
    if (decoder && onText) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') onText(text);
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs `aws` with an argument array, stdin closed (so hidden prompts fail instead of hanging). The
 * CLI and whatever it starts end on timeout, on abort, and when this process exits or is killed by
 * SIGINT/SIGTERM/SIGHUP (not SIGKILL: nothing can catch that).
 */
export function runAws(awsPath: string, args: readonly string[], options: AwsRunOptions = {}): Promise<AwsRunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SETTINGS.loginTimeoutSeconds * 1000;
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let spawnError: string | null = null;
    let exitCode: number | null = null;
    let settled = false;
    const timers: ReturnType<typeof setTimeout>[] = [];
    let child: ChildProcess;
    try {
      child = spawn(awsPath, [...args], {
        stdio: [options.onStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...options.env, ...PINNED_AWS_ENV } as NodeJS.ProcessEnv,
        detached: !WINDOWS,
        windowsHide: true,
      });
    } catch (err) {
      resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: (err as NodeJS.ErrnoException).code ?? 'spawn failed' });
      return;
    }
    const onOutput = options.onOutput;
    const stdout = collect(child.stdout, onOutput && ((t) => onOutput(t, 'stdout')));
    const stderr = collect(child.stderr, onOutput && ((t) => onOutput(t, 'stderr')));
    if (options.onStdin && child.stdin) {
      const input = child.stdin;
      input.on('error', () => undefined); // the CLI exited before reading: nothing to do
      options.onStdin((text) => {
        if (!input.destroyed && input.writable) input.write(text);
      });
    }
    const stop = (): void => {
      killTree(child, 'SIGTERM');
      timers.push(setTimeout(() => killTree(child, 'SIGKILL'), FORCE_KILL_AFTER_MS));
    };
    const onAbort = (): void => {
      if (settled || cancelled || timedOut) return;
      cancelled = true;
      stop();
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      running.delete(child);
      if (running.size === 0) unwatchParent();
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ exitCode: timedOut || cancelled ? null : exitCode, stdout: stdout(), stderr: stderr(), timedOut, cancelled, spawnError });
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        spawnError = err.code ?? 'spawn failed';
        finish();
      }
    });
    if (child.pid === undefined) return; // the 'error' event follows
    running.add(child);
    watchParent();
    child.on('exit', (code) => {
      exitCode = code;
      // Normally 'close' follows at once; a grandchild holding the pipes must not keep us waiting.
      timers.push(setTimeout(finish, STREAM_GRACE_MS));
    });
    child.on('close', finish);
    timers.push(setTimeout(() => {
      if (settled || cancelled) return;
      timedOut = true;
      stop();
    }, timeoutMs));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
