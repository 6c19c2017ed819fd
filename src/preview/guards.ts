import type { IncomingMessage, ServerResponse } from 'node:http';

/** The page's policy: only our own script, styles and API; no frames, no plugins, no forms elsewhere. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers on every response. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Why a request was refused: an HTTP status and a sentence for the person who sent it. */
export interface Refusal {
  status: number;
  message: string;
}

/** Host names this server answers to; anything else is a DNS-rebinding attempt. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * The DNS-rebinding guard (Host must be this server) for every request, and for the API also the
 * CSRF guard: a browser's Origin and Sec-Fetch-Site must say the request came from this page.
 */
export function refuseRequest(req: IncomingMessage, port: number, isApi: boolean): Refusal | null {
  const hosts = allowedHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.includes(host)) {
    return { status: 403, message: `This preview only answers to http://127.0.0.1:${port}/ (got Host "${host.slice(0, 100)}").` };
  }
  if (!isApi) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
    return { status: 403, message: 'Requests from other sites are refused. Open the preview page itself.' };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: 'Requests from other sites are refused. Open the preview page itself.' };
  }
  return null;
}

/** True when the request body is declared as JSON (a cross-site form cannot send this without a preflight). */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}
