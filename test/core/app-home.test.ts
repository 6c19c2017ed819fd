import { describe, expect, it } from 'vitest';
import { resolveAppHome } from '../../src/core/app-home';

describe('resolveAppHome', () => {
  it('honours AWS_LOGIN_TRAY_HOME on every platform', () => {
    for (const p of ['darwin', 'linux', 'win32'] as const) expect(resolveAppHome({ AWS_LOGIN_TRAY_HOME: '/t/app' }, p, '/h')).toBe('/t/app');
  });
  it('uses the platform folder otherwise', () => {
    expect(resolveAppHome({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/aws-login-tray');
    expect(resolveAppHome({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\aws-login-tray');
    expect(resolveAppHome({}, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\aws-login-tray');
    expect(resolveAppHome({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/a')).toBe('/x/cfg/aws-login-tray');
    expect(resolveAppHome({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/a')).toBe('/home/a/.config/aws-login-tray');
    expect(resolveAppHome({ AWS_LOGIN_TRAY_HOME: '' }, 'linux', '/home/a')).toBe('/home/a/.config/aws-login-tray');
  });
});
