import type { ProfileStatus, StatusReport } from '../../core/session/types';

/** One profile as `status --json` prints it: ISO-8601 times, null where unknown. */
export interface ProfileStatusJson {
  name: string;
  kind: ProfileStatus['kind'];
  state: ProfileStatus['state'];
  loginSession: string | null;
  accountId: string | null;
  region: string | null;
  accessTokenExpiresAt: string | null;
  sessionStartedAt: string | null;
  sessionExpiresAt: string | null;
  /** Where sessionExpiresAt comes from; all but "introspected" are estimates. */
  sessionEndSource: ProfileStatus['sessionEndSource'];
  signinProfile: string | null;
  error: string | null;
  /** While a credential helper waits on a browser sign-in for this profile: since when; else null. */
  waitingForSignInSince: string | null;
}

const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** The stable `status --json` shape scripts depend on: `{"profiles":[...]}` with fixed keys. */
export function statusToJson(report: StatusReport): { profiles: ProfileStatusJson[] } {
  return {
    profiles: report.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      state: p.state,
      loginSession: p.loginSession,
      accountId: p.accountId,
      region: p.region,
      accessTokenExpiresAt: iso(p.accessTokenExpiresAt),
      sessionStartedAt: iso(p.sessionStartedAt),
      sessionExpiresAt: iso(p.sessionExpiresAt),
      sessionEndSource: p.sessionEndSource,
      signinProfile: p.signinProfile,
      error: p.error,
      waitingForSignInSince: iso(p.waitingForSignInSince ?? null),
    })),
  };
}
