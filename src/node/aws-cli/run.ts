import { execa } from 'execa';
import type { Env } from '../../core/ports';
import { DEFAULT_SETTINGS } from '../../core/settings';

/** How to run one `aws` command. */
export interface AwsRunOptions {
  /** Kill the process after this long (default: settings.loginTimeoutSeconds). */
  timeoutMs?: number;
  /** Aborting kills the process (SIGTERM, then SIGKILL after 3 s). */
  signal?: AbortSignal;
  /** Extra environment on top of this process's. */
  env?: Env;
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

/** Runs `aws` with an argument array, stdin closed (so hidden prompts fail instead of hanging). */
export async function runAws(awsPath: string, args: readonly string[], options: AwsRunOptions = {}): Promise<AwsRunResult> {
  const result = await execa(awsPath, args, {
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_SETTINGS.loginTimeoutSeconds * 1000,
    cancelSignal: options.signal,
    forceKillAfterDelay: 3000,
    env: { ...(options.env as Record<string, string> | undefined), ...PINNED_AWS_ENV },
    extendEnv: true,
    windowsHide: true,
    stripFinalNewline: false,
    maxBuffer: 10_000_000,
  });
  const spawned = result.exitCode !== undefined || result.signal !== undefined;
  return {
    exitCode: result.exitCode ?? null,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    spawnError: !spawned && result.failed && !result.timedOut && !result.isCanceled ? (result.code ?? 'spawn failed') : null,
  };
}
