import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret for one run of the preview: other local users can reach the port, so the API needs it. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the answer time says nothing about how much of a guess was right. */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie's name carries the port: cookies ignore ports, so two previews must not overwrite each other's. */
export function tokenCookieName(port: number): string {
  return `alt-preview-${port}`;
}

/** The Set-Cookie value the token link answers with: never readable by scripts, never sent from other sites. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Every value a request's Cookie header gives the name (a browser may send one name twice). */
export function readCookies(req: IncomingMessage, name: string): string[] {
  const found: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) found.push(part.slice(eq + 1).trim());
  }
  return found;
}

/** True when the request carries this run's token in its cookie (set by the token link). */
export function hasToken(req: IncomingMessage, port: number, token: string): boolean {
  return readCookies(req, tokenCookieName(port)).some((value) => tokenMatches(value, token));
}
