import { describe, expect, it } from 'vitest';
import { checkProfileName, isChannel, validateArgs } from '../../src/shared/validate-args';
import { CHANNELS } from '../../src/shared/ipc-contract';

const known = new Set(['dev', 'prod']);

describe('validateArgs', () => {
  it('accepts a known profile for login and logout', () => {
    expect(validateArgs('profile:login', ['dev'], known)).toEqual({ ok: true, args: ['dev'] });
    expect(validateArgs('profile:logout', ['prod'], known).ok).toBe(true);
  });

  it('refuses unknown profiles, option-like names and wrong shapes', () => {
    const unknown = validateArgs('profile:login', ['nope'], known);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    expect(validateArgs('profile:login', ['--all'], new Set(['--all']))).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(validateArgs('profile:login', [], known).ok).toBe(false);
    expect(validateArgs('profile:login', 'dev', known).ok).toBe(false);
    expect(validateArgs('profile:login', [42], known).ok).toBe(false);
    expect(validateArgs('status:get', ['x'], known).ok).toBe(false);
    expect(validateArgs('profile:set-auto-login', ['dev', 'yes'], known).ok).toBe(false);
    expect(validateArgs('profile:set-auto-login', ['dev', true], known).ok).toBe(true);
    expect(validateArgs('settings:save', [[1]], known).ok).toBe(false);
    expect(validateArgs('settings:save', [{ startAtLogin: false }], known).ok).toBe(true);
  });

  it('knows every channel of the contract and nothing else', () => {
    for (const c of CHANNELS) expect(isChannel(c)).toBe(true);
    expect(isChannel('shell:exec')).toBe(false);
    expect(isChannel(undefined)).toBe(false);
  });

  it('explains a missing profile name', () => {
    expect(checkProfileName('', known)?.message).toMatch(/required/);
  });
});
