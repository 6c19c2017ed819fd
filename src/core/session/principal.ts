/** What kind of IAM principal a login_session ARN names; it decides the default session length. */
export type PrincipalKind = 'user' | 'role' | 'other';

/**
 * `arn:aws:iam::123456789012:user/alice` is an IAM user (console sessions default to 12 h);
 * `arn:aws:sts::123456789012:assumed-role/Admin/alice` a role session (Identity Center, SAML or a
 * role switch: 1 h by default, configurable up to 12 h). Anything else (root, federated users) is 'other'.
 */
export function principalKind(arn: string | null): PrincipalKind {
  if (arn === null) return 'other';
  const m = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:([a-z-]+)\//.exec(arn);
  if (!m) return 'other';
  if (m[1] === 'iam' && m[2] === 'user') return 'user';
  if (m[1] === 'sts' && m[2] === 'assumed-role') return 'role';
  return 'other';
}

/** AWS's default session duration by principal kind, in hours ('other' uses the fallback setting). */
export function defaultSessionHours(kind: PrincipalKind, otherHours: number): number {
  return kind === 'user' ? 12 : kind === 'role' ? 1 : otherHours;
}
