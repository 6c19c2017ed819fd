import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args';
import { disableAutoLoginCommand } from '../../../src/cli/commands/disable-auto-login';
import { enableAutoLoginCommand } from '../../../src/cli/commands/enable-auto-login';
import { launcherPath } from '../../../src/node/launcher';
import { capturedContext } from '../../support/cli-context';
import { FAKE_SESSION, makeAwsSandbox } from '../../support/fake-aws';

/** A sandbox whose helper script exists (the launcher only has to point at it here). */
function sandbox(config: string) {
  const sb = makeAwsSandbox(config);
  const helper = join(sb.root, 'helper.cjs');
  writeFileSync(helper, '');
  return { sb, ctx: capturedContext({ ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: helper }) };
}

describe('enable-auto-login / disable-auto-login', () => {
  // The config edit itself (bytes, CRLF, the undo) is tested once, in test/node/auto-login-switch.test.ts:
  // here, what the commands say and return.
  it('enable says what it did and where the backup is; again, that nothing changed; disable, what it restored', async () => {
    const { sb, ctx } = sandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(0);
    const launcher = launcherPath(sb.appHome, 'linux');
    expect(existsSync(launcher)).toBe(true);
    expect(ctx.out()).toMatch(new RegExp(`^Auto-login is on for dev \\(sign-in profile dev-signin\\) in ${sb.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\n`, 'm'));
    expect(ctx.out()).toContain(`  credential_process = ${launcher} --profile dev-signin\n`);
    expect(ctx.out()).toMatch(/^Backup of the previous file: .*config\.aws-login-tray-backup-\d{8}T\d{6}Z$/m);
    expect(ctx.out()).toContain('Try it: aws sts get-caller-identity --profile dev');
    expect(ctx.err()).toBe('');

    const before = ctx.out().length;
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(0);
    expect(ctx.out().slice(before)).toContain('Auto-login was already on for dev (sign-in profile dev-signin); nothing changed.');

    expect(await disableAutoLoginCommand.run(['dev'], ctx)).toBe(0);
    expect(ctx.out()).toContain('Restored');
    expect(readFileSync(sb.configFile, 'utf8')).not.toContain('credential_process');
  });

  it('refuses a profile with long-term keys, explains why, and leaves the file alone', async () => {
    const original = '[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIAFAKEEXAMPLE\naws_secret_access_key = fakeSecretNotReal\n';
    const { sb, ctx } = sandbox(original);
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(1);
    expect(ctx.err()).toContain('already gets credentials from long-term access keys');
    expect(ctx.err()).toContain('Next step:');
    expect(ctx.err()).not.toContain('fakeSecretNotReal');
    expect(readFileSync(sb.configFile, 'utf8')).toBe(original);
  });

  it('says how to build the helper when it is missing', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = r\n');
    const ctx = capturedContext({ ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: join(sb.root, 'nope.cjs') });
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(1);
    expect(ctx.err()).toContain('npm run build');
  });

  it('a broken config file is a config error (exit 2) naming the file and line', async () => {
    const { sb, ctx } = sandbox('[profile dev]\nregion = r\nnot ini at all\n');
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(2);
    expect(ctx.err()).toContain(`${sb.configFile}:3`);
    expect(ctx.err()).toContain('Next step:');
  });

  it('disable on a profile without auto-login is refused', async () => {
    const { ctx } = sandbox('[profile dev]\nregion = r\n');
    expect(await disableAutoLoginCommand.run(['dev'], ctx)).toBe(1);
    expect(ctx.err()).toContain('does not use aws-login-tray auto-login');
  });

  it.each(['a b', '%'])('reports an invalid --signin-profile %j as a usage error with the rule, before any other check', async (name) => {
    // No region anywhere: the name is still what gets reported.
    const { sb, ctx } = sandbox('[profile dev]\n');
    const run = enableAutoLoginCommand.run(['dev', '--signin-profile', name], ctx);
    await expect(run).rejects.toThrow(new UsageError(`--signin-profile "${name}" cannot be a sign-in profile name: use letters, digits and - _ . @ : + / only`));
    expect(readFileSync(sb.configFile, 'utf8')).toBe('[profile dev]\n');
  });

  it('refuses a default sign-in profile name it cannot write (from the profile name) before the region check', async () => {
    const { sb, ctx } = sandbox('[profile dev%]\n');
    expect(await enableAutoLoginCommand.run(['dev%'], ctx)).toBe(1);
    expect(ctx.err()).toBe([
      'aws-login-tray: "dev%-signin" cannot be a sign-in profile name: use letters, digits and - _ . @ : + / only.',
      'Next step: Use another name with --signin-profile, e.g. --signin-profile my-signin.',
      '',
    ].join('\n'));
    expect(readFileSync(sb.configFile, 'utf8')).toBe('[profile dev%]\n');
  });
});
