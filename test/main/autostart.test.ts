import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { autostartDir, createAutostart, desktopEntry, isDesktopEntryEnabled, quoteExecArg, syncAutostart, unavailableAutostart } from '../../src/main/autostart';
import type { Env, Platform } from '../../src/core/ports';
import { StubLoginItems } from './stubs/electron';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function linux(env: Env = {}, execPath = '/opt/AWS Login Tray/aws-login-tray') {
  const home = fs.mkdtempSync(join(os.tmpdir(), 'autostart-'));
  temps.push(home);
  const loginItems = new StubLoginItems();
  const autostart = createAutostart({ platform: 'linux', loginItems, fs, env, homeDir: home, execPath });
  return { home, autostart, loginItems, file: join(home, '.config', 'autostart', 'aws-login-tray.desktop') };
}

describe('Linux autostart entry', () => {
  it('writes an XDG entry that runs the AppImage when started from one', () => {
    const { autostart, file } = linux({ APPIMAGE: '/home/u/Apps/AWS-Login-Tray-0.1.0.AppImage' });
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')).toContain('Exec=/home/u/Apps/AWS-Login-Tray-0.1.0.AppImage');
    expect(text.startsWith('[Desktop Entry]\nType=Application\nName=AWS Login Tray\n')).toBe(true);
    expect(autostart.isEnabled()).toBe(true);
  });

  it('uses the executable path, quoted, without an AppImage', () => {
    const { autostart, file } = linux({});
    autostart.setEnabled(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/opt/AWS Login Tray/aws-login-tray"\n');
  });

  it('removes the entry and reports the real state', () => {
    const { autostart, file, loginItems } = linux({});
    autostart.setEnabled(true);
    autostart.setEnabled(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(false); // removing twice is fine
    expect(loginItems.calls).toEqual([]);
  });

  it('reads an entry switched off by the desktop as off', () => {
    const { autostart, file } = linux({});
    autostart.setEnabled(true);
    fs.appendFileSync(file, 'Hidden=true\n');
    expect(autostart.isEnabled()).toBe(false);
  });

  it('follows $XDG_CONFIG_HOME when it is absolute', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart');
  });

  it('names the file and the next step when the folder cannot be written', () => {
    const { autostart, home } = linux({});
    fs.writeFileSync(join(home, '.config'), 'not a folder');
    expect(() => autostart.setEnabled(true)).toThrow(/Could not write .*aws-login-tray\.desktop: .*Check that the folder is writable\./);
  });

  it('syncs the saved setting: writes when wanted, removes when not, rewrites a moved AppImage', () => {
    const { autostart, file, home } = linux({ APPIMAGE: '/new/place.AppImage' });
    fs.mkdirSync(join(home, '.config', 'autostart'), { recursive: true });
    fs.writeFileSync(file, desktopEntry('/old/place.AppImage'));
    syncAutostart(autostart, true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/new/place.AppImage\n');
    syncAutostart(autostart, false);
    expect(fs.existsSync(file)).toBe(false);
    syncAutostart(autostart, false);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('desktop entry text', () => {
  it('quotes and escapes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/usr/bin/app')).toBe('/usr/bin/app');
    expect(quoteExecArg('/a b/app')).toBe('"/a b/app"');
    expect(quoteExecArg('/a$b/"x"')).toBe('"/a\\\\$b/\\\\"x\\\\""');
    expect(quoteExecArg('/100%/app')).toBe('/100%%/app');
  });

  it('tells enabled entries from switched-off ones', () => {
    expect(isDesktopEntryEnabled(desktopEntry('/x'))).toBe(true);
    expect(isDesktopEntryEnabled(desktopEntry('/x').replace('enabled=true', 'enabled=false'))).toBe(false);
    expect(isDesktopEntryEnabled('garbage')).toBe(false);
  });
});

describe('macOS and Windows login items', () => {
  for (const platform of ['darwin', 'win32'] as Platform[]) {
    it(`uses setLoginItemSettings on ${platform} and reads the state back`, () => {
      const loginItems = new StubLoginItems();
      const home = fs.mkdtempSync(join(os.tmpdir(), 'autostart-'));
      temps.push(home);
      const autostart = createAutostart({ platform, loginItems, fs, env: {}, homeDir: home, execPath: '/x' });
      autostart.setEnabled(true);
      expect(loginItems.calls).toEqual([{ openAtLogin: true }]);
      expect(autostart.isEnabled()).toBe(true);
      loginItems.openAtLogin = false; // changed in System Settings behind our back
      expect(autostart.isEnabled()).toBe(false);
      autostart.setEnabled(false);
      expect(loginItems.calls.at(-1)).toEqual({ openAtLogin: false });
      expect(fs.readdirSync(home)).toEqual([]);
    });
  }
});

describe('development runs', () => {
  it('report Start at Login as off and explain why it cannot be turned on', () => {
    const a = unavailableAutostart('Start at Login works only in the installed app.');
    expect(a.isEnabled()).toBe(false);
    expect(() => a.setEnabled(true)).toThrow('Start at Login works only in the installed app.');
  });
});
