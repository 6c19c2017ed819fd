import type { ProfileStatus, StatusReport } from '../../core/session/types';
import { endIsEstimate, refreshDueAt } from '../../core/countdown';
import { formatClockTime, formatCountdown, formatDuration, stateLabel } from '../../core/format';
import { isSignedIn, mayBeAlive } from '../../core/session/rules';
import { listNames } from '../../core/format';

/** The SDKs refresh the 15-minute credentials when fewer than 5 minutes remain (the rule lives in the core). */

const HEADERS = ['NAME', 'KIND', 'STATE', 'NEXT REFRESH', 'SESSION LEFT', 'ENDS', 'REGION', 'ACCOUNT'] as const;
const DASH = '-';

function nextRefresh(p: ProfileStatus, now: number): string {
  const due = isSignedIn(p.state) ? refreshDueAt(p) : null;
  if (due === null) return DASH;
  return due - now <= 0 ? 'due' : formatCountdown(due - now);
}

function sessionLeft(p: ProfileStatus, now: number): string {
  if (p.sessionExpiresAt === null || !mayBeAlive(p.state)) return DASH;
  return `${endIsEstimate(p) ? '~' : ''}${formatDuration(p.sessionExpiresAt - now)}`;
}

/** The wall-clock end, "18:42" or "~18:42" (estimated). */
function endsAt(p: ProfileStatus): string {
  if (p.sessionExpiresAt === null || !mayBeAlive(p.state)) return DASH;
  return `${endIsEstimate(p) ? '~' : ''}${formatClockTime(p.sessionExpiresAt)}`;
}

function kindCell(p: ProfileStatus): string {
  if (p.kind === 'static-keys') return 'static-keys !';
  if (p.kind === 'auto-login' && p.signinProfile) return `auto-login (via ${p.signinProfile})`;
  return p.kind;
}

function row(p: ProfileStatus, now: number): string[] {
  return [
    p.name,
    kindCell(p),
    p.waitingForSignInSince !== undefined ? 'Waiting for sign-in' : p.state === null ? DASH : stateLabel(p.state),
    nextRefresh(p, now),
    sessionLeft(p, now),
    endsAt(p),
    p.region ?? DASH,
    p.accountId ?? DASH,
  ];
}

/**
 * The commands that create a first `aws login` profile: the region goes into the profile first (a bare
 * `aws login` stops to ask for one, and `aws login --region` does not save it, so the profile could never refresh).
 */
const FIRST_LOGIN = '`aws configure set region <region> --profile <name>`, then `aws-login-tray login <name>`';

/** The hint for a machine with no AWS config yet: where we looked and what to run. */
export function noConfigHint(report: StatusReport): string {
  return `No AWS config found (looked for ${report.configFile} and ${report.credentialsFile}). Create a profile and sign in: ${FIRST_LOGIN}.`;
}


/** What to do about logged-out rows: auto-login profiles log in by themselves; login profiles need a login. */
function loggedOutNotes(profiles: ProfileStatus[]): string[] {
  const out = profiles.filter((p) => p.state === 'logged-out');
  const auto = out.filter((p) => p.kind === 'auto-login');
  // A sign-in profile's login is covered by its auto-login profile's note.
  const covered = new Set(auto.map((p) => p.signinProfile));
  const login = out.filter((p) => p.kind === 'login' && !covered.has(p.name));
  const notes: string[] = [];
  if (auto.length === 1) notes.push(`Logged out: ${auto[0]!.name} logs in by itself on next use (or run \`aws-login-tray login ${auto[0]!.name}\`).`);
  if (auto.length > 1) notes.push(`Logged out: ${listNames(auto.map((p) => p.name))} log in by themselves on next use (or run \`aws-login-tray login <name>\`).`);
  if (login.length === 1) notes.push(`Logged out: log in with \`aws-login-tray login ${login[0]!.name}\`.`);
  if (login.length > 1) notes.push(`Logged out: ${listNames(login.map((p) => p.name))}; log in with \`aws-login-tray login <name>\`.`);
  return notes;
}

/** Where the table says the maximum session length is set (the window's Settings, or settings.json). */
export interface StatusTableOptions {
  /** <app home>/settings.json, printed so a person can find it. */
  settingsFile?: string;
}

/**
 * The `status` table a person reads at a glance, with footnotes for estimates, long-term keys and
 * errors. Pure (takes `now`), so `status --watch` and tests can re-render it at will.
 */
export function renderStatusTable(report: StatusReport, now: number, opts: StatusTableOptions = {}): string {
  if (!report.configFound) return noConfigHint(report) + '\n';
  if (report.profiles.length === 0) {
    return `No profiles in ${report.configFile}. Create one and sign in: ${FIRST_LOGIN}.\n`;
  }
  const rows = [HEADERS.slice(), ...report.profiles.map((p) => row(p, now))];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  const notes: string[] = [];
  if (report.profiles.some((p) => sessionLeft(p, now).startsWith('~'))) {
    const file = opts.settingsFile ?? "the app's settings.json";
    notes.push(`~ estimated: AWS Sign-In has not told the end (\`aws-login-tray status --refresh\` asks it). Set a profile's session length in the window's Settings or maxSessionHours in ${file}.`);
  }
  if (report.profiles.some((p) => p.kind === 'static-keys')) {
    notes.push('! long-term keys on disk: consider `aws login` instead.');
  }
  notes.push(...loggedOutNotes(report.profiles));
  for (const c of report.compat ?? []) notes.push(`! ${c.message}. ${c.fix}`);
  for (const p of report.profiles) if (p.state === 'error' && p.error) notes.push(`${p.name}: ${p.error}`);
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}
