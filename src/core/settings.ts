/** User settings, stored as settings.json under the app home. Every field has a default. */
export interface Settings {
  /** Minutes before the (estimated) session end at which to warn; 0 = at the end. */
  warningLeadMinutes: number[];
  /** Default maximum session length in hours (the IAM principal's session duration). */
  defaultMaxSessionHours: number;
  /** Per-profile maximum session length in hours. */
  maxSessionHours: Record<string, number>;
  /** Path of the `aws` executable; null = find it (AWS_LOGIN_TRAY_AWS_CLI, PATH, usual folders). */
  awsCliPath: string | null;
  /**
   * How long `aws login` may take before it is cancelled: at most 590 s, below the CLI's own 10-minute
   * wait for the browser, so our clear "timed out" comes first.
   */
  loginTimeoutSeconds: number;
  /** After a failed or cancelled login, the credential helper fails at once for this long. */
  loginRetryCooldownSeconds: number;
  startAtLogin: boolean;
  /** Profiles whose warnings are muted. */
  mutedProfiles: string[];
  /** Bound of each call to AWS Sign-In (a refresh attempt, an introspection, a revoke), in seconds. */
  signinTimeoutSeconds: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  warningLeadMinutes: [15, 5, 0],
  defaultMaxSessionHours: 12,
  maxSessionHours: {},
  awsCliPath: null,
  loginTimeoutSeconds: 300,
  loginRetryCooldownSeconds: 60,
  startAtLogin: true,
  mutedProfiles: [],
  signinTimeoutSeconds: 10,
});

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const bad = (reason: string) => ({ ok: false as const, reason });
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function numberIn(min: number, max: number, integer = false): Check<number> {
  return (v) =>
    isNum(v) && v >= min && v <= max && (!integer || Number.isInteger(v))
      ? ok(v)
      : bad(`must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
}

const sessionHours = numberIn(0.25, 12);

/** `/x`, `C:\\x` / `C:/x`, or a UNC `\\\\server\\x`, on any OS (settings.json may travel between machines). */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Per-field validation; each message completes "<field> ...". */
const CHECKS: { [K in keyof Settings]: Check<Settings[K]> } = {
  warningLeadMinutes: (v) => {
    if (!Array.isArray(v) || v.length > 10 || !v.every((m) => isNum(m) && m >= 0 && m <= 720)) {
      return bad('must be a list of up to 10 minute counts from 0 to 720');
    }
    return ok([...new Set(v as number[])].sort((a, b) => b - a));
  },
  defaultMaxSessionHours: sessionHours,
  maxSessionHours: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('must map profile names to hours');
    const out: Record<string, number> = {};
    for (const [name, hours] of Object.entries(v)) {
      if (!sessionHours(hours).ok) return bad(`for "${name}" must be a number from 0.25 to 12`);
      out[name] = hours as number;
    }
    return ok(out);
  },
  awsCliPath: (v) => {
    if (v === null) return ok(v);
    if (typeof v !== 'string' || v.trim() === '') return bad('must be a path or null');
    // A relative path would depend on the folder the app was started from.
    return isAbsolutePath(v) ? ok(v) : bad('must be an absolute path (like /usr/local/bin/aws) or null');
  },
  loginTimeoutSeconds: numberIn(10, 590, true),
  loginRetryCooldownSeconds: numberIn(0, 3600, true),
  startAtLogin: (v) => (typeof v === 'boolean' ? ok(v) : bad('must be true or false')),
  mutedProfiles: (v) =>
    Array.isArray(v) && v.every((p) => typeof p === 'string') ? ok([...new Set(v as string[])]) : bad('must be a list of profile names'),
  signinTimeoutSeconds: numberIn(1, 120, true),
};

const KEYS = Object.keys(CHECKS) as (keyof Settings)[];

function defaults(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

/** Reads settings.json leniently: a hand-edited bad field falls back to its default, never a crash. */
export function parseSettings(json: unknown): Settings {
  const out = defaults();
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
  const src = json as Record<string, unknown>;
  for (const key of KEYS) {
    if (!(key in src)) continue;
    let value = src[key];
    if (key === 'maxSessionHours' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      // Keep the good entries of a partly bad map.
      value = Object.fromEntries(Object.entries(value).filter(([, h]) => sessionHours(h).ok));
    }
    const r = CHECKS[key](value);
    if (r.ok) (out as unknown as Record<string, unknown>)[key] = r.value;
  }
  return out;
}

/** Applies a change from the window or the CLI; throws an Error naming the bad field and the rule. */
export function mergeSettings(current: Settings, patch: unknown): Settings {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new Error('Settings change must be an object of setting names and values.');
  }
  const out = { ...current } as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (!(KEYS as string[]).includes(key)) {
      throw new Error(`Unknown setting "${key}". Known settings: ${KEYS.join(', ')}.`);
    }
    const r = CHECKS[key as keyof Settings](value);
    if (!r.ok) throw new Error(`Setting "${key}" ${r.reason}.`);
    out[key] = r.value;
  }
  return out as unknown as Settings;
}

/**
 * What is wrong with a settings.json the app can read but does not fully use: each field with a bad
 * value (the app quietly uses the default for it) and each unknown name. For doctor to say.
 */
export function settingsIssues(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (!(KEYS as string[]).includes(key)) {
      out.push(`Unknown setting "${key}" (ignored). Known settings: ${KEYS.join(', ')}.`);
      continue;
    }
    const r = CHECKS[key as keyof Settings](value);
    if (!r.ok) out.push(`Setting "${key}" ${r.reason}; the app uses the default (${JSON.stringify(DEFAULT_SETTINGS[key as keyof Settings])}) instead.`);
  }
  return out;
}

/** The bound of one Sign-In call (refresh, introspect, revoke), in ms. */
export function signinTimeoutMs(settings: Pick<Settings, 'signinTimeoutSeconds'>): number {
  return settings.signinTimeoutSeconds * 1000;
}
