import { describe, expect, it } from 'vitest';
import { credentialProcessJson, isFresh, REFRESH_WINDOW_MS } from '../../src/core/credential-json';

const creds = { accessKeyId: 'ASIAFAKEKEY', secretAccessKey: 'fakeSecret', sessionToken: 'fakeToken', expiration: '2025-12-05T10:51:31Z' };

describe('credentialProcessJson', () => {
  it('prints exactly the Version 1 fields, one JSON line', () => {
    const text = credentialProcessJson(creds);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().includes('\n')).toBe(false);
    expect(JSON.parse(text)).toEqual({
      Version: 1, AccessKeyId: 'ASIAFAKEKEY', SecretAccessKey: 'fakeSecret', SessionToken: 'fakeToken', Expiration: '2025-12-05T10:51:31Z',
    });
  });

  it('adds AccountId last when the account is known, exactly as the native fast path prints it', () => {
    expect(credentialProcessJson({ ...creds, accountId: '123456789012' })).toBe(
      '{"Version":1,"AccessKeyId":"ASIAFAKEKEY","SecretAccessKey":"fakeSecret","SessionToken":"fakeToken","Expiration":"2025-12-05T10:51:31Z","AccountId":"123456789012"}\n',
    );
    expect(credentialProcessJson({ ...creds, accountId: '' })).not.toContain('AccountId');
  });

  it('turns epoch ms into ISO-8601 UTC', () => {
    const out = JSON.parse(credentialProcessJson({ ...creds, expiration: Date.UTC(2025, 11, 5, 10, 0, 0) })) as { Expiration: string };
    expect(out.Expiration).toBe('2025-12-05T10:00:00.000Z');
  });

  it('refuses an unreadable expiry instead of printing something the CLI would reject', () => {
    expect(() => credentialProcessJson({ ...creds, expiration: 'soon' })).toThrow(/expiry/);
  });
});

describe('isFresh', () => {
  const now = Date.UTC(2025, 11, 5, 10, 0, 0);
  it('is fresh only with more than 5 minutes left', () => {
    expect(isFresh(now + REFRESH_WINDOW_MS + 1, now)).toBe(true);
    expect(isFresh(now + REFRESH_WINDOW_MS, now)).toBe(false);
    expect(isFresh(now - 1, now)).toBe(false);
    expect(isFresh(Number.NaN, now)).toBe(false);
  });
});
