import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256';
import { FAST_PATH_RECORD_MAGIC, fastPathRecordPath, renderFastPathRecord, updateFastPathRecord, type FastPathSource } from '../../src/node/fast-path-record';

const home = '/home/a';
const source = (over: Partial<FastPathSource> = {}): FastPathSource => ({
  signinProfile: 'dev-signin', env: { HOME: home }, platform: 'linux',
  configFile: `${home}/.aws/config`, configText: '[profile dev-signin]\nlogin_session = x\n', credentialsFile: `${home}/.aws/credentials`, credentialsText: null,
  loginCacheDir: `${home}/.aws/login/cache`, cacheFile: `${home}/.aws/login/cache/abc.json`, ...over,
});

describe('renderFastPathRecord', () => {
  it('lists the profile, every path variable, each file\'s size and SHA-256 (of the text Node parsed) and the cache file', () => {
    const text = '[profile dev-signin]\nlogin_session = x\n';
    expect(renderFastPathRecord(source({ env: { HOME: home, AWS_LOGIN_CACHE_DIRECTORY: `${home}/.aws/login/cache` } }))).toBe([
      FAST_PATH_RECORD_MAGIC, 'profile=dev-signin', `env.HOME=+${home}`, 'env.USERPROFILE=-', 'env.HOMEDRIVE=-', 'env.HOMEPATH=-', 'env.AWS_CONFIG_FILE=-',
      'env.AWS_SHARED_CREDENTIALS_FILE=-', `env.AWS_LOGIN_CACHE_DIRECTORY=+${home}/.aws/login/cache`, `config=${home}/.aws/config`,
      `config.file=${Buffer.byteLength(text)} ${sha256Hex(text)}`, `credentials=${home}/.aws/credentials`, 'credentials.file=missing', `cache=${home}/.aws/login/cache/abc.json`, '',
    ].join('\n'));
    // Non-ASCII text: the size is in UTF-8 bytes, as on disk.
    expect(renderFastPathRecord(source({ configText: 'é' }))).toContain(`config.file=2 ${sha256Hex('é')}`);
  });

  it('leaves to Node what it cannot vouch for: relative paths, paths that needed the password database, newlines, huge files', () => {
    expect(renderFastPathRecord(source({ env: { HOME: home, AWS_CONFIG_FILE: 'config' }, configFile: 'config' }))).toBeNull();
    expect(renderFastPathRecord(source({ env: {} }))).toBeNull(); // HOME unset: Node used os.homedir()
    expect(renderFastPathRecord(source({ signinProfile: 'a\nb' }))).toBeNull();
    expect(renderFastPathRecord(source({ env: { HOME: home, AWS_REGION: 'x\ny' } }))?.includes('AWS_REGION')).toBe(false);
    expect(renderFastPathRecord(source({ configText: 'x'.repeat(4 * 1024 * 1024 + 1) }))).toBeNull();
  });
});

describe('updateFastPathRecord', () => {
  it('writes the record 0600 in a 0700 folder, named by the hex of the profile, and only when it changed', () => {
    const appHome = mkdtempSync(join(tmpdir(), 'alt-fp-'));
    const file = fastPathRecordPath(appHome, 'dev-signin')!;
    expect(file).toBe(join(appHome, 'cache', 'fast-path', `${Buffer.from('dev-signin').toString('hex')}.rec`));
    expect(updateFastPathRecord(appHome, source())).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    const before = statSync(file);
    expect(updateFastPathRecord(appHome, source())).toBe(false);
    expect(statSync(file).ino).toBe(before.ino);
    expect(updateFastPathRecord(appHome, source({ configText: 'changed' }))).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(sha256Hex('changed'));
    expect(fastPathRecordPath(appHome, 'a'.repeat(101))).toBeNull();
  });

  it('never throws: an app folder it cannot write just means no record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alt-fp-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    expect(updateFastPathRecord(join(blocker, 'app'), source())).toBe(false);
  });
});
