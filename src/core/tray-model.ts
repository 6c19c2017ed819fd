import type { ProfileStatus, SessionState, StatusReport } from './session/types';
import { formatDuration, stateLabel, WAITING_FOR_SIGN_IN } from './format';
import { sessionEndLabel } from './countdown';
import { isLoginLike, isSignedIn } from './session/rules';

/** What the tray icon shows: the worst state among login and auto-login profiles. */
export type TrayState = SessionState | 'none';

/** What a menu click asks the main process to do. */
export type TrayAction =
  | { kind: 'login'; profile: string }
  | { kind: 'logout'; profile: string }
  | { kind: 'logout-all' }
  | { kind: 'open-window' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'snooze'; profile: string }
  | { kind: 'set-muted'; profile: string; muted: boolean }
  | { kind: 'quit' };

/** One menu entry, free of Electron types so the menu can be tested as data. */
export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null; submenu?: TrayMenuItem[] }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction };

export interface TrayModel {
  state: TrayState;
  /** macOS menu-bar title: h:mm to the nearest session end, '' when no session is running. */
  title: string;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayModelOptions {
  /** The real start-at-login state (read from the OS), for the checkbox. */
  startAtLogin: boolean;
  /** Profiles with a login started from the tray and not finished yet. */
  loggingIn?: ReadonlySet<string>;
  /** A warning the OS could not show as a notification; shown at the top of the menu. */
  notice?: { profile: string; text: string } | null;
  /** A problem that keeps the status from being read (e.g. a broken config file): menu row and tooltip. */
  problem?: string | null;
  /** Profiles whose warnings are muted (settings.mutedProfiles). */
  muted?: readonly string[];
  /** Per profile, when its snoozed warnings resume (epoch ms). */
  snoozedUntil?: Readonly<Record<string, number>>;
}

/** How long "Snooze warnings for 1 hour" holds a profile's warnings. */
export const SNOOZE_MS = 60 * 60_000;

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

export const APP_NAME = 'AWS Login Tray';

/** Worst first: the icon shows the first of these that any profile is in. */
const SEVERITY: readonly SessionState[] = ['error', 'expired', 'expiring', 'logged-out', 'active'];

const isTracked = (p: ProfileStatus): p is ProfileStatus & { state: SessionState } =>
  isLoginLike(p) && p.state !== null;


/** The worst state among the given profiles, or 'none' when no profile has a session state. */
export function worstState(profiles: readonly ProfileStatus[]): TrayState {
  const states = new Set(profiles.filter(isTracked).map((p) => p.state));
  return SEVERITY.find((s) => states.has(s)) ?? 'none';
}

/** Milliseconds to the nearest (estimated) session end among running sessions, or null. */
export function nearestSessionEnd(profiles: readonly ProfileStatus[], now: number): number | null {
  let best: number | null = null;
  for (const p of profiles.filter(isTracked)) {
    if (!isSignedIn(p.state) || p.sessionExpiresAt === null) continue;
    const left = Math.max(0, p.sessionExpiresAt - now);
    if (best === null || left < best) best = left;
  }
  return best;
}

/** "prod — Active · ends 18:42 (3 h 42 m left)" when Sign-In told the end; "ends about 18:42 (3 h 42 m left)" otherwise. */
export function profileLabel(p: ProfileStatus & { state: SessionState }, now: number): string {
  const name = p.kind === 'auto-login' ? `${p.name} (auto-login)` : p.name;
  if (p.waitingForSignInSince !== undefined) return `${name} — ${WAITING_FOR_SIGN_IN}`;
  let label = `${name} — ${stateLabel(p.state)}`;
  if (isSignedIn(p.state) && p.sessionExpiresAt !== null) {
    label += ` · ${sessionEndLabel(p, now)} (${formatDuration(p.sessionExpiresAt - now)} left)`;
  }
  return label;
}

interface WarningState {
  muted: boolean;
  snoozedUntil: number | null;
}

function warningItems(name: string, w: WarningState, now: number): TrayMenuItem[] {
  const snoozed = !w.muted && w.snoozedUntil !== null && w.snoozedUntil > now;
  const snooze: TrayMenuItem = snoozed
    ? { type: 'normal', label: `Warnings snoozed · ${formatDuration(w.snoozedUntil! - now)} left`, enabled: false, action: null }
    : { type: 'normal', label: 'Snooze warnings for 1 hour', enabled: !w.muted, action: { kind: 'snooze', profile: name } };
  const mute: TrayMenuItem = { type: 'normal', label: w.muted ? 'Unmute warnings' : 'Mute warnings', enabled: true, action: { kind: 'set-muted', profile: name, muted: !w.muted } };
  return [{ type: 'separator' }, snooze, mute];
}

function profileItem(p: ProfileStatus & { state: SessionState }, now: number, loggingIn: boolean, w: WarningState): TrayMenuItem {
  const label = loggingIn ? `${p.name} — Logging in…` : profileLabel(p, now);
  return {
    type: 'normal',
    label,
    enabled: true,
    action: null,
    submenu: [
      { type: 'normal', label: 'Log In', enabled: !loggingIn && p.state !== 'active', action: { kind: 'login', profile: p.name } },
      { type: 'normal', label: 'Log Out', enabled: !loggingIn && p.state !== 'logged-out', action: { kind: 'logout', profile: p.name } },
      ...warningItems(p.name, w, now),
    ],
  };
}

function tooltipFor(tracked: readonly (ProfileStatus & { state: SessionState })[]): string {
  if (tracked.length === 0) return APP_NAME;
  const counts = new Map<SessionState, number>();
  for (const p of tracked) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const parts = SEVERITY.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${stateLabel(s).toLowerCase()}`);
  return `${APP_NAME} — ${parts.join(', ')}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Everything the tray shows, from a status report and the time: the adapter only renders it. */
export function buildTrayModel(report: StatusReport | null, now: number, options: TrayModelOptions): TrayModel {
  const tracked = (report?.profiles ?? []).filter(isTracked);
  const loggingIn = options.loggingIn ?? new Set<string>();
  const menu: TrayMenuItem[] = [];
  if (options.problem) {
    menu.push({ type: 'normal', label: `⚠ ${options.problem}`, enabled: true, action: { kind: 'open-window' } });
    menu.push({ type: 'separator' });
  }
  if (options.notice) {
    menu.push({ type: 'normal', label: `⚠ ${options.notice.text}`, enabled: true, action: { kind: 'login', profile: options.notice.profile } });
    menu.push({ type: 'separator' });
  }
  if (report === null) {
    menu.push({ type: 'normal', label: 'Reading profiles…', enabled: false, action: null });
  } else if (tracked.length === 0) {
    const label = report.configFound ? 'No aws login profiles yet' : `No AWS config found (${report.configFile})`;
    menu.push({ type: 'normal', label, enabled: false, action: null });
  } else {
    const muted = new Set(options.muted ?? []);
    for (const p of tracked) {
      const w = { muted: muted.has(p.name), snoozedUntil: options.snoozedUntil?.[p.name] ?? null };
      menu.push(profileItem(p, now, loggingIn.has(p.name), w));
    }
  }
  const anySession = tracked.some((p) => p.state !== 'logged-out');
  menu.push(
    { type: 'separator' },
    { type: 'normal', label: 'Log Out All', enabled: anySession, action: { kind: 'logout-all' } },
    { type: 'separator' },
    { type: 'normal', label: 'Open Window…', enabled: true, action: { kind: 'open-window' } },
    { type: 'checkbox', label: 'Start at Login', checked: options.startAtLogin, action: { kind: 'toggle-start-at-login' } },
    { type: 'separator' },
    { type: 'normal', label: `Quit ${APP_NAME}`, enabled: true, action: { kind: 'quit' } },
  );
  const nearest = nearestSessionEnd(tracked, now);
  return {
    state: worstState(tracked),
    title: nearest === null ? '' : formatDuration(nearest),
    tooltip: options.problem ? clip(`${APP_NAME} — ${options.problem}`, TOOLTIP_MAX) : tooltipFor(tracked),
    menu,
  };
}
