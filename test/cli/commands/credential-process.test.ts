import { describe, expect, it } from 'vitest';
import { credentialProcessCommand } from '../../../src/cli/commands/credential-process';
import { capturedContext } from '../../support/cli-context';
import { makeAwsSandbox } from '../../support/fake-aws';
import { writeLoginCache } from '../../support/login-cache';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

describe('credential-process (through the CLI)', () => {
  it('prints the credentials JSON from the cache and nothing on stderr', async () => {
    const sb = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`);
    const cache = writeLoginCache(sb.loginCacheDir, SESSION, { expiresAt: Date.now() + 10 * 60_000 });
    const ctx = capturedContext(sb.env, Date.now());
    expect(await credentialProcessCommand.run(['--profile', 'dev-signin'], ctx)).toBe(0);
    expect(JSON.parse(ctx.out())).toMatchObject({ Version: 1, AccessKeyId: cache.accessKeyId });
    expect(ctx.err()).toBe('');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const sb = makeAwsSandbox('');
    const ctx = capturedContext(sb.env);
    expect(await credentialProcessCommand.run(['dev'], ctx)).toBe(2);
    expect(ctx.err()).toContain('Usage: credential-process --profile <signin-profile>');
    expect(ctx.out()).toBe('');
  });
});
