import { parseAwsCliVersion, type AwsCliVersion } from '../../core/aws-cli-version';
import type { Env } from '../../core/ports';
import { runAws } from './run';

export { formatVersion, MIN_LOGIN_VERSION, parseAwsCliVersion, supportsLogin, type AwsCliVersion } from '../../core/aws-cli-version';

/** Runs `aws --version` (about 0.5-1 s for the Python CLI, so callers cache it); null when unreadable. */
export async function readAwsCliVersion(awsPath: string, env?: Env, timeoutMs = 20_000): Promise<AwsCliVersion | null> {
  const r = await runAws(awsPath, ['--version'], { timeoutMs, env });
  if (r.spawnError) return null;
  return parseAwsCliVersion(`${r.stdout}\n${r.stderr}`);
}
