import { isPlausibleTime } from './time-range';

/** The claims of a login idToken that date the session. Times are epoch ms. */
export interface IdTokenClaims {
  sub: string | null;
  /** When the person authenticated (`auth_time`). */
  authTime: number | null;
  /** When the token was issued (`iat`). */
  iat: number | null;
}

/** base64url -> text with Buffer's native decoder (status decodes 1,000 of these at start-up). */
function base64UrlToText(part: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  // Bad UTF-8 turns into U+FFFD, which JSON.parse then rejects or we ignore: never a throw.
  return Buffer.from(part, 'base64url').toString('utf8');
}

/** Epoch seconds -> ms; a claim out of range (negative, 1e20, after 2199) is ignored. */
function epochSecondsToMs(v: unknown): number | null {
  if (typeof v !== 'number' || !(v > 0)) return null;
  const ms = Math.round(v * 1000);
  return isPlausibleTime(ms) ? ms : null;
}

/**
 * Reads a JWT's payload without verifying it: we only want the session's start time, and the token
 * was written by the AWS CLI to a file only the user can read. Anything malformed gives null.
 */
export function decodeIdToken(jwt: string | null | undefined): IdTokenClaims | null {
  if (typeof jwt !== 'string') return null;
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  const text = base64UrlToText(parts[1]);
  if (text === null) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  return {
    sub: typeof p.sub === 'string' ? p.sub : null,
    authTime: epochSecondsToMs(p.auth_time),
    iat: epochSecondsToMs(p.iat),
  };
}
