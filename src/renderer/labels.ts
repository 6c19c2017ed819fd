import type { ProfileKind, ProfileStatus } from '../shared/ipc-contract';
import { isLoginLike } from '../shared/sessions';

const KIND_LABELS: Record<ProfileKind, string> = {
  login: 'aws login',
  'auto-login': 'Auto-login',
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'Assume role',
  'static-keys': 'Long-term access keys',
  'credential-process': 'credential_process',
  other: 'Other',
};

/** Words for how a profile gets its credentials. */
export function kindLabel(kind: ProfileKind): string {
  return KIND_LABELS[kind];
}

/** True for the profiles the window manages (log in, log out, countdowns). */
export function isSessionProfile(profile: ProfileStatus): boolean {
  return isLoginLike(profile);
}

/** "eu-west-1 · 123456789012": where the profile points, if known. */
export function whereLabel(profile: ProfileStatus): string {
  return [profile.region, profile.accountId].filter((part): part is string => Boolean(part)).join(' · ');
}

/** Rewrites Electron's "Error invoking remote method 'x': Error: msg" into just "msg". */
export function errorText(err: unknown): { message: string; hint: string | null } {
  const userError = (err as { userError?: { message: string; hint: string | null } } | null)?.userError;
  if (userError) return { message: userError.message, hint: userError.hint };
  const raw = err instanceof Error ? err.message : String(err);
  return { message: raw.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, ''), hint: null };
}
