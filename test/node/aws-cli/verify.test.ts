import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/core/ports';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { checkAwsCliProgram, checkProgramSettings } from '../../../src/node/aws-cli/verify';
import { createTrayService } from '../../../src/node/tray-service';
import { FAKE_AWS_PATH, makeAwsSandbox } from '../../support/fake-aws';

const dir = mkdtempSync(join(tmpdir(), 'alt-verify-'));

/** An executable script; `ran` is a file it creates, to see whether (and how often) it was run. */
function script(name: string, body: string): { path: string; ran: string } {
  const path = join(dir, name);
  const ran = `${path}.ran`;
  writeFileSync(path, `#!/bin/sh\necho x >> '${ran}'\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, ran };
}

const closers: { close(): void }[] = [];
afterEach(() => closers.splice(0).forEach((c) => c.close()));

describe('checkAwsCliProgram', () => {
  it('accepts the real AWS CLI and the test fake (stdout starts with aws-cli/)', async () => {
    expect(await checkAwsCliProgram('/usr/bin/aws')).toBeNull();
    expect(await checkAwsCliProgram(FAKE_AWS_PATH)).toBeNull();
  });

  it('refuses a program that is not an AWS CLI, with a clear message naming it', async () => {
    const evil = script('evil', 'echo "hello"');
    const r = await checkAwsCliProgram(evil.path);
    expect(r).toMatchObject({ code: 'invalid-argument', message: `Setting "awsCliPath": "${evil.path}" is not the AWS CLI (its --version output does not start with "aws-cli/").` });
    expect(r!.hint).toContain('Nothing was saved');
  });

  it('refuses one that prints aws-cli/ only on stderr, one that does not exist, and one that hangs (bounded)', async () => {
    expect((await checkAwsCliProgram(script('stderr-only', 'echo aws-cli/1.0 >&2').path))!.message).toContain('is not the AWS CLI');
    expect((await checkAwsCliProgram(join(dir, 'missing')))!.message).toContain('could not be run (ENOENT)');
    expect((await checkAwsCliProgram(script('hang', 'sleep 60').path, undefined, 300))!.message).toContain('did not answer --version within 0 s');
  });
});

describe('checkProgramSettings', () => {
  it('runs nothing when awsCliPath is absent, unchanged or cleared', async () => {
    const probe = script('probe', 'echo aws-cli/2.32.0');
    expect(await checkProgramSettings({ startAtLogin: false }, DEFAULT_SETTINGS)).toBeNull();
    expect(await checkProgramSettings({ awsCliPath: probe.path }, { ...DEFAULT_SETTINGS, awsCliPath: probe.path })).toBeNull();
    expect(await checkProgramSettings({ awsCliPath: null }, { ...DEFAULT_SETTINGS, awsCliPath: probe.path })).toBeNull();
    expect(existsSync(probe.ran)).toBe(false);
    expect(await checkProgramSettings({ awsCliPath: probe.path }, DEFAULT_SETTINGS)).toBeNull();
    expect(readFileSync(probe.ran, 'utf8')).toBe('x\n');
  });
});

describe('settings:save through the tray service', () => {
  it('refuses to save an awsCliPath that is not an AWS CLI, and a later login never runs it', async () => {
    const sandbox = makeAwsSandbox('[profile dev]\nregion = eu-west-1\n');
    const service = createTrayService({ env: sandbox.env, platform: process.platform as Platform, homeDir: sandbox.home });
    closers.push(service);
    const evil = script('evil-login', 'echo pwned');
    await expect(service['settings:save']({ awsCliPath: evil.path })).rejects.toMatchObject({ userError: { code: 'invalid-argument', message: expect.stringContaining('is not the AWS CLI') } });
    expect(existsSync(join(sandbox.appHome, 'settings.json'))).toBe(false);
    expect((await service['settings:get']()).awsCliPath).toBeNull();
    expect(readFileSync(evil.ran, 'utf8')).toBe('x\n'); // run once, with --version, to check it
    await expect(service['settings:save']({ awsCliPath: FAKE_AWS_PATH })).resolves.toMatchObject({ awsCliPath: FAKE_AWS_PATH });
  });
});
