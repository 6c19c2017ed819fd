import type { Env, Platform } from './ports';

/** Why `aws login` cannot open a browser here, or null when it probably can. */
export type NoBrowserReason = 'no-display' | 'ssh' | null;

const given = (v: string | undefined): boolean => v !== undefined && v !== '';

/**
 * Whether `aws login` (same-device flow) can open a browser the user will see: on Linux it needs
 * DISPLAY or WAYLAND_DISPLAY; an SSH session without a forwarded display sees no browser on any OS.
 * AWS_LOGIN_TRAY_ASSUME_BROWSER=1 overrides (for setups this guess gets wrong).
 */
export function noBrowserReason(env: Env, platform: Platform): NoBrowserReason {
  if (env.AWS_LOGIN_TRAY_ASSUME_BROWSER === '1') return null;
  const display = given(env.DISPLAY) || given(env.WAYLAND_DISPLAY);
  if (display) return null;
  if (given(env.SSH_CONNECTION) || given(env.SSH_TTY) || given(env.SSH_CLIENT)) return 'ssh';
  return platform === 'linux' ? 'no-display' : null;
}

/** The helper's message when no browser is available: names the profile and the by-hand step. */
export function noBrowserMessage(signinProfile: string, reason: Exclude<NoBrowserReason, null>): string {
  const why = reason === 'ssh' ? 'No browser available here (SSH session?).' : 'No browser available here (no DISPLAY or WAYLAND_DISPLAY).';
  return `${why} Run \`aws login --remote --profile ${signinProfile}\` by hand, then retry.`;
}
