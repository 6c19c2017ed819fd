import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoginLike, isSignedIn, mayBeAlive, sessionsToCheck } from '../../../src/core/session/rules';
import type { SessionState } from '../../../src/core/session/types';
import type { ProfileKind } from '../../../src/core/profile-kind-types';

const STATES: (SessionState | null)[] = ['active', 'expiring', 'expired', 'logged-out', 'error', null];
const KINDS: ProfileKind[] = ['login', 'auto-login', 'sso', 'assume-role', 'static-keys', 'credential-process', 'other'];

describe('the session rules', () => {
  it('signed in = active or expiring; may be alive adds expired (an end that may have been an estimate)', () => {
    expect(STATES.filter(isSignedIn)).toEqual(['active', 'expiring']);
    expect(STATES.filter(mayBeAlive)).toEqual(['active', 'expiring', 'expired']);
  });

  it('login-like = login and auto-login', () => {
    expect(KINDS.filter((kind) => isLoginLike({ kind }))).toEqual(['login', 'auto-login']);
  });
});

/** Every .ts file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('each rule is written once (src/core/session/rules.ts, src/core/credential-json.ts)', () => {
  const root = join(__dirname, '../../..');
  const RULES: [string, RegExp, string][] = [
    ['signed in', /state\s*[!=]==\s*'active'\s*(\|\||&&)[^;]*state\s*[!=]==\s*'expiring'/, 'src/core/session/rules.ts'],
    ['login-like', /kind\s*[!=]==\s*'login'\s*(\|\||&&)[^;]*kind\s*[!=]==\s*'auto-login'/, 'src/core/session/rules.ts'],
    ['the 5-minute refresh lead', /\b5\s*\*\s*60_?000\b|\b300_?000\b/, 'src/core/credential-json.ts'],
  ];
  it.each(RULES)('%s', (_rule, pattern, home) => {
    const found = sources(join(root, 'src')).filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(found).toEqual([home]);
  });
});

describe('sessionsToCheck', () => {
  const row = (name: string, over: Record<string, unknown>) => ({ name, kind: 'login', state: 'active', loginSession: `arn:${name}`, ...over }) as never;
  it('one login row per session, while it may be alive; never an auto-login row, a missing session or a logged-out one', () => {
    const rows = [
      row('a', {}), row('a2', { loginSession: 'arn:a' }), row('b', { state: 'expired' }), row('c', { state: 'logged-out' }),
      row('d', { kind: 'auto-login' }), row('e', { loginSession: null }), row('f', { state: 'expiring' }),
    ];
    expect(sessionsToCheck(rows).map((r: { name: string }) => r.name)).toEqual(['a', 'b', 'f']);
  });
});
