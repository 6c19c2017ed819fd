import { login } from '../../node/actions';
import { actionDeps, printResult, withInterrupt } from '../action-output';
import { parseArgs, UsageError } from '../args';
import type { Command } from './types';

/** `login <profile>`: `aws login` for one profile, shared with any login already running for it. */
export const loginCommand: Command = {
  name: 'login',
  summary: 'Log a profile in with `aws login` (opens your browser)',
  usage: [
    'Usage: aws-login-tray login <profile>',
    '',
    'Runs `aws login --profile <profile>` (AWS CLI 2.32+), which opens your browser, and waits',
    'until you finish signing in there (up to the loginTimeoutSeconds setting; Ctrl-C cancels).',
    'For an auto-login profile it logs in its sign-in profile. If another login for the same',
    'profile is already running (the tray, another terminal, the credential helper), this waits',
    'for it and reports its result instead of opening a second browser tab.',
    'Profiles that get credentials another way (access keys, SSO, a role, another',
    'credential_process) cannot use aws login: the message says what to do instead.',
    '',
    'Options:',
    '  -h, --help  Show this help',
    '',
    'Exit status: 0 logged in, 1 not (the message says why and what to do next), 2 bad usage or',
    'a config file that cannot be read or parsed.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { positionals } = parseArgs(args, {}, 1);
    const profile = positionals[0];
    if (profile === undefined) throw new UsageError('login needs a profile name');
    const result = await withInterrupt((signal) => login(profile, actionDeps(ctx, signal)));
    return printResult(result, ctx);
  },
};
