import { logout, logoutAll } from '../../node/actions';
import { actionDeps, printResult, withInterrupt } from '../action-output';
import { parseArgs, UsageError } from '../args';
import type { Command } from './types';

/** `logout <profile>` / `logout --all`: `aws logout`, which deletes the cached login credentials. */
export const logoutCommand: Command = {
  name: 'logout',
  summary: 'Log a profile (or --all) out with `aws logout`',
  usage: [
    'Usage: aws-login-tray logout <profile>',
    '       aws-login-tray logout --all',
    '',
    'Runs `aws logout`, which deletes the cached credentials of the profile (for an auto-login',
    'profile: of its sign-in profile), or of every `aws login` session with --all. Nothing is',
    'revoked server-side: tools that already loaded keys may use them for up to 15 minutes.',
    '',
    'Options:',
    '  --all       Log out every `aws login` session',
    '  -h, --help  Show this help',
    '',
    'Exit status: 0 logged out (or was not logged in), 1 aws logout failed (the message says why',
    'and what to do next), 2 bad usage or a config file that cannot be read or parsed.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { options, positionals } = parseArgs(args, { all: { type: 'boolean' } }, 1);
    const profile = positionals[0];
    if (options.all && profile !== undefined) throw new UsageError('give a profile name or --all, not both');
    if (!options.all && profile === undefined) throw new UsageError('logout needs a profile name (or --all)');
    const result = await withInterrupt((signal) =>
      profile === undefined ? logoutAll(actionDeps(ctx, signal)) : logout(profile, actionDeps(ctx, signal)));
    return printResult(result, ctx);
  },
};
