import { isPlausibleTime } from './time-range';

/** The claims of a login idToken that date the session. Times are epoch ms. */
export interface IdTokenClaims {
  sub: string | null;
  /** When the person authenticated (`auth_time`). */
  authTime: number | null;
  /** When the token was issued (`iat`). */
  iat: number | null;
}

/** base64url -> UTF-8 text, with the platform's atob and TextDecoder (the core runs anywhere). */
function base64UrlToText(part: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) return null;
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Bad UTF-8 turns into U+FFFD, which JSON.parse then rejects or we ignore: never a throw.
  return new TextDecoder().decode(bytes);
}

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

/** When the session began by its idToken: auth_time (the sign-in), else iat; null without either. */
export function sessionStartOf(claims: Pick<IdTokenClaims, 'authTime' | 'iat'> | null | undefined): number | null {
  return claims?.authTime ?? claims?.iat ?? null;
}
