import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { COMMANDS } from '../../src/cli/commands/index';
import { formatError, mainHelp, runCli } from '../../src/cli/main';
import { AwsConfigError } from '../../src/core/config/types';
import { version } from '../../package.json';
import { capturedContext } from '../support/cli-context';
import { runCliProcess } from '../support/built-cli';
import { privateBuild } from '../support/private-build';
import { OFFLINE_SIGNIN_URL } from '../support/offline';

function sandboxEnv(): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'alt-cli-main-'));
  return {
    HOME: join(root, 'home'),
    AWS_CONFIG_FILE: join(root, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: join(root, 'cache'),
    AWS_ENDPOINT_URL_SIGNIN: OFFLINE_SIGNIN_URL,
    AWS_LOGIN_TRAY_HOME: join(root, 'app'),
  };
}

describe('the command registry', () => {
  it('loads, for every entry, a command of the same name', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name);
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});

describe('runCli', () => {
  it('lists every command in --help and exits 0', async () => {
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli(['--help'], ctx)).toBe(0);
    for (const c of COMMANDS) expect(ctx.out()).toContain(`  ${c.name}`);
    expect(ctx.out()).toBe(await mainHelp());
  });

  it('prints the help on stdout and exits 2 without a command', async () => {
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli([], ctx)).toBe(2);
    expect(ctx.out()).toContain('Usage: aws-login-tray <command>');
  });

  it('prints the version', async () => {
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli(['--version'], ctx)).toBe(0);
    expect(ctx.out()).toBe(`${version}\n`);
  });

  it.each(COMMANDS.map((c) => c.name))('answers `%s --help` and `%s -h` with its usage, running nothing', async (name) => {
    for (const flag of ['--help', '-h']) {
      const ctx = capturedContext(sandboxEnv());
      expect(await runCli([name, flag], ctx)).toBe(0);
      expect(ctx.out().startsWith(`Usage: aws-login-tray ${name}`)).toBe(true);
      expect(ctx.err()).toBe('');
    }
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli(['help', name], ctx)).toBe(0);
    expect(ctx.out().startsWith(`Usage: aws-login-tray ${name}`)).toBe(true);
  });

  it.each(COMMANDS.map((c) => c.name))('gives `%s --help` the same shape: usage, description, options with -h/--help, exit status', async (name) => {
    const usage = (await COMMANDS.find((c) => c.name === name)!.load()).usage;
    const lines = usage.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Usage: aws-login-tray ${name}\\b`));
    const description = lines.findIndex((l, i) => i > 0 && l === '') + 1;
    expect(lines[description]).toMatch(/^[A-Z`]/);
    const options = lines.indexOf('Options:');
    expect(options).toBeGreaterThan(description);
    expect(lines.slice(options)).toContainEqual(expect.stringMatching(/^ {2}-h, --help +Show this help$/));
    expect(lines.findIndex((l) => l.startsWith('Exit status: '))).toBeGreaterThan(options);
    expect(usage.endsWith('\n')).toBe(true);
  });

  it('rejects an unknown command with the list of commands, exit 2', async () => {
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli(['stauts'], ctx)).toBe(2);
    expect(ctx.err()).toMatch(/^aws-login-tray: unknown command "stauts"\. Commands: .*status.*Run `aws-login-tray --help`/);
  });

  it('turns a bad option into one line pointing at the command help, exit 2', async () => {
    const ctx = capturedContext(sandboxEnv());
    expect(await runCli(['status', '--jsno'], ctx)).toBe(2);
    expect(ctx.err()).toBe('aws-login-tray: unknown option --jsno. See `aws-login-tray status --help`.\n');
  });

  it('prints a config error as FILE:LINE: reason, one line, exit 2', async () => {
    const env = sandboxEnv();
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile a]\nregion = eu-west-1\n[profile b\n');
    const ctx = capturedContext(env);
    expect(await runCli(['status'], ctx)).toBe(2);
    expect(ctx.err()).toMatch(new RegExp(`^${env.AWS_CONFIG_FILE}:3: [^\\n]+\\n$`));
    expect(ctx.out()).toBe('');
  });

  it('prints an unreadable file as one line naming it, exit 2', async () => {
    const env = sandboxEnv();
    mkdirSync(env.AWS_CONFIG_FILE!);
    const ctx = capturedContext(env);
    expect(await runCli(['status', '--json'], ctx)).toBe(2);
    expect(ctx.err()).toBe(`${env.AWS_CONFIG_FILE}: is a folder, not a file.\n`);
  });
});

describe('the built CLI (one bundle per command)', () => {
  let bin: string;
  beforeAll(() => {
    bin = privateBuild().bin;
  });

  it('is really split: the command runs from its own bundle', () => {
    expect(existsSync(join(bin, '..', '..', 'dist', 'cli-status.cjs'))).toBe(true);
  });

  it.each([
    [['status', '--bogus'], 'aws-login-tray: unknown option --bogus. See `aws-login-tray status --help`.\n'],
    [['login'], 'aws-login-tray: login needs a profile name. See `aws-login-tray login --help`.\n'],
    [['enable-auto-login', 'dev', '--signin-profile', '--x'],
      'aws-login-tray: option --signin-profile needs a value, and "--x" looks like an option (values must not start with "-"). See `aws-login-tray enable-auto-login --help`.\n'],
  ])('prints a usage error thrown inside a command bundle with the prefix and the help pointer: %j', async (args, stderr) => {
    const r = await runCliProcess(bin, args, sandboxEnv());
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('formatError', () => {
  it('keeps messages to one line and never a stack', () => {
    expect(formatError(new AwsConfigError('/c', 4, 'bad line'))).toBe('/c:4: bad line');
    expect(formatError(new Error('first\n  second'))).toBe('first second');
    expect(formatError(new UsageError('unknown option -x'))).toBe('aws-login-tray: unknown option -x.');
    expect(formatError(new TypeError('x is undefined'))).toBe('aws-login-tray: internal error: x is undefined. Please report it with the command you ran.');
    expect(formatError('plain')).toBe('plain');
  });
});
