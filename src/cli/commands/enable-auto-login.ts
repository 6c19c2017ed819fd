import { signinProfileNameProblem } from '../../core/auto-login/enable';
import { cliAutoLoginSwitch, printSwitchReport } from '../action-output';
import { parseArgs, UsageError } from '../args';
import type { Command } from './types';

/** `enable-auto-login <profile>`: any AWS call on the profile logs in by itself when needed. */
export const enableAutoLoginCommand: Command = {
  name: 'enable-auto-login',
  summary: 'Make AWS calls on a profile log in by themselves when needed (credential_process)',
  usage: [
    'Usage: aws-login-tray enable-auto-login <profile> [--signin-profile NAME] [--region REGION]',
    '',
    'Moves the profile\'s login_session (if any) to a sign-in profile (default: <profile>-signin),',
    'copies its region there, and sets `credential_process` on <profile> to the aws-login-tray helper.',
    'From then on the AWS CLI, the SDKs and any tool using <profile> get credentials from the',
    'login cache, refreshed when due, and `aws login` runs once when the session has ended.',
    'A profile on the old `sh -c ... aws configure export-credentials` recipe is migrated. A profile',
    'holding other credentials (keys, SSO, a role, another credential_process) is refused.',
    'The config file is edited in place (other lines untouched) with a backup beside it;',
    '`aws-login-tray disable-auto-login <profile>` puts it back.',
    '',
    'Options:',
    '  --signin-profile NAME  The profile that holds login_session (default <profile>-signin)',
    '  --region REGION        Region for the sign-in profile when neither profile has one',
    '  -h, --help             Show this help',
    '',
    'Exit status: 0 done, 1 refused (the message says why and what to do), 2 bad usage or config error.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { options, positionals } = parseArgs(args, { 'signin-profile': { type: 'string' }, region: { type: 'string' } }, 1);
    const profile = positionals[0];
    if (profile === undefined) throw new UsageError('enable-auto-login needs a profile name');
    const signin = options['signin-profile'];
    const nameProblem = signin === undefined ? null : signinProfileNameProblem(signin);
    if (nameProblem) throw new UsageError(`--signin-profile ${nameProblem}`);
    const report = await cliAutoLoginSwitch(ctx)(profile, true, { signinProfile: options['signin-profile'], region: options.region });
    return printSwitchReport(report, ctx, [`Try it: aws sts get-caller-identity --profile ${profile}`]);
  },
};
