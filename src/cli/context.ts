import type { Clock } from '../core/clock';
import type { Env, Platform } from '../core/ports';

/** Everything a command may touch of the outside world, so commands run the same in tests. */
export interface CliContext {
  env: Env;
  platform: Platform;
  cwd: string;
  /** The user's home folder (os.homedir() in the real process). */
  homeDir: string;
  clock: Clock;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a person one line on the terminal (prompt on stderr); absent when stdin is not a terminal. */
  askLine?(prompt: string): Promise<string | null>;
}

/** Exit codes: 0 done, 1 done but not OK (e.g. a check failed), 2 usage or error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_ERROR = 2;
