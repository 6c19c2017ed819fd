import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loginCacheFileName } from '../../src/core/session/login-cache';

export interface LoginCacheOptions {
  /** Epoch ms the access token expires; default now + 15 minutes. */
  expiresAt?: number;
  accountId?: string;
  /** idToken `auth_time` (epoch ms); default `iat`. */
  authTime?: number;
  /** idToken `iat` (epoch ms); default now. */
  issuedAt?: number;
  /** false: no idToken at all (older or partial files). */
  idToken?: boolean;
  signInRegion?: string;
  clientId?: string;
}

/** The secrets written, so a test can check none of them leak into output. Never print these. */
export interface WrittenLoginCache {
  file: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  refreshToken: string;
  dpopKey: string;
  idToken: string | null;
  expiresAt: string;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const fake = (prefix: string, length: number, alphabet = UPPER): string =>
  prefix + Array.from(randomBytes(length - prefix.length), (b) => alphabet[b % alphabet.length]).join('');

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** ISO-8601 without milliseconds, as the AWS CLI writes expiresAt (2025-12-05T10:51:31Z). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An unsigned-looking but well-formed JWT like the login idToken (`sub` is the login_session). */
export function fakeIdToken(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'ES256', typ: 'JWT', kid: 'fake-key' })}.${b64url(claims)}.${randomBytes(64).toString('base64url')}`;
}

/** A fresh P-256 private key in the SEC1 PEM the CLI writes as dpopKey. */
export function fakeDpopKey(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

/** Writes a cache file in the real `aws login` format (fake keys) for `loginSession` into `dir`. */
export function writeLoginCache(dir: string, loginSession: string, opts: LoginCacheOptions = {}): WrittenLoginCache {
  const now = Date.now();
  const accountId = opts.accountId ?? /::(\d{12}):/.exec(loginSession)?.[1] ?? '123456789012';
  const iat = opts.issuedAt ?? now;
  const idToken =
    opts.idToken === false
      ? null
      : fakeIdToken({
          sub: loginSession,
          aud: 'arn:aws:signin:::devtools/same-device',
          iss: 'https://signin.aws.amazon.com',
          iat: Math.floor(iat / 1000),
          auth_time: Math.floor((opts.authTime ?? iat) / 1000),
          exp: Math.floor(iat / 1000) + 900,
        });
  const written: WrittenLoginCache = {
    file: join(dir, loginCacheFileName(loginSession)),
    accessKeyId: fake('ASIAFAKE', 20),
    secretAccessKey: fake('FAKEsecret', 40, UPPER + 'abcdefghijklmnopqrstuvwxyz+/'),
    sessionToken: 'FAKEsession' + randomBytes(180).toString('base64'),
    refreshToken: 'FAKErefresh' + randomBytes(96).toString('base64url'),
    dpopKey: fakeDpopKey(),
    idToken,
    expiresAt: isoSeconds(opts.expiresAt ?? now + 15 * 60_000),
  };
  const body: Record<string, unknown> = {
    accessToken: {
      accessKeyId: written.accessKeyId,
      secretAccessKey: written.secretAccessKey,
      sessionToken: written.sessionToken,
      accountId,
      expiresAt: written.expiresAt,
    },
    tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
    clientId: opts.clientId ?? 'arn:aws:signin:::devtools/same-device',
    refreshToken: written.refreshToken,
    ...(idToken === null ? {} : { idToken }),
    dpopKey: written.dpopKey,
    ...(opts.signInRegion ? { signInRegion: opts.signInRegion } : {}),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(written.file, JSON.stringify(body, null, 2), { mode: 0o600 });
  return written;
}

/** Every secret of a written cache, for "never printed" assertions. */
export function secretsOf(c: WrittenLoginCache): string[] {
  return [c.accessKeyId, c.secretAccessKey, c.sessionToken, c.refreshToken, c.dpopKey, ...(c.idToken ? [c.idToken] : [])];
}

/** `{ "dev": { login_session: "arn..." } }` -> the config file text (`default` without prefix). */
export function awsConfigText(profiles: Record<string, Record<string, string>>): string {
  return Object.entries(profiles)
    .map(([name, props]) => {
      const header = name === 'default' ? '[default]' : `[profile ${name}]`;
      return [header, ...Object.entries(props).map(([k, v]) => `${k} = ${v}`)].join('\n');
    })
    .join('\n\n') + '\n';
}

/** Writes an AWS config file (creating its folder) from profile -> properties. */
export function writeAwsConfig(file: string, profiles: Record<string, Record<string, string>>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, awsConfigText(profiles), { mode: 0o600 });
}

/** Writes an AWS credentials file (sections are bare names). */
export function writeAwsCredentials(file: string, profiles: Record<string, Record<string, string>>): void {
  mkdirSync(dirname(file), { recursive: true });
  const text = Object.entries(profiles)
    .map(([name, props]) => [`[${name}]`, ...Object.entries(props).map(([k, v]) => `${k} = ${v}`)].join('\n'))
    .join('\n\n');
  writeFileSync(file, text + '\n', { mode: 0o600 });
}
