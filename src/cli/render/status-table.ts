import type { ProfileStatus, StatusReport } from '../../core/session/types';
import { formatHMm, formatMmSs, stateLabel } from '../../shared/format';

/** The SDKs refresh the 15-minute credentials when fewer than 5 minutes remain. */
export const REFRESH_LEAD_MS = 5 * 60_000;

const HEADERS = ['NAME', 'KIND', 'STATE', 'NEXT REFRESH', 'SESSION LEFT', 'REGION', 'ACCOUNT'] as const;
const DASH = '-';

function isLive(p: ProfileStatus): boolean {
  return p.state === 'active' || p.state === 'expiring';
}

function nextRefresh(p: ProfileStatus, now: number): string {
  if (!isLive(p) || p.accessTokenExpiresAt === null) return DASH;
  const left = p.accessTokenExpiresAt - REFRESH_LEAD_MS - now;
  return left <= 0 ? 'due' : formatMmSs(left);
}

function sessionLeft(p: ProfileStatus, now: number): string {
  if (p.sessionExpiresAt === null || (p.state !== 'expired' && !isLive(p))) return DASH;
  return `~${formatHMm(p.sessionExpiresAt - now)}`;
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
    p.state === null ? DASH : stateLabel(p.state),
    nextRefresh(p, now),
    sessionLeft(p, now),
    p.region ?? DASH,
    p.accountId ?? DASH,
  ];
}

/** The hint for a machine with no AWS config yet: where we looked and what to run. */
export function noConfigHint(report: StatusReport): string {
  return `No AWS config found (looked for ${report.configFile} and ${report.credentialsFile}). Run \`aws login\` to sign in; it creates the profile.`;
}

/**
 * The `status` table a person reads at a glance, with footnotes for estimates, long-term keys and
 * errors. Pure (takes `now`), so `status --watch` and tests can re-render it at will.
 */
export function renderStatusTable(report: StatusReport, now: number): string {
  if (!report.configFound) return noConfigHint(report) + '\n';
  if (report.profiles.length === 0) {
    return `No profiles in ${report.configFile}. Run \`aws login --profile NAME\` to create one.\n`;
  }
  const rows = [HEADERS.slice(), ...report.profiles.map((p) => row(p, now))];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  const notes: string[] = [];
  if (report.profiles.some((p) => sessionLeft(p, now) !== DASH)) {
    notes.push('~ estimated: session start + the maximum session length (set it per profile in the settings).');
  }
  if (report.profiles.some((p) => p.kind === 'static-keys')) {
    notes.push('! long-term keys on disk: consider `aws login` instead.');
  }
  const loggedOut = report.profiles.filter((p) => p.state === 'logged-out' && p.kind === 'login');
  if (loggedOut.length > 0) notes.push(`Logged out: sign in with \`aws login --profile ${loggedOut[0]?.name}\`.`);
  for (const p of report.profiles) if (p.state === 'error' && p.error) notes.push(`${p.name}: ${p.error}`);
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}
