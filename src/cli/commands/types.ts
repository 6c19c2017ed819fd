import type { CliContext } from '../context';

/** One CLI command: its own file under src/cli/commands/, listed once in ./index.ts. */
export interface Command {
  name: string;
  /** One line for `aws-login-tray --help`. */
  summary: string;
  /** The text of `aws-login-tray <name> --help`: synopsis, options, examples. */
  usage: string;
  /**
   * Runs with the arguments after the command name (--help is handled before this); returns the
   * exit code. Heavy modules (execa, the AWS SDK) are imported inside run, not at the top, so
   * every other command stays fast to start.
   */
  run(args: string[], ctx: CliContext): Promise<number> | number;
}
