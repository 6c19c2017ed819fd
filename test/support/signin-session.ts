/** A login made through the Sign-In stand-in, written to a cache file exactly as the AWS CLI writes one. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { isoSeconds } from './login-cache';
import type { SigninStandIn } from './signin-stand-in';

export interface StandInLogin {
  file: string;
  /** Secrets: compare, never print. */
  refreshToken: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Python's json.dumps with default separators (", ", ": "), as the CLI writes the cache (protocol.md § 4). */
export function pyJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
}

/**
 * Logs `sub` in at the stand-in (a session of `sessionSeconds` from `startedAt`) and writes the cache file.
 * expiresAt: when the cached access token expires (default: 15 minutes after now), to stage a due refresh.
 */
export function loginThroughStandIn(
  standIn: SigninStandIn, cacheDir: string,
  opts: { sub?: string; sessionSeconds?: number; startedAt?: number; expiresAt?: number } = {},
): StandInLogin {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const sub = opts.sub ?? standIn.sub;
  const s = standIn.issueSession({ sub, sessionSeconds: opts.sessionSeconds, startedAt: opts.startedAt, dpopJwk: jwk });
  const body = {
    accessToken: {
      accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken,
      accountId: /::(\d{12}):/.exec(sub)?.[1] ?? '123456789012', expiresAt: isoSeconds(opts.expiresAt ?? Date.now() + 15 * 60_000),
    },
    tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: s.refreshToken,
    idToken: s.idToken,
    dpopKey: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
  };
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, loginCacheFileName(sub));
  writeFileSync(file, pyJson(body), { mode: 0o600 });
  return { file, refreshToken: s.refreshToken, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };
}
