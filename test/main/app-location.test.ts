import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unstableAppLocation } from '../../src/core/app-location';
import { packagedHelperRuntime, refreshLauncher } from '../../src/main/backend';

const TRANSLOCATED = '/private/var/folders/xy/T/AppTranslocation/1A2B/d/AWS Login Tray.app/Contents/MacOS/AWS Login Tray';

describe('a launcher is never written from a path that will disappear', () => {
  it('knows App Translocation and a mounted disk image on macOS, and nothing else', () => {
    expect(unstableAppLocation(TRANSLOCATED, 'darwin')).toMatch(/App Translocation/);
    expect(unstableAppLocation('/Volumes/AWS Login Tray/AWS Login Tray.app/Contents/MacOS/AWS Login Tray', 'darwin')).toMatch(/disk image/);
    expect(unstableAppLocation('/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray', 'darwin')).toBeNull();
    expect(unstableAppLocation('/Volumes/data/app/aws-login-tray', 'linux')).toBeNull();
  });

  it('refuses to write it from a translocated app and tells the person to move the app', () => {
    const appHome = mkdtempSync(join(tmpdir(), 'alt-loc-'));
    const errors: string[] = [];
    const runtime = packagedHelperRuntime(TRANSLOCATED, '/private/var/folders/xy/T/AppTranslocation/1A2B/d/AWS Login Tray.app/Contents/Resources/app.asar/dist');
    expect(refreshLauncher(appHome, runtime, 'darwin', (m) => errors.push(m))).toBe(false);
    expect(errors).toEqual([expect.stringMatching(/temporary copy \(App Translocation\).*Move AWS Login Tray to the Applications folder/)]);
    expect(existsSync(join(appHome, 'bin'))).toBe(false);
  });
});
