import { cliAutoLoginSwitch, printSwitchReport } from '../action-output';
import { parseArgs, UsageError } from '../args';
import type { Command } from './types';

/** `disable-auto-login <profile>`: undoes enable-auto-login. */
export const disableAutoLoginCommand: Command = {
  name: 'disable-auto-login',
  summary: 'Undo enable-auto-login (byte for byte when nothing else changed)',
  usage: [
    'Usage: aws-login-tray disable-auto-login <profile>',
    '',
    'Puts the config file back as it was before `enable-auto-login <profile>`: byte for byte when',
    'nothing else changed since. Otherwise it removes the credential_process line (or restores the',
    'shell recipe it replaced), moves login_session back from a sign-in profile it created, and',
    'removes that sign-in profile unless another profile still logs in through it.',
    '',
    'Options:',
    '  -h, --help  Show this help',
    '',
    'Exit status: 0 done, 1 the profile does not use auto-login, 2 bad usage or config error.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { positionals } = parseArgs(args, {}, 1);
    const profile = positionals[0];
    if (profile === undefined) throw new UsageError('disable-auto-login needs a profile name');
    return printSwitchReport(await cliAutoLoginSwitch(ctx)(profile, false), ctx);
  },
};
