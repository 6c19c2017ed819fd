/** What an introspection told us (RFC 7662 as Sign-In answers it), secret-free. */
export type IntrospectOutcome =
  | { kind: 'active'; exp: number | null; iat: number | null }
  | { kind: 'inactive' }
  /** AccessDenied (no signin:IntrospectOAuth2Token) or any other refusal or failure: use the estimate. */
  | { kind: 'failed'; denied: boolean; problem: string };

const secs = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e11 ? Math.round(v * 1000) : null;

/** A short, secret-free reason from an AWS JSON error answer. */
export function errorProblem(status: number, errorType: string | null, body: string): string {
  let message = '';
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const m = j.message ?? j.Message;
    if (typeof m === 'string') message = m;
  } catch {
    // not JSON
  }
  const type = errorType ?? `HTTP ${status}`;
  return (message ? `${type}: ${message}` : type).replace(/\s+/g, ' ').slice(0, 200);
}

/** Reads IntrospectOAuth2TokenWithIAM's answer. */
export function parseIntrospectAnswer(status: number, errorType: string | null, body: string): IntrospectOutcome {
  if (status !== 200) {
    return { kind: 'failed', denied: errorType === 'AccessDeniedException' || status === 403, problem: errorProblem(status, errorType, body) };
  }
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return { kind: 'failed', denied: false, problem: 'Sign-In answered something that is not JSON' };
  }
  if (typeof j !== 'object' || j === null || typeof (j as { active?: unknown }).active !== 'boolean') {
    return { kind: 'failed', denied: false, problem: 'Sign-In answered without "active"' };
  }
  const claims = j as Record<string, unknown>;
  if (claims.active === false) return { kind: 'inactive' };
  return { kind: 'active', exp: secs(claims.exp), iat: secs(claims.iat) };
}
