import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import schema from 'app-builder-lib/scheme.json';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative, sep } from 'node:path';
import { privateBuild } from '../support/private-build';
import { APP_USER_MODEL_ID } from '../../src/main/lifecycle';
import { packagedHelperRuntime, toPlatform } from '../../src/main/backend';

const ROOT = join(__dirname, '..', '..');
const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const config = yaml.load(yml) as { mac: { target: unknown }; electronFuses: unknown } & Record<string, unknown>;
const value = (key: string) => new RegExp(`^\\s*${key}:\\s*(.+?)\\s*(#.*)?$`, 'm').exec(yml)?.[1];

describe('electron-builder.yml', () => {
  it('uses the appId the app registers as its Windows AppUserModelID', () => {
    expect(value('appId')).toBe(APP_USER_MODEL_ID);
    expect(value('productName')).toBe('AWS Login Tray');
  });

  it('ships the tray icons as an extra resource, and they exist', () => {
    expect(yml).toContain('- from: assets/tray\n    to: assets/tray');
    expect(existsSync(join(ROOT, 'assets/tray'))).toBe(true);
  });

  it('ships only what the packaged app runs: of a real build, main, preload, the helper and the window', () => {
    const { dist } = privateBuild();
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const built = files(dist).map((f) => `dist/${relative(dist, f).split(sep).join('/')}`);
    const patterns = (config as unknown as { files: string[] }).files;
    // electron-builder's rule: a file is in when the last pattern that matches it is not a "!" one.
    const shipped = built.filter((f) => patterns.reduce((inside, p) => (p.startsWith('!') ? (matchesGlob(f, p.slice(1)) ? false : inside) : matchesGlob(f, p) ? true : inside), false)).sort();
    expect(shipped.filter((f) => f.endsWith('.cjs'))).toEqual(['dist/helper-slow.cjs', 'dist/helper.cjs', 'dist/main.cjs', 'dist/preload.cjs']);
    expect(shipped.filter((f) => f.startsWith('dist/renderer/'))).toEqual(['dist/renderer/app.js', 'dist/renderer/index.html', 'dist/renderer/styles.css']);
    expect(shipped.filter((f) => !f.endsWith('.cjs') && !f.startsWith('dist/renderer/'))).toEqual([]);
    // Each shipped bundle is started by something: package.json's main, the window's preload, the launcher (and its lazy require).
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main).toBe('dist/main.cjs');
    expect(readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8')).toContain("join(__dirname, 'preload.cjs')");
    expect(readFileSync(join(ROOT, 'src/helper/index.ts'), 'utf8')).toContain("join(__dirname, 'helper-slow.cjs')");
    // And the archive leaves the helper pair outside the asar, nothing else.
    expect((config as unknown as { asarUnpack: string[] }).asarUnpack).toEqual(['dist/helper*.cjs']);
  }, 120_000);

  it('keeps the helper and its chunks outside the asar, where the launcher runtime points', () => {
    expect(yml).toMatch(/asarUnpack:\n(\s+- .+\n)*\s+- dist\/helper\*\.cjs\n/);
    const r = packagedHelperRuntime('/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray', '/Applications/AWS Login Tray.app/Contents/Resources/app.asar/dist');
    expect(r).toEqual({
      execPath: '/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray',
      args: ['/Applications/AWS Login Tray.app/Contents/Resources/app.asar.unpacked/dist/helper.cjs'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('builds a menu-bar app with hardened runtime, dmg+zip, nsis, AppImage+deb', () => {
    expect(value('LSUIElement')).toBe('true');
    expect(value('hardenedRuntime')).toBe('true');
    expect(value('category')).toBe('public.app-category.developer-tools');
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: 'universal' }, { target: 'zip', arch: 'universal' }]);
    expect(yml).toMatch(/target:\n\s+- nsis\n/);
    expect(yml).toMatch(/target:\n\s+- AppImage\n\s+- deb\n/);
    expect(existsSync(join(ROOT, value('icon')!))).toBe(true);
  });
});

describe('electron-builder.yml against electron-builder itself', () => {
  it("is a valid configuration by electron-builder's own JSON schema (a misspelt key would fail)", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // The schema check can fail: a misspelt fuse is refused.
    expect(validate({ ...config, electronFuses: { runAsNod: true } })).toBe(false);
  });

  it('flips the fuses, keeping RunAsNode only because the helper runs as the app’s Electron-as-Node', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: true, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
    });
    expect(packagedHelperRuntime('/a/app', '/a/resources/app.asar/dist').env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });
});

describe('toPlatform', () => {
  it('keeps darwin and win32 and treats every other OS as Linux', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd'].map(toPlatform)).toEqual(['darwin', 'win32', 'linux', 'linux']);
  });
});
