import type { Platform } from './ports';

/**
 * Why the running app lives at a path that will disappear, or null. A credential_process launcher
 * written from there would break as soon as the app quits:
 * - macOS App Translocation: an app opened straight from Downloads (quarantined) runs from a random
 *   read-only copy under /private/var/folders/…/AppTranslocation/ until it is moved;
 * - a disk image: an app run from the mounted .dmg under /Volumes/ is gone once it is ejected.
 */
export function unstableAppLocation(execPath: string, platform: Platform): string | null {
  if (platform !== 'darwin') return null;
  if (execPath.includes('/AppTranslocation/')) {
    return 'macOS is running AWS Login Tray from a temporary copy (App Translocation), because it was opened where it was downloaded.';
  }
  if (execPath.startsWith('/Volumes/')) return 'AWS Login Tray is running from its disk image, which goes away when it is ejected.';
  return null;
}

/** The next step for an unstable location: move the app, then start it again. */
export const MOVE_APP_HINT = 'Move AWS Login Tray to the Applications folder and start it from there; until then auto-login on CLI use is not set up or updated.';
