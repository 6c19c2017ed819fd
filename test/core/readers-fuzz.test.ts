import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/core/config/ini';
import { buildProfiles } from '../../src/core/config/profiles';
import { AwsConfigError } from '../../src/core/config/types';
import { parseWaitingState } from '../../src/core/auto-login-waiting';
import { decodeIdToken } from '../../src/core/session/id-token';
import { LoginCacheError, parseLoginCache } from '../../src/core/session/login-cache';
import { parseFactsIndex, startFactsRun } from '../../src/core/session/facts-index';
import { isPlausibleExpiry, isPlausibleTime } from '../../src/core/session/time-range';
import { mergeSettings, parseSettings } from '../../src/core/settings';
import { FUZZ_SEED, wildCacheText, wildIdToken, wildIni, wildJsonText, wildNumber } from '../support/fuzz-home';

/** What a state-file reader gets: the file's JSON, or null when it is not JSON. */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

// Every reader of a file someone else can write (AWS config and credentials, login caches, the app's
// state and settings) either answers or refuses with its own documented error: never a crash.
const RUNS = { seed: FUZZ_SEED, numRuns: 2_000 };

const timeOk = (t: number | null) => t === null || isPlausibleTime(t);

describe('fuzzed readers (fixed seed, 2,000 cases each)', () => {
  it('parseIni + buildProfiles: a document, or an AwsConfigError naming FILE:LINE', () => {
    fc.assert(
      fc.property(wildIni, fc.constantFrom('config', 'credentials') as fc.Arbitrary<'config' | 'credentials'>, (text, kind) => {
        try {
          const doc = parseIni(text, '/c', kind);
          buildProfiles(kind === 'config' ? doc : null, kind === 'credentials' ? doc : null);
        } catch (err) {
          expect(err).toBeInstanceOf(AwsConfigError);
          expect((err as Error).message).toMatch(/^\/c:\d+: \S/);
        }
      }),
      RUNS,
    );
  });

  it('parseLoginCache: a cache with a usable expiry, or a LoginCacheError that names no secret', () => {
    fc.assert(
      fc.property(wildCacheText, (text) => {
        try {
          const c = parseLoginCache(text, '/cache.json');
          expect(isPlausibleExpiry(c.accessToken.expiresAtMs)).toBe(true);
          const claims = decodeIdToken(c.idToken);
          if (claims) expect([claims.authTime, claims.iat].every(timeOk)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(LoginCacheError);
          expect((err as Error).message).not.toMatch(/FAKEsecret|FAKEsession|FAKErefresh|FAKEdpop/);
        }
      }),
      RUNS,
    );
  });

  it('a cache whose expiresAt is a valid ISO time out of range is that file\'s error', () => {
    const cache = (expiresAt: string) => JSON.stringify({ accessToken: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', accountId: '1', expiresAt }, clientId: 'c', refreshToken: 'r', dpopKey: 'd' });
    for (const t of ['+275760-09-13T00:00:00.000Z', '+010000-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
      expect(() => parseLoginCache(cache(t), '/f.json'), t).toThrow('/f.json: accessToken.expiresAt is out of range (before 1970 or after 9999).');
    }
    // The native fast path reads every 4-digit year: both helpers must agree (test/native/fuzz.test.ts).
    expect(parseLoginCache(cache('9999-12-31T23:59:59Z'), '/f.json').accessToken.expiresAtMs).toBe(Date.UTC(9999, 11, 31, 23, 59, 59));
  });

  it('decodeIdToken: never throws; every time it gives is a real date (an auth_time of 1e20 is ignored)', () => {
    expect(decodeIdToken(`e30.${Buffer.from('{"auth_time":1e20,"iat":1764900000}').toString('base64url')}.x`)).toEqual({ sub: null, authTime: null, iat: 1_764_900_000_000 });
    fc.assert(
      fc.property(wildIdToken, (jwt) => {
        const claims = decodeIdToken(jwt as string);
        if (claims) {
          expect([claims.authTime, claims.iat].every(timeOk)).toBe(true);
          for (const t of [claims.authTime, claims.iat]) if (t !== null) expect(() => new Date(t + 12 * 3_600_000).toISOString()).not.toThrow();
        }
      }),
      RUNS,
    );
  });

  it('parseFactsIndex + lookup: never throws; an entry with a nonsense time is not believed', () => {
    const sig = { size: 1, mtimeMs: 2, ctimeMs: 3, ino: 4, takenAtMs: 1e13 };
    const entry = fc.record({
      signature: fc.oneof(fc.constant([1, 2, 3, 4]), fc.anything()),
      accountId: fc.oneof(fc.constant('1'), fc.anything()),
      accessTokenExpiresAt: wildNumber,
      idTokenClaims: fc.oneof(fc.constant(null), fc.record({ sub: fc.oneof(fc.constant(null), fc.string()), authTime: wildNumber, iat: wildNumber }), fc.anything()),
      error: fc.oneof(fc.constant(undefined), fc.string()),
    }, { requiredKeys: [] });
    const text = fc.oneof(
      fc.dictionary(fc.string(), entry).map((entries) => JSON.stringify({ version: 2, dir: '/d', names: {}, entries })),
      wildJsonText,
    );
    fc.assert(
      fc.property(text, (t) => {
        const index = parseFactsIndex(t);
        const run = startFactsRun(index, '/d');
        for (const name of Object.keys(index.entries)) {
          const read = run.lookup(name, sig);
          if (read?.kind === 'ok') {
            expect(isPlausibleExpiry(read.facts.accessTokenExpiresAt)).toBe(true);
            const c = read.facts.idTokenClaims;
            if (c) expect([c.authTime, c.iat].every(timeOk)).toBe(true);
          }
        }
        run.finish();
      }),
      RUNS,
    );
  });

  it('parseSettings: never throws, and what it gives is a valid settings object', () => {
    fc.assert(
      fc.property(wildJsonText, (text) => {
        const s = parseSettings(jsonOrNull(text));
        expect(mergeSettings(s, s)).toEqual(s);
      }),
      RUNS,
    );
  });

  it('parseWaitingState: never throws on any state file', () => {
    fc.assert(
      fc.property(wildJsonText, (text) => {
        parseWaitingState(jsonOrNull(text));
      }),
      RUNS,
    );
  });
});
