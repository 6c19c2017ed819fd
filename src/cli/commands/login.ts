import { login } from '../../node/actions';
import { REGION_PATTERN } from '../../shared/validate-args';
import { actionDeps, printResult, withInterrupt } from '../action-output';
import { parseArgs, UsageError } from '../args';
import { loginOutputPrinter } from '../login-output';
import type { Command } from './types';

/** `login <profile>`: `aws login` for one profile, shared with any login already running for it. */
export const loginCommand: Command = {
  name: 'login',
  summary: 'Log a profile in with `aws login` (opens your browser)',
  usage: [
    'Usage: aws-login-tray login <profile> [--remote] [--region REGION]',
    '',
    'Runs `aws login --profile <profile>` (AWS CLI 2.32+), which opens your browser, and waits',
    'until you finish signing in there (up to the loginTimeoutSeconds setting). The sign-in URL is',
    'printed as soon as aws prints it, to open by hand. Ctrl-C cancels and ends aws login.',
    'For an auto-login profile it logs in its sign-in profile. If another login for the same',
    'profile is already running (the tray, another terminal, the credential helper), this waits',
    'for it and reports its result instead of opening a second browser tab.',
    'Profiles that get credentials another way (access keys, SSO, a role, another',
    'credential_process) cannot use aws login: the message says what to do instead.',
    '',
    'Options:',
    '  --remote         Sign in on another device (over SSH, no browser here): open the URL',
    '                   there, then type the code the browser shows',
    '  --region REGION  The region for a profile that has none (asked on a terminal otherwise)',
    '  -h, --help       Show this help',
    '',
    'Exit status: 0 logged in, 1 not (the message says why and what to do next), 2 bad usage or',
    'a config file that cannot be read or parsed.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { positionals, options } = parseArgs(args, { remote: { type: 'boolean' }, region: { type: 'string' } }, 1);
    const profile = positionals[0];
    if (profile === undefined) throw new UsageError('login needs a profile name');
    if (options.region !== undefined && !REGION_PATTERN.test(options.region)) throw new UsageError(`"${options.region}" is not an AWS region name (such as eu-west-1)`);
    const attempt = async (region: string | undefined) => {
      const printer = loginOutputPrinter(ctx, options.remote);
      try {
        return await withInterrupt((signal) => login(profile, {
          ...actionDeps(ctx, signal),
          ...(region ? { region } : {}),
          remote: options.remote,
          onLoginOutput: printer.onOutput,
          onLoginStdin: printer.onStdin,
        }));
      } finally {
        printer.close();
      }
    };
    let result = await attempt(options.region);
    // No region anywhere: on a terminal, ask for one (it is then saved in the profile) and try once more.
    if (!result.ok && result.error.code === 'no-region' && options.region === undefined && ctx.askLine) {
      ctx.stderr(`${profile} has no region, and aws login needs one.\n`);
      const answer = await ctx.askLine(`Region for ${profile} (for example eu-west-1): `);
      if (answer && REGION_PATTERN.test(answer)) result = await attempt(answer);
      else if (answer) ctx.stderr(`"${answer}" is not an AWS region name.\n`);
    }
    return printResult(result, ctx);
  },
};
