import { logout, logoutAll } from '../../node/actions';
import { actionDeps, printResult, withInterrupt } from '../action-output';
import { parseArgs, UsageError } from '../args';
import type { Command } from './types';

/** `logout <profile>` / `logout --all`: `aws logout`, which deletes the cached login credentials. */
export const logoutCommand: Command = {
  name: 'logout',
  summary: 'Log a profile (or --all) out: revoke the session at AWS, then `aws logout`',
  usage: [
    'Usage: aws-login-tray logout <profile> [--local-only]',
    '       aws-login-tray logout --all [--local-only]',
    '',
    'Ends the session at AWS first (AWS Sign-In RevokeOAuth2TokenWithIAM: its refresh token can no',
    'longer make new keys, on any machine), then runs `aws logout`, which deletes the cached',
    'credentials of the profile (for an auto-login profile: of its sign-in profile), or of every',
    '`aws login` session with --all. If the revoke fails (offline, no permission), the local files',
    'are still removed and the message says why. Keys already handed out stay valid for up to 15',
    'minutes.',
    '',
    'Options:',
    '  --all         Log out every `aws login` session',
    '  --local-only  Only delete the local files (like `aws logout`); the session stays valid at AWS',
    '  -h, --help    Show this help',
    '',
    'Exit status: 0 logged out (or was not logged in), 1 aws logout failed (the message says why',
    'and what to do next), 2 bad usage or a config file that cannot be read or parsed.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { options, positionals } = parseArgs(args, { all: { type: 'boolean' }, 'local-only': { type: 'boolean' } }, 1);
    const profile = positionals[0];
    if (options.all && profile !== undefined) throw new UsageError('give a profile name or --all, not both');
    if (!options.all && profile === undefined) throw new UsageError('logout needs a profile name (or --all)');
    const localOnly = options['local-only'] === true;
    const result = await withInterrupt((signal) => {
      const deps = { ...actionDeps(ctx, signal), localOnly };
      return profile === undefined ? logoutAll(deps) : logout(profile, deps);
    });
    return printResult(result, ctx);
  },
};
