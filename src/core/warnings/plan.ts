import type { ProfileStatus } from '../session/types';
import { warningText } from './warning-text';
import { isLoginLike, mayBeAlive } from '../session/rules';
import { endIsEstimate } from '../countdown';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long after a session's (estimated) end a missed warning is still worth showing, e.g. after
 * a night asleep. Must stay below fired-set's FIRED_KEEP_MS, or pruned keys could fire again.
 */
export const WARN_LATE_LIMIT_MS = 12 * HOUR;

/** Prefix of notification ids, so the app can tell its own notifications apart. */
export const WARNING_ID_PREFIX = 'aws-login-tray';

/** One notification to show now. */
export interface Warning {
  /** Stable per (profile, lead): the notification id, so a newer one replaces the older. */
  id: string;
  /** Fired-set key per (profile, session, lead) of the lead this warning is shown for. */
  key: string;
  profile: string;
  leadMinutes: number;
  /** Estimated end of the session the warning is about (epoch ms). */
  sessionExpiresAt: number;
  /** True when the (estimated) end has passed. */
  ended: boolean;
  title: string;
  body: string;
  /** Every key this warning covers (after a sleep, the missed earlier leads too). */
  markFired: string[];
}

export interface WarningPlanInput {
  profiles: readonly ProfileStatus[];
  /** Minutes before the end; 0 = at the end. Order and duplicates do not matter. */
  leadMinutes: readonly number[];
  muted: readonly string[];
  /** Profile name -> epoch ms until which its warnings wait. */
  snoozedUntil: Readonly<Record<string, number>>;
  /** Keys of warnings already shown (persisted across restarts). */
  fired: ReadonlySet<string>;
  now: number;
}

export interface WarningPlan {
  due: Warning[];
  /** Earliest future moment the plan can change (a lead time or a snooze end); null = none. */
  nextWakeAt: number | null;
}

/** The notification id for a profile and lead: stable, so the OS replaces rather than stacks. */
export function warningId(profile: string, leadMinutes: number): string {
  return `${WARNING_ID_PREFIX}:${profile}:${leadMinutes}`;
}

/** The fired-set key: a new login (new login_session or start time) is a new session. */
export function warningKey(profile: string, loginSession: string | null, sessionStartedAt: number | null, leadMinutes: number): string {
  return JSON.stringify([profile, loginSession, sessionStartedAt, leadMinutes]);
}

/** Leads as whole, non-negative minutes, largest first, without repeats. */
export function normaliseLeads(leads: readonly number[]): number[] {
  return [...new Set(leads.filter((m) => Number.isFinite(m) && m >= 0))].sort((a, b) => b - a);
}

/**
 * Rows that share one login session: an auto-login profile and the sign-in profile it uses.
 * The auto-login row speaks for the group (people use that name); order follows the report.
 */
function sessionGroups(profiles: readonly ProfileStatus[]): { speaker: ProfileStatus; names: string[] }[] {
  const groups = new Map<string, ProfileStatus[]>();
  for (const row of profiles) {
    if (!isLoginLike(row)) continue;
    const id = row.kind === 'auto-login' && row.signinProfile ? row.signinProfile : row.name;
    const list = groups.get(id);
    if (list) list.push(row);
    else groups.set(id, [row]);
  }
  return [...groups.values()].map((rows) => ({
    speaker: rows.find((r) => r.kind === 'auto-login') ?? rows[0]!,
    names: rows.map((r) => r.name),
  }));
}

/**
 * What to show now and when to look again. Pure: the adapter passes the clock reading and the
 * fired set. Each (profile, session, lead) fires at most once; missed leads fold into one.
 */
export function planWarnings(input: WarningPlanInput): WarningPlan {
  const { now, fired } = input;
  const leads = normaliseLeads(input.leadMinutes);
  const muted = new Set(input.muted);
  const due: Warning[] = [];
  let nextWakeAt: number | null = null;
  const wakeAt = (t: number) => {
    if (t > now && (nextWakeAt === null || t < nextWakeAt)) nextWakeAt = t;
  };

  for (const { speaker, names } of sessionGroups(input.profiles)) {
    const end = speaker.sessionExpiresAt;
    if (!mayBeAlive(speaker.state) || end === null) continue;
    if (names.some((n) => muted.has(n))) continue; // muting either row silences the shared session
    if (now > end + WARN_LATE_LIMIT_MS) continue; // long over: nothing left worth saying

    const snoozeEnd = Math.max(0, ...names.map((n) => (Object.hasOwn(input.snoozedUntil, n) ? input.snoozedUntil[n]! : 0)));
    const snoozed = snoozeEnd > now;
    const pending = leads
      .map((lead) => ({ lead, at: end - lead * MINUTE, key: warningKey(speaker.name, speaker.loginSession, speaker.sessionStartedAt, lead) }))
      .filter((p) => !fired.has(p.key));
    const passed = snoozed ? [] : pending.filter((p) => p.at <= now);

    for (const p of pending) wakeAt(snoozed ? Math.max(p.at, snoozeEnd) : p.at);
    if (passed.length === 0) continue;

    // Leads are largest first, so the last passed one is the most urgent.
    const urgent = passed[passed.length - 1]!;
    const text = warningText(speaker.name, end, now, endIsEstimate(speaker));
    due.push({
      id: warningId(speaker.name, urgent.lead),
      key: urgent.key,
      profile: speaker.name,
      leadMinutes: urgent.lead,
      sessionExpiresAt: end,
      ...text,
      markFired: passed.map((p) => p.key),
    });
  }
  return { due, nextWakeAt };
}
