import { sha256Hex } from '../sha256';
import { isPlausibleExpiry } from './time-range';

/** The short-lived credentials inside a login cache file. */
export interface LoginAccessToken {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  /** ISO-8601 as written by the CLI/SDK, e.g. 2025-12-05T10:51:31Z. */
  expiresAt: string;
  /** expiresAt parsed to epoch ms. */
  expiresAtMs: number;
}

/** A validated `aws login` cache file (see docs: "The cache"). Holds secrets: never print it. */
export interface LoginCache {
  accessToken: LoginAccessToken;
  tokenType: string | null;
  clientId: string;
  refreshToken: string;
  dpopKey: string;
  idToken: string | null;
  signInRegion: string | null;
}

/** Thrown for a cache file the SDKs would reject; the message names the file, never a secret. */
export class LoginCacheError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'LoginCacheError';
  }
}

/**
 * The cache file name the CLI and SDKs use for a login_session: sha256 hex of its UTF-8 bytes.
 * Plain-JS SHA-256 by default (loading node:crypto would add milliseconds to every credential
 * helper run); `status`, which names 1,000s of files, passes node:crypto's native hash instead.
 */
export function loginCacheFileName(loginSession: string, hashHex: (text: string) => string = sha256Hex): string {
  return hashHex(loginSession) + '.json';
}

const ACCESS_TOKEN_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function optionalString(obj: Record<string, unknown>, key: string, file: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new LoginCacheError(file, `"${key}" is not a string`);
  return v;
}

/**
 * Validates a login cache file the way the SDKs read it (they require accessToken with accountId,
 * clientId, refreshToken and dpopKey); also checks expiresAt so countdowns never show NaN.
 * The error says only what is wrong (it is cached per file): the caller adds the next step, which
 * depends on the profile (see buildStatusReport).
 */
export function parseLoginCache(text: string, file: string): LoginCache {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's own message may quote file content (secrets): keep only the fact.
    throw new LoginCacheError(file, 'is not valid JSON.');
  }
  if (!isRecord(data)) throw new LoginCacheError(file, 'is not a JSON object.');
  const missing: string[] = [];
  const at = data.accessToken;
  if (!isRecord(at)) missing.push('accessToken');
  else for (const f of ACCESS_TOKEN_FIELDS) if (!nonEmpty(at[f])) missing.push(`accessToken.${f}`);
  for (const f of ['clientId', 'refreshToken', 'dpopKey'] as const) if (!nonEmpty(data[f])) missing.push(f);
  if (missing.length > 0 || !isRecord(at)) {
    throw new LoginCacheError(file, `missing or empty fields: ${missing.join(', ')}.`);
  }
  const expiresAt = at.expiresAt as string;
  const expiresAtMs = Date.parse(expiresAt);
  if (!Number.isFinite(expiresAtMs)) {
    throw new LoginCacheError(file, 'accessToken.expiresAt is not an ISO-8601 time.');
  }
  if (!isPlausibleExpiry(expiresAtMs)) {
    throw new LoginCacheError(file, 'accessToken.expiresAt is out of range (before 1970 or after 9999).');
  }
  return {
    accessToken: {
      accessKeyId: at.accessKeyId as string,
      secretAccessKey: at.secretAccessKey as string,
      sessionToken: at.sessionToken as string,
      accountId: at.accountId as string,
      expiresAt,
      expiresAtMs,
    },
    tokenType: optionalString(data, 'tokenType', file),
    clientId: data.clientId as string,
    refreshToken: data.refreshToken as string,
    dpopKey: data.dpopKey as string,
    // The AWS CLI and the JS SDK write `idToken`; the Go SDK names the field `identityToken`.
    idToken: optionalString(data, 'idToken', file) ?? optionalString(data, 'identityToken', file),
    signInRegion: optionalString(data, 'signInRegion', file),
  };
}
