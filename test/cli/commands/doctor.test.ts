import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../src/cli/commands/doctor';
import { enableAutoLoginCommand } from '../../../src/cli/commands/enable-auto-login';
import { capturedContext } from '../../support/cli-context';
import { makeAwsSandbox } from '../../support/fake-aws';

describe('doctor', () => {
  it('exits 0 for a good auto-login setup, and 1 with a fix once the helper is gone', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const helper = join(sb.root, 'helper.cjs');
    writeFileSync(helper, '');
    const env = { ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: helper };
    const ctx = capturedContext(env);
    chmodSync(sb.configFile, 0o600);
    expect(await enableAutoLoginCommand.run(['dev'], ctx)).toBe(0);

    const good = capturedContext(env);
    expect(await doctorCommand.run([], good)).toBe(0);
    expect(good.out()).toContain('AWS CLI 2.36.7');
    expect(good.out()).toContain('No problems found.');

    rmSync(helper);
    const bad = capturedContext(env);
    expect(await doctorCommand.run([], bad)).toBe(1);
    expect(bad.out()).toMatch(/ERROR +The helper launcher .* starts .*helper\.cjs, which no longer exists/);
    expect(bad.out()).toContain('fix: aws-login-tray enable-auto-login dev  # rewrites the launcher');
  });

  it('names, by file and line, what the AWS CLI and boto3 refuse or read differently', async () => {
    const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = arn:aws:iam::123456789012:user/a # work\n[profile "a b"]\nregion = eu-west-1\n`);
    chmodSync(sb.configFile, 0o600);
    const ctx = capturedContext(sb.env);
    expect(await doctorCommand.run([], ctx)).toBe(1);
    expect(ctx.out()).toMatch(new RegExp(`warning +${sb.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3 has a comment after login_session`));
    expect(ctx.out()).toContain('fix: Move the comment to a line of its own');
    expect(ctx.out()).toContain(`${sb.configFile}:4: the profile "a b" works with the AWS CLI and boto3, but the JS SDK ignores it`);
    writeFileSync(sb.configFile, '\uFEFF[profile dev]\nregion = eu-west-1\n');
    const bom = capturedContext(sb.env);
    expect(await doctorCommand.run([], bom)).toBe(1);
    expect(bom.out()).toMatch(/ERROR +.*config:1 starts with a byte-order mark/);
  });

  it('finds what status shows as broken: a broken cache file, a dangling config link, wrong-typed settings, an awsCliPath that is not an AWS CLI', async () => {
    const session = 'arn:aws:iam::123456789012:user/a';
    const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${session}\n`);
    chmodSync(sb.configFile, 0o600);
    mkdirSync(sb.loginCacheDir, { recursive: true, mode: 0o700 });
    const cacheFile = join(sb.loginCacheDir, `${createHash('sha256').update(session).digest('hex')}.json`);
    writeFileSync(cacheFile, '{"accessToken":', { mode: 0o600 });
    mkdirSync(sb.appHome, { recursive: true });
    const notAws = join(sb.root, 'not-aws');
    writeFileSync(notAws, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    writeFileSync(join(sb.appHome, 'settings.json'), JSON.stringify({ warningLeadMinutes: 'soon', awsCliPath: notAws, colour: 'blue' }));
    const ctx = capturedContext(sb.env);
    expect(await doctorCommand.run([], ctx)).toBe(1);
    const out = ctx.out();
    expect(out).toContain(`The login cache file of dev, ${cacheFile}, is not valid JSON`);
    expect(out).toContain('fix: aws-login-tray login dev');
    expect(out).toContain('Setting "warningLeadMinutes" must be a list of up to 10 minute counts from 0 to 720; the app uses the default ([15,5,0]) instead.');
    expect(out).toContain('Unknown setting "colour" (ignored).');
    expect(out).toMatch(/ERROR +Setting "awsCliPath": .*not-aws" is not the AWS CLI/);
    expect(out).not.toContain('No problems found.');

    // A config that is a link to nothing: the SDKs see no config at all.
    const real = join(sb.root, 'moved-away-config');
    rmSync(sb.configFile);
    symlinkSync(real, sb.configFile);
    const linked = capturedContext(sb.env);
    expect(await doctorCommand.run([], linked)).toBe(1);
    expect(linked.out()).toContain(`${sb.configFile} is a symbolic link to ${real}, which does not exist`);
  });

  it('reports an AWS CLI too old for aws login, as JSON on request', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n', { FAKE_AWS_MODE: 'old' });
    const ctx = capturedContext(sb.env);
    expect(await doctorCommand.run(['--json'], ctx)).toBe(1);
    const { findings } = JSON.parse(ctx.out()) as { findings: { level: string; message: string }[] };
    expect(findings[0]).toMatchObject({ level: 'error', message: expect.stringContaining('2.9.19') });
  });

  it('reports login cache files readable by others and a broken settings.json', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    chmodSync(sb.configFile, 0o600);
    mkdirSync(sb.loginCacheDir, { recursive: true, mode: 0o700 });
    chmodSync(sb.loginCacheDir, 0o700);
    const cacheFile = join(sb.loginCacheDir, 'a'.repeat(64) + '.json');
    writeFileSync(cacheFile, '{}');
    chmodSync(cacheFile, 0o644);
    mkdirSync(sb.appHome, { recursive: true });
    writeFileSync(join(sb.appHome, 'settings.json'), '{ "startAtLogin": tru');
    const ctx = capturedContext(sb.env);
    expect(await doctorCommand.run([], ctx)).toBe(1);
    expect(ctx.out()).toContain(`A login cache file can be read by other users: ${cacheFile} (mode 644)`);
    expect(ctx.out()).toContain(`chmod 600 '${sb.loginCacheDir}'/*.json`);
    expect(ctx.out()).toMatch(/settings\.json.*not valid JSON.*default settings/);
  });

  it('reports another program\'s version kept aside by an edit (not pruned by later edits), and cleans up after a killed edit', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    chmodSync(sb.configFile, 0o600);
    const kept = `${sb.configFile}.aws-login-tray-kept-20261125T143000Z`;
    writeFileSync(kept, '[profile dev]\nregion = eu-west-1\noutput = json\n', { mode: 0o600 });
    const temp = `${sb.configFile}.aws-login-tray-tmp-999999999-0badf00d`; // no such process
    writeFileSync(temp, 'half an edit');
    const ctx = capturedContext(sb.env);
    expect(await doctorCommand.run([], ctx)).toBe(1);
    expect(ctx.out()).toContain(`warning  ${kept} holds another program's version of ${sb.configFile}`);
    expect(ctx.out()).toContain(`fix: Compare the two (diff '${sb.configFile}' '${kept}')`);
    expect(existsSync(temp)).toBe(false);
    expect(readFileSync(kept, 'utf8')).toContain('output = json');
  });
});
