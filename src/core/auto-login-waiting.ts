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
