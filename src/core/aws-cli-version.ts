/** A parsed `aws --version`. */
export interface AwsCliVersion {
  major: number;
  minor: number;
  patch: number;
}

/** `aws login` first shipped in AWS CLI 2.32.0. */
export const MIN_LOGIN_VERSION: AwsCliVersion = Object.freeze({ major: 2, minor: 32, patch: 0 });

/** Reads `aws-cli/2.32.3 Python/...` (v2 prints it on stdout, v1 on stderr: pass both). */
export function parseAwsCliVersion(output: string): AwsCliVersion | null {
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** True when this CLI has `aws login`. */
export function supportsLogin(v: AwsCliVersion): boolean {
  const a = [v.major, v.minor, v.patch];
  const b = [MIN_LOGIN_VERSION.major, MIN_LOGIN_VERSION.minor, MIN_LOGIN_VERSION.patch];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** "2.32.3" */
export function formatVersion(v: AwsCliVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
