import { createAutoLoginSwitch } from '../../node/auto-login-switch';
import { nodeHelperRuntime } from '../../node/launcher';
import { parseArgs, UsageError } from '../args';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK } from '../context';
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
    const setAutoLogin = createAutoLoginSwitch({ env: ctx.env, platform: ctx.platform, homeDir: ctx.homeDir, audience: 'cli', launcherRuntime: nodeHelperRuntime(ctx.env as NodeJS.ProcessEnv) });
    const report = await setAutoLogin(profile, false);
    if (!report.ok) {
      ctx.stderr(`aws-login-tray: ${report.error.message}\n`);
      if (report.error.hint) ctx.stderr(`Next step: ${report.error.hint}\n`);
      return report.refused ? EXIT_FAILED : EXIT_ERROR;
    }
    for (const note of report.notes) ctx.stdout(`${note}\n`);
    ctx.stdout(`${report.message}\n`);
    if (report.backupPath) ctx.stdout(`Backup of the previous file: ${report.backupPath}\n`);
    return EXIT_OK;
  },
};
