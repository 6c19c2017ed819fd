import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, parseSettings } from '../../src/core/settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing, garbage or an empty object', () => {
    for (const input of [null, undefined, 42, 'x', [], {}]) expect(parseSettings(input)).toEqual(DEFAULT_SETTINGS);
  });

  it('returns a copy the caller may change without touching the defaults', () => {
    const s = parseSettings({});
    s.warningLeadMinutes.push(99);
    s.maxSessionHours.x = 1;
    expect(DEFAULT_SETTINGS.warningLeadMinutes).toEqual([15, 5, 0]);
    expect(DEFAULT_SETTINGS.maxSessionHours).toEqual({});
  });

  it('keeps good fields, drops bad ones to their defaults', () => {
    const s = parseSettings({
      warningLeadMinutes: [5, 30, 5],
      defaultMaxSessionHours: 'twelve',
      maxSessionHours: { dev: 1, prod: -3, ci: 'x' },
      awsCliPath: '/opt/aws/bin/aws',
      loginTimeoutSeconds: 1.5,
      loginRetryCooldownSeconds: 0,
      startAtLogin: 'yes',
      mutedProfiles: ['a', 'a', 'b'],
      unknown: true,
    });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      warningLeadMinutes: [30, 5],
      maxSessionHours: { dev: 1 },
      awsCliPath: '/opt/aws/bin/aws',
      loginRetryCooldownSeconds: 0,
      mutedProfiles: ['a', 'b'],
    });
  });
});

describe('mergeSettings', () => {
  const base = parseSettings({});

  it('applies a valid patch without changing the input', () => {
    const next = mergeSettings(base, { defaultMaxSessionHours: 1, maxSessionHours: { dev: 8 }, startAtLogin: false });
    expect(next).toMatchObject({ defaultMaxSessionHours: 1, maxSessionHours: { dev: 8 }, startAtLogin: false, loginTimeoutSeconds: 300 });
    expect(base.defaultMaxSessionHours).toBe(12);
  });

  it.each([
    [{ defaultMaxSessionHours: 13 }, /Setting "defaultMaxSessionHours" must be a number from 0.25 to 12/],
    [{ warningLeadMinutes: [5, -1] }, /"warningLeadMinutes" must be a list/],
    [{ maxSessionHours: { dev: 0 } }, /"maxSessionHours" for "dev"/],
    [{ loginTimeoutSeconds: 2 }, /whole number from 10 to 590/],
    // Below the AWS CLI's own 10-minute wait for the browser.
    [{ loginTimeoutSeconds: 600 }, /whole number from 10 to 590/],
    [{ awsCliPath: '  ' }, /a path or null/],
    [{ awsCliPath: 'bin/aws' }, /must be an absolute path/],
    [{ awsCliPath: './aws' }, /must be an absolute path/],
    [{ startAtLogin: 1 }, /true or false/],
    [{ colour: 'red' }, /Unknown setting "colour"/],
    [null, /must be an object/],
  ])('rejects %j with a clear message', (patch, message) => {
    expect(() => mergeSettings(base, patch)).toThrow(message);
  });
});

describe('awsCliPath', () => {
  it('takes absolute POSIX, Windows and UNC paths, and null', () => {
    for (const p of ['/usr/local/bin/aws', 'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe', 'd:/tools/aws.exe', '\\\\server\\share\\aws.exe', null]) {
      expect(mergeSettings(parseSettings({}), { awsCliPath: p }).awsCliPath).toBe(p);
    }
  });

  it('ignores a relative path hand-written into settings.json (falls back to searching)', () => {
    expect(parseSettings({ awsCliPath: 'aws' }).awsCliPath).toBeNull();
  });
});
