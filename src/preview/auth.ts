import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PREVIEW_TOKEN_HEADER } from '../shared/preview-auth';

/**
 * The request header that carries the access token on every API call and on the event stream.
 * Never a cookie: cookies ignore ports, so a cookie for 127.0.0.1 goes to every other local server
 * the browser visits. A custom header also makes any cross-origin fetch need a CORS preflight,
 * which this server never grants.
 */
export const TOKEN_HEADER = PREVIEW_TOKEN_HEADER;

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

/** True when the request carries this run's token in its X-Preview-Token header (exactly one). */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const value = req.headers[TOKEN_HEADER];
  return typeof value === 'string' && tokenMatches(value, token);
}
