import { runHelper } from '../../helper/main';
import { nodeFilePort } from '../../node/fs-port';
import type { Command } from './types';

/**
 * `credential-process --profile <signin>`: the helper, run through the CLI (same code as the fast
 * launcher's dist/helper.cjs, just slower to start). credential_process lines use the launcher.
 */
export const credentialProcessCommand: Command = {
  name: 'credential-process',
  summary: 'The credential_process helper (used by enable-auto-login; prints credentials JSON)',
  usage: [
    'Usage: aws-login-tray credential-process --profile <signin-profile>',
    '',
    'Prints {"Version":1,"AccessKeyId",...,"Expiration"} for the sign-in profile on stdout, as the',
    'AWS CLI and SDKs expect from a credential_process. From the login cache when more than 5',
    'minutes are left; else refreshes the session (one process at a time); else runs `aws login`',
    'once, shared by every caller waiting. enable-auto-login writes a faster launcher for this.',
    '',
    'Options:',
    '  --profile NAME  The sign-in profile (the one holding login_session)',
    '  -h, --help      Show this help',
    '',
    'Exit status: 0 credentials printed; 1 no credentials (login failed, cancelled or cooling down,',
    'no browser, refresh failed); 2 usage or config error; 3 unexpected error.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const outcome = await runHelper(args, {
      env: ctx.env,
      platform: ctx.platform,
      homeDir: ctx.homeDir,
      files: nodeFilePort,
      now: () => ctx.clock.now(),
      loadSlowPath: () => import('../../helper/slow-path'),
    });
    if (outcome.code === 0) ctx.stdout(outcome.stdout);
    else ctx.stderr(`${outcome.message}\n`);
    return outcome.code;
  },
};
