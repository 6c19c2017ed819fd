import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLoginCache } from '../../src/core/session/login-cache';
import { writeAwsConfig, writeLoginCache } from './login-cache';

const SESSION = 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
const saved = { ...process.env };

afterEach(() => {
  for (const k of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_LOGIN_CACHE_DIRECTORY', 'AWS_PROFILE']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('writeLoginCache fixture', () => {
  it('writes a file the official SDK reader accepts, returning the same credentials', async () => {
    const root = mkdtempSync(join(tmpdir(), 'alt-cache-fixture-'));
    const cacheDir = join(root, 'cache');
    const configFile = join(root, 'config');
    writeAwsConfig(configFile, { dev: { login_session: SESSION, region: 'eu-west-1' } });
    // 30 minutes left: well over the SDK's 5-minute refresh threshold, so no network call.
    const written = writeLoginCache(cacheDir, SESSION, { expiresAt: Date.now() + 30 * 60_000 });
    process.env.AWS_CONFIG_FILE = configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(root, 'credentials');
    process.env.AWS_LOGIN_CACHE_DIRECTORY = cacheDir;

    const creds = await fromLoginCredentials({ profile: 'dev' })();

    // Compare without letting a failure print the fake keys.
    expect(creds.accessKeyId === written.accessKeyId).toBe(true);
    expect(creds.secretAccessKey === written.secretAccessKey).toBe(true);
    expect(creds.sessionToken === written.sessionToken).toBe(true);
    expect(creds.accountId).toBe('111122223333');
    expect(creds.expiration?.toISOString().replace('.000Z', 'Z')).toBe(written.expiresAt);
  });

  it('writes expiresAt without milliseconds and a file our parser accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-cache-fixture-'));
    const written = writeLoginCache(dir, SESSION);
    expect(written.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const { readFileSync } = await import('node:fs');
    const cache = parseLoginCache(readFileSync(written.file, 'utf8'), written.file);
    expect(cache.clientId).toBe('arn:aws:signin:::devtools/same-device');
    expect(cache.tokenType).toBe('urn:aws:params:oauth:token-type:access_token_sigv4');
    expect(cache.dpopKey.startsWith('-----BEGIN EC PRIVATE KEY-----')).toBe(true);
  });
});
