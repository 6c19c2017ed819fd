import { describe, expect, it } from 'vitest';
import type { ProfileStatus } from '../../src/core/session/types';
import { listNames, sessionEntries } from '../../src/shared/sessions';
import { BLANK, profileStatus } from '../support/profile-status';

const p = (over: Partial<ProfileStatus> & Pick<ProfileStatus, 'name' | 'kind'>): ProfileStatus => profileStatus({ ...BLANK, ...over });
const S1 = 'arn:aws:sts::111122223333:assumed-role/A/a';
const S2 = 'arn:aws:sts::444455556666:assumed-role/B/b';

describe('sessionEntries', () => {
  it('one entry per session: a shared login_session, and auto-login profiles on one sign-in profile, shown under the auto-login profile', () => {
    const entries = sessionEntries([
      p({ name: 'work', kind: 'login', loginSession: S1, state: 'active' }),
      p({ name: 'work-copy', kind: 'login', loginSession: S1, state: 'active' }),
      p({ name: 'sandbox', kind: 'auto-login', signinProfile: 'work', state: 'active' }),
      p({ name: 'prod', kind: 'login', loginSession: S2, state: 'logged-out' }),
      p({ name: 'dev', kind: 'auto-login', signinProfile: 'dev-signin', state: 'logged-out' }),
      p({ name: 'dev-signin', kind: 'login', state: 'logged-out' }),
      p({ name: 'corp', kind: 'sso' }),
    ]);
    expect(entries.map((e) => [e.primary.name, e.members.map((m) => m.name)])).toEqual([
      ['sandbox', ['sandbox', 'work', 'work-copy']],
      ['prod', ['prod']],
      ['dev', ['dev', 'dev-signin']],
    ]);
  });
  it('lists names as a person does', () => {
    expect([listNames([]), listNames(['a']), listNames(['a', 'b']), listNames(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
});
