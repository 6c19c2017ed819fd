/** One ProfileStatus row factory for tests, so each test states only what differs from a typical row. */
import type { ProfileStatus } from '../../src/core/session/types';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** When the default row's session began: 2025-12-05 08:00 UTC. */
export const START = Date.UTC(2025, 11, 5, 8, 0, 0);
/** When the default row's session ends (the 12-hour maximum). */
export const END = START + 12 * HOUR;
/** The default row's login_session. */
export const LOGIN_SESSION = 'arn:aws:iam::123456789012:user/alice';

/** The session fields of a profile that is not signed in (or not a login profile): spread it into `over`. */
export const NO_SESSION = {
  loginSession: null,
  accessTokenExpiresAt: null,
  sessionStartedAt: null,
  sessionStartSource: null,
  sessionEndSource: null,
  sessionExpiresAt: null,
} as const satisfies Partial<ProfileStatus>;

/** Every field that may be null, null: with a name and kind, a profile nothing is known about yet. */
export const BLANK = { ...NO_SESSION, state: null, accountId: null, region: null, signinProfile: null, error: null } as const satisfies Partial<ProfileStatus>;

/** A row for an active `aws login` profile "prod" whose session runs from START to END; `over` changes any field. */
export function profileStatus(over: Partial<ProfileStatus> = {}): ProfileStatus {
  return {
    name: 'prod',
    kind: 'login',
    state: 'active',
    loginSession: LOGIN_SESSION,
    accountId: '123456789012',
    region: 'eu-west-1',
    accessTokenExpiresAt: null,
    sessionStartedAt: START,
    sessionStartSource: 'id-token',
    sessionExpiresAt: END,
    sessionEndSource: 'default',
    signinProfile: null,
    error: null,
    ...over,
  };
}
