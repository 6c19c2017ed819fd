import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIdToken } from '../../../src/core/session/id-token';
import { LoginCacheError, loginCacheFileName, parseLoginCache } from '../../../src/core/session/login-cache';
import { writeLoginCache } from '../../support/login-cache';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

function realCache(): { text: string; json: Record<string, unknown>; secrets: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'alt-login-cache-'));
  const w = writeLoginCache(dir, SESSION, { expiresAt: Date.UTC(2025, 11, 5, 10, 51, 31) });
  const text = readFileSync(w.file, 'utf8');
  return { text, json: JSON.parse(text), secrets: [w.accessKeyId, w.secretAccessKey, w.sessionToken, w.refreshToken] };
}

function errorOf(fn: () => unknown): LoginCacheError {
  try {
    fn();
  } catch (err) {
    return err as LoginCacheError;
  }
  throw new Error('expected an error');
}

describe('loginCacheFileName', () => {
  it('is the lower-case sha256 hex of the UTF-8 login_session plus .json', () => {
    const expected = createHash('sha256').update(Buffer.from(SESSION, 'utf8')).digest('hex') + '.json';
    expect(loginCacheFileName(SESSION)).toBe(expected);
    expect(loginCacheFileName(SESSION)).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it('takes another hash function with the same result (status uses node:crypto)', () => {
    const native = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    for (const arn of [SESSION, 'arn:aws:iam::123456789012:user/zoë', 'x'.repeat(200)]) {
      expect(loginCacheFileName(arn, native)).toBe(loginCacheFileName(arn));
    }
  });

  it('hashes non-ASCII names as UTF-8', () => {
    const arn = 'arn:aws:iam::123456789012:user/zoë';
    expect(loginCacheFileName(arn)).toBe(createHash('sha256').update(Buffer.from(arn, 'utf8')).digest('hex') + '.json');
  });
});

describe('parseLoginCache', () => {
  it('reads the real format', () => {
    const { text } = realCache();
    const cache = parseLoginCache(text, '/c/x.json');
    expect(cache.accessToken.accountId).toBe('123456789012');
    expect(cache.accessToken.expiresAt).toBe('2025-12-05T10:51:31Z');
    expect(cache.accessToken.expiresAtMs).toBe(Date.UTC(2025, 11, 5, 10, 51, 31));
    expect(cache.idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cache.signInRegion).toBeNull();
  });

  it('reads the Go SDK\'s identityToken like idToken; a real idToken has iat and no auth_time (recorded), and iat dates it', () => {
    const { json } = realCache();
    const token = json.idToken as string;
    delete json.idToken;
    json.identityToken = token;
    const parsed = parseLoginCache(JSON.stringify(json), '/c/x.json');
    expect(parsed.idToken).toBe(token);
    const recordedShape = `${Buffer.from('{"alg": "ES384", "typ": "JWT"}').toString('base64url')}.${Buffer.from(`{"sub": "${SESSION}", "iat": 1764931891, "exp": 1764932791}`).toString('base64url')}.sig`;
    expect(decodeIdToken(recordedShape)).toEqual({ sub: SESSION, authTime: null, iat: 1764931891000 });
  });

  it('accepts a file without idToken (optional)', () => {
    const { json } = realCache();
    delete json.idToken;
    expect(parseLoginCache(JSON.stringify(json), '/c/x.json').idToken).toBeNull();
  });

  it.each([
    ['accessToken', (j: Record<string, unknown>) => delete j.accessToken, 'accessToken'],
    ['accountId', (j: Record<string, unknown>) => delete (j.accessToken as Record<string, unknown>).accountId, 'accessToken.accountId'],
    ['clientId', (j: Record<string, unknown>) => delete j.clientId, 'clientId'],
    ['refreshToken', (j: Record<string, unknown>) => (j.refreshToken = ''), 'refreshToken'],
    ['dpopKey', (j: Record<string, unknown>) => delete j.dpopKey, 'dpopKey'],
  ])('rejects a file without %s, naming the file and the field', (_n, mutate, field) => {
    const { json, secrets } = realCache();
    mutate(json);
    const err = errorOf(() => parseLoginCache(JSON.stringify(json), '/c/x.json'));
    expect(err).toBeInstanceOf(LoginCacheError);
    expect(err.message.startsWith('/c/x.json: ')).toBe(true);
    expect(err.message).toContain(field);
    for (const s of secrets) expect(err.message.includes(s)).toBe(false);
  });

  it('rejects a bad expiresAt', () => {
    const { json } = realCache();
    (json.accessToken as Record<string, unknown>).expiresAt = 'soon';
    expect(errorOf(() => parseLoginCache(JSON.stringify(json), '/c/x.json')).message).toContain('expiresAt');
  });

  it('never quotes the content of a broken JSON file', () => {
    const { text, secrets } = realCache();
    const broken = text.slice(0, text.indexOf(secrets[1] as string) + 12);
    const err = errorOf(() => parseLoginCache(broken, '/c/x.json'));
    expect(err.message).toMatch(/^\/c\/x\.json: is not valid JSON/);
    for (const s of secrets) expect(err.message.includes(s.slice(0, 12))).toBe(false);
  });

  it('rejects JSON that is not an object, and a non-string idToken', () => {
    expect(errorOf(() => parseLoginCache('[]', '/c/x.json')).message).toContain('not a JSON object');
    const { json } = realCache();
    json.idToken = 42;
    expect(errorOf(() => parseLoginCache(JSON.stringify(json), '/c/x.json')).message).toContain('"idToken" is not a string');
  });

  it('says only what is wrong, with no next step (it is cached per file; the next step depends on the profile)', () => {
    expect(errorOf(() => parseLoginCache('{', '/c/x.json')).message).toBe('/c/x.json: is not valid JSON.');
    const { json } = realCache();
    delete json.dpopKey;
    expect(errorOf(() => parseLoginCache(JSON.stringify(json), '/c/x.json')).message).toBe('/c/x.json: missing or empty fields: dpopKey.');
    expect(errorOf(() => parseLoginCache('[]', '/c/x.json')).message).toBe('/c/x.json: is not a JSON object.');
  });
});
