import { describe, expect, it } from 'vitest';
import type { ProfileKind, ProfileStatus } from '../../src/shared/ipc-contract';
import { offersAutoLoginSwitch, signinUsers } from '../../src/shared/auto-login-offer';
import { BLANK, profileStatus } from '../support/profile-status';

const p = (name: string, kind: ProfileKind, signinProfile: string | null = null): ProfileStatus => profileStatus({ ...BLANK, name, kind, signinProfile });

describe('auto-login switch offer', () => {
  const profiles = [p('dev', 'auto-login', 'shared-signin'), p('ops', 'auto-login', 'shared-signin'), p('shared-signin', 'login'), p('solo', 'login'), p('corp', 'sso'), p('keys', 'static-keys'), p('role', 'assume-role'), p('proc', 'credential-process')];
  const users = signinUsers(profiles);

  it('maps each sign-in profile to the auto-login profiles that use it', () => {
    expect([...users]).toEqual([['shared-signin', ['dev', 'ops']]]);
  });

  it('offers the switch on free login profiles and on auto-login profiles only', () => {
    expect(profiles.filter((x) => offersAutoLoginSwitch(x, users)).map((x) => x.name)).toEqual(['dev', 'ops', 'solo']);
  });
});
