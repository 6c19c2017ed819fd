import type { StatusReport } from './session/types';

/** App state file a credential helper writes while it waits on a browser sign-in ({[signin]: {since, pid}}). */
export const AUTO_LOGIN_WAITING_STATE = 'auto-login-waiting';

/** One entry of the helper's `auto-login-waiting` state: a helper process waiting on a browser sign-in. */
export interface WaitingEntry {
  since: number;
  pid: number;
}

/** The `auto-login-waiting` state file's JSON ({[signinProfile]: {since, pid}}); anything malformed is skipped. */
export function parseWaitingState(json: unknown): Map<string, WaitingEntry> {
  const out = new Map<string, WaitingEntry>();
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
  for (const [signin, v] of Object.entries(json as Record<string, unknown>)) {
    const e = v as Partial<WaitingEntry> | null;
    if (e && typeof e.since === 'number' && Number.isFinite(e.since) && Number.isInteger(e.pid) && (e.pid as number) > 0) out.set(signin, { since: e.since, pid: e.pid as number });
  }
  return out;
}

/**
 * The report with `waitingForSignInSince` on each sign-in profile a helper waits for and on every
 * auto-login profile that signs in through it; the report itself is not changed.
 */
export function markWaitingForSignIn(report: StatusReport, waiting: ReadonlyMap<string, number>): StatusReport {
  if (waiting.size === 0) return report;
  return {
    ...report,
    profiles: report.profiles.map((p) => {
      const since = waiting.get(p.kind === 'auto-login' && p.signinProfile !== null ? p.signinProfile : p.name);
      return since === undefined ? p : { ...p, waitingForSignInSince: since };
    }),
  };
}
