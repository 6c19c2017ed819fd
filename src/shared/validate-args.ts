import type { Channel, ChannelArgs } from './ipc-contract';
import { CHANNELS } from './ipc-contract';
import type { UserError } from './errors';

/** Result of checking a request that came over IPC or HTTP: never trust the other side. */
export type Validated<C extends Channel> = { ok: true; args: ChannelArgs<C> } | { ok: false; error: UserError };

const invalid = (message: string): { ok: false; error: UserError } => ({
  ok: false,
  error: { code: 'invalid-argument', message, hint: null },
});

/** True for a channel name of the contract. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** A profile argument must be a known profile name and can never look like a command-line option. */
export function checkProfileName(value: unknown, knownProfiles: ReadonlySet<string>): UserError | null {
  if (typeof value !== 'string' || value.length === 0) return { code: 'invalid-argument', message: 'A profile name is required.', hint: null };
  if (value.startsWith('-')) return { code: 'invalid-argument', message: `"${value}" is not a valid profile name.`, hint: null };
  if (!knownProfiles.has(value)) {
    return { code: 'unknown-profile', message: `There is no profile named "${value}".`, hint: 'Check the name with `aws-login-tray status`.' };
  }
  return null;
}

/** An AWS region name as `aws` takes it (`eu-west-1`, `us-gov-west-1`, `cn-north-1`). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Login options from the other side: only `region` (a region name) and `remote` (a boolean). */
function checkLoginOptions(value: unknown): UserError | null {
  const bad = (message: string): UserError => ({ code: 'invalid-argument', message, hint: null });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('Login options must be an object.');
  for (const [key, v] of Object.entries(value)) {
    if (key === 'region') {
      if (v !== undefined && (typeof v !== 'string' || !REGION_PATTERN.test(v))) return bad(`"${String(v).slice(0, 40)}" is not an AWS region name (such as eu-west-1).`);
    } else if (key === 'remote') {
      if (v !== undefined && typeof v !== 'boolean') return bad('remote must be true or false.');
    } else return bad(`Unknown login option "${key.slice(0, 40)}".`);
  }
  return null;
}

/** Checks a channel's arguments against the contract; profile names must exist in the parsed config. */
export function validateArgs<C extends Channel>(channel: C, args: unknown, knownProfiles: ReadonlySet<string>): Validated<C> {
  if (!Array.isArray(args)) return invalid('Arguments must be a list.');
  const ok = { ok: true as const, args: args as unknown as ChannelArgs<C> };
  switch (channel) {
    case 'status:get':
    case 'settings:get':
    case 'profile:logout-all':
      return args.length === 0 ? ok : invalid(`${channel} takes no arguments.`);
    case 'profile:login': {
      if (args.length < 1 || args.length > 2) return invalid(`${channel} takes a profile name and optional options.`);
      const error = checkProfileName(args[0], knownProfiles) ?? (args.length === 2 ? checkLoginOptions(args[1]) : null);
      return error ? { ok: false, error } : ok;
    }
    case 'profile:login-code': {
      if (args.length !== 2 || typeof args[1] !== 'string') return invalid(`${channel} takes a profile name and the code.`);
      const code = args[1].trim();
      if (code === '' || code.length > 4096 || /[\r\n\0]/.test(code)) return invalid('Paste the one-line code the browser shows.');
      const error = checkProfileName(args[0], knownProfiles);
      return error ? { ok: false, error } : ok;
    }
    case 'profile:cancel-login':
    case 'profile:logout': {
      if (args.length !== 1) return invalid(`${channel} takes one profile name.`);
      const error = checkProfileName(args[0], knownProfiles);
      return error ? { ok: false, error } : ok;
    }
    case 'profile:set-auto-login': {
      if (args.length !== 2 || typeof args[1] !== 'boolean') return invalid(`${channel} takes a profile name and true or false.`);
      const error = checkProfileName(args[0], knownProfiles);
      return error ? { ok: false, error } : ok;
    }
    case 'settings:save':
      return args.length === 1 && typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])
        ? ok
        : invalid('settings:save takes one object of settings.');
    default:
      return invalid(`Unknown request "${String(channel)}".`);
  }
}
