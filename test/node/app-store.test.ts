import { buildSync } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { openAppStore, withFileLock } from '../../src/node/app-store';

const home = () => join(mkdtempSync(join(tmpdir(), 'alt-app-store-')), 'app');

describe('openAppStore', () => {
  it('creates nothing until the first write', () => {
    const h = home();
    const store = openAppStore(h);
    expect(store.loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadRecordedLogins()).toEqual({});
    expect(existsSync(h)).toBe(false);
  });

  it('saves validated settings privately and rejects bad ones without touching the file', async () => {
    const store = openAppStore(home());
    const saved = await store.saveSettings({ defaultMaxSessionHours: 1, maxSessionHours: { dev: 2 } });
    expect(saved.defaultMaxSessionHours).toBe(1);
    expect(openAppStore(store.home).loadSettings()).toEqual(saved);
    const file = join(store.home, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file, 'utf8');
    await expect(store.saveSettings({ loginTimeoutSeconds: -1 })).rejects.toThrow(/loginTimeoutSeconds/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('reads a hand-broken settings.json as defaults, says why, and never replaces it on save', async () => {
    const store = openAppStore(home());
    mkdirSync(store.home, { recursive: true });
    const file = join(store.home, 'settings.json');
    const broken = '{\n  "defaultMaxSessionHours": 8,\n  "startAtLogin": false,,\n}\n';
    writeFileSync(file, broken);
    expect(store.loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(store.settingsProblem()).toBe(`${file}:3: not valid JSON; fix or delete it.`);
    await expect(store.saveSettings({ startAtLogin: false })).rejects.toThrow(`${file}:3: not valid JSON; fix or delete it.`);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    // Fixed by hand: saving works again and keeps what the user had.
    writeFileSync(file, '{ "defaultMaxSessionHours": 8 }');
    expect(store.settingsProblem()).toBeNull();
    expect(await store.saveSettings({ startAtLogin: false })).toMatchObject({ defaultMaxSessionHours: 8, startAtLogin: false });
  });

  it('treats valid JSON that is not an object as a problem too, and a missing file as none', async () => {
    const store = openAppStore(home());
    expect(store.settingsProblem()).toBeNull();
    mkdirSync(store.home, { recursive: true });
    writeFileSync(join(store.home, 'settings.json'), '[]');
    expect(store.settingsProblem()).toContain('not a JSON object of settings; fix or delete it.');
    await expect(store.saveSettings({ startAtLogin: false })).rejects.toThrow(/fix or delete it/);
  });

  it('records logins and keeps other concerns in their own state files', async () => {
    const store = openAppStore(home());
    await store.recordLogin('arn:a', 1_000);
    await store.recordLogin('arn:b', 2_000);
    await store.recordLogin('arn:a', 3_000);
    expect(store.loadRecordedLogins()).toEqual({ 'arn:a': 3_000, 'arn:b': 2_000 });
    expect(await store.updateJson('warnings-fired', () => ({ dev: [15] }))).toEqual({ dev: [15] });
    expect(store.readJson('warnings-fired')).toEqual({ dev: [15] });
    expect(store.stateFile('warnings-fired')).toBe(join(store.home, 'state', 'warnings-fired.json'));
    expect(() => store.stateFile('../evil')).toThrow(/Bad state file name/);
  });

  it('forgets recorded logins older than a week', async () => {
    const store = openAppStore(home());
    await store.recordLogin('arn:old', 0);
    await store.recordLogin('arn:new', 8 * 24 * 3_600_000);
    expect(Object.keys(store.loadRecordedLogins())).toEqual(['arn:new']);
  });

  it('takes over a stale lock', async () => {
    const h = home();
    mkdirSync(h, { recursive: true });
    const file = join(h, 'x.json');
    writeFileSync(`${file}.lock`, '99999');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${file}.lock`, old, old);
    expect(await withFileLock(file, () => 'ran')).toBe('ran');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('loses no entry when several processes record logins at the same time', async () => {
    const h = home();
    const out = join(mkdtempSync(join(tmpdir(), 'alt-app-store-bundle-')), 'writer.cjs');
    const entry = resolve(__dirname, '../../src/node/app-store.ts');
    buildSync({
      stdin: {
        contents: `import { openAppStore } from ${JSON.stringify(entry)};
          const [home, who, n] = process.argv.slice(2);
          const store = openAppStore(home);
          (async () => { for (let i = 0; i < Number(n); i++) await store.recordLogin(who + ':' + i, Date.now()); })();`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      logLevel: 'silent',
    });
    const run = promisify(execFile);
    await Promise.all(['a', 'b', 'c', 'd'].map((who) => run(process.execPath, [out, h, who, '25'])));
    expect(Object.keys(openAppStore(h).loadRecordedLogins())).toHaveLength(100);
  });
});
