import type { Env } from '../../core/ports';
import type { Settings } from '../../core/settings';
import type { UserError } from '../../shared/errors';
import { runAws } from './run';

/** How long a program named in awsCliPath may take to answer `--version` before it is refused. */
export const AWS_CLI_CHECK_TIMEOUT_MS = 15_000;

const refused = (message: string): UserError => ({
  code: 'invalid-argument',
  message,
  hint: 'Nothing was saved. Point awsCliPath at the aws executable (e.g. /usr/local/bin/aws or C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe), or clear it.',
});

/**
 * Checks that `path` is an AWS CLI before it is saved as the program every login runs: it must
 * answer `--version` within the timeout with stdout starting `aws-cli/`. Null when it does.
 */
export async function checkAwsCliProgram(path: string, env?: Env, timeoutMs = AWS_CLI_CHECK_TIMEOUT_MS): Promise<UserError | null> {
  const r = await runAws(path, ['--version'], { timeoutMs, env });
  const shown = JSON.stringify(path.slice(0, 300));
  if (r.spawnError) return refused(`Setting "awsCliPath": ${shown} could not be run (${r.spawnError}).`);
  if (r.timedOut) return refused(`Setting "awsCliPath": ${shown} did not answer --version within ${Math.round(timeoutMs / 1000)} s, so it is not used.`);
  if (!r.stdout.startsWith('aws-cli/')) return refused(`Setting "awsCliPath": ${shown} is not the AWS CLI (its --version output does not start with "aws-cli/").`);
  return null;
}

/**
 * The settings patch's programs checked before saving (today only awsCliPath), when they change:
 * a value already saved is not run again on every unrelated save.
 */
export async function checkProgramSettings(patch: unknown, current: Settings, env?: Env): Promise<UserError | null> {
  if (typeof patch !== 'object' || patch === null || !('awsCliPath' in patch)) return null;
  const path = (patch as { awsCliPath: unknown }).awsCliPath;
  if (typeof path !== 'string' || path === current.awsCliPath) return null; // null clears it; a bad type is refused by mergeSettings
  return checkAwsCliProgram(path, env);
}
