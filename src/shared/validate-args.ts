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

/** Checks a channel's arguments against the contract; profile names must exist in the parsed config. */
export function validateArgs<C extends Channel>(channel: C, args: unknown, knownProfiles: ReadonlySet<string>): Validated<C> {
  if (!Array.isArray(args)) return invalid('Arguments must be a list.');
  const ok = { ok: true as const, args: args as unknown as ChannelArgs<C> };
  switch (channel) {
    case 'status:get':
    case 'settings:get':
    case 'profile:logout-all':
      return args.length === 0 ? ok : invalid(`${channel} takes no arguments.`);
    case 'profile:login':
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
