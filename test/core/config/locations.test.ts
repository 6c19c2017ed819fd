import { describe, expect, it } from 'vitest';
import { resolveAwsPaths, resolveDefaultProfileName, resolveHome, resolveLoginHome } from '../../../src/core/config/locations';
import type { Platform } from '../../../src/core/ports';
import { locationCases } from './conformance';

describe('SDK conformance: file-location-tests.json (all 9 cases)', () => {
  const cases = locationCases();
  it('has all 9 cases', () => expect(cases).toHaveLength(9));
  cases.forEach((c, i) => {
    it(`#${i + 1} ${c.name}`, () => {
      const platform: Platform = c.platform === 'windows' ? 'win32' : 'linux';
      const paths = resolveAwsPaths(c.environment, platform);
      expect(paths.configFile).toBe(c.configLocation);
      expect(paths.credentialsFile).toBe(c.credentialsLocation);
      // One case names no profile; the others expect AWS_PROFILE or 'default'.
      if (c.profile !== undefined) expect(resolveDefaultProfileName(c.environment)).toBe(c.profile);
    });
  });
});

describe('resolveAwsPaths', () => {
  it('puts the login cache under <home>/.aws/login/cache unless overridden', () => {
    expect(resolveAwsPaths({ HOME: '/home/u' }, 'linux').loginCacheDir).toBe('/home/u/.aws/login/cache');
    expect(resolveAwsPaths({ USERPROFILE: 'C:\\Users\\u' }, 'win32').loginCacheDir).toBe('C:\\Users\\u\\.aws\\login\\cache');
    expect(resolveAwsPaths({ HOME: '/h', AWS_LOGIN_CACHE_DIRECTORY: '/tmp/c' }, 'darwin').loginCacheDir).toBe('/tmp/c');
  });

  it('on Windows puts the login cache under USERPROFILE even when HOME is set (where aws login and the JS SDK write it)', () => {
    const env = { HOME: 'C:\\msys\\home\\u', USERPROFILE: 'C:\\Users\\Jos\u00e9' };
    const p = resolveAwsPaths(env, 'win32', 'C:\\Users\\other');
    expect(p.loginCacheDir).toBe('C:\\Users\\Jos\u00e9\\.aws\\login\\cache');
    // The config files keep the SDKs' shared rule (HOME first), as the conformance cases say.
    expect(p.configFile).toBe('C:\\msys\\home\\u\\.aws\\config');
    expect(resolveAwsPaths({ ...env, AWS_LOGIN_CACHE_DIRECTORY: '~\\c' }, 'win32').loginCacheDir).toBe('C:\\Users\\Jos\u00e9\\c');
  });

  it('expands ~ in the overrides', () => {
    const p = resolveAwsPaths({ HOME: '/home/u', AWS_CONFIG_FILE: '~/cfg', AWS_SHARED_CREDENTIALS_FILE: '~', AWS_LOGIN_CACHE_DIRECTORY: '~/c' }, 'linux');
    expect(p).toEqual({ configFile: '/home/u/cfg', credentialsFile: '/home/u', loginCacheDir: '/home/u/c' });
    expect(resolveAwsPaths({ USERPROFILE: 'C:\\u', AWS_CONFIG_FILE: '~\\cfg' }, 'win32').configFile).toBe('C:\\u\\cfg');
  });

  it('needs no home folder when every path is overridden', () => {
    expect(resolveAwsPaths({ AWS_CONFIG_FILE: '/a', AWS_SHARED_CREDENTIALS_FILE: '/b', AWS_LOGIN_CACHE_DIRECTORY: '/c' }, 'linux')).toEqual({
      configFile: '/a',
      credentialsFile: '/b',
      loginCacheDir: '/c',
    });
  });
});

describe('resolveLoginHome', () => {
  it('on Windows: USERPROFILE, then HOMEDRIVE+HOMEPATH, then the fallback; never HOME', () => {
    expect(resolveLoginHome({ HOME: 'C:\\h', USERPROFILE: 'C:\\u' }, 'win32')).toBe('C:\\u');
    expect(resolveLoginHome({ HOME: 'C:\\h', HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\u' }, 'win32')).toBe('D:\\Users\\u');
    expect(resolveLoginHome({ HOME: 'C:\\h' }, 'win32', 'C:\\Users\\fb')).toBe('C:\\Users\\fb');
    expect(resolveLoginHome({ HOME: 'C:\\h' }, 'win32')).toBe('C:\\h'); // no Windows variable and no fallback: last resort
    expect(() => resolveLoginHome({}, 'win32')).toThrow('Set USERPROFILE');
  });
  it('elsewhere: HOME, then the fallback', () => {
    expect(resolveLoginHome({ HOME: '/home/u', USERPROFILE: '/x' }, 'darwin')).toBe('/home/u');
    expect(resolveLoginHome({}, 'linux', '/fb')).toBe('/fb');
  });
});

describe('resolveHome', () => {
  it('ignores USERPROFILE outside Windows and uses the fallback', () => {
    expect(resolveHome({ USERPROFILE: '/x' }, 'linux', '/fallback')).toBe('/fallback');
  });
  it('treats empty variables as unset', () => {
    expect(resolveHome({ HOME: '', USERPROFILE: 'C:\\u' }, 'win32')).toBe('C:\\u');
  });
  it('explains what to set when no home folder is known', () => {
    expect(() => resolveHome({}, 'linux')).toThrow('HOME is not set. Set HOME and try again.');
    expect(() => resolveHome({}, 'win32')).toThrow('Set USERPROFILE');
  });
  it('defaults the profile to "default"', () => {
    expect(resolveDefaultProfileName({ AWS_PROFILE: '' })).toBe('default');
  });
});
