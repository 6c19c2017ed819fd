import { join } from 'node:path';
import type { Platform } from '../core/ports';
import type { TrayState } from '../core/tray-model';

/** Every state that has its own icon (scripts/make-icons.mjs draws one set per state). */
export const ICON_STATES: readonly TrayState[] = ['none', 'active', 'logged-out', 'expiring', 'expired', 'error'];

/**
 * The icon file for a state: macOS template images (Electron picks the @2x file and treats names
 * ending in "Template" as template images), .ico on Windows, PNG on Linux.
 */
export function trayIconPath(assetsDir: string, platform: Platform, state: TrayState): string {
  const dir = join(assetsDir, 'tray');
  if (platform === 'darwin') return join(dir, `tray-${state}Template.png`);
  if (platform === 'win32') return join(dir, `tray-${state}.ico`);
  return join(dir, `tray-${state}.png`);
}
