import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../src/core/command-line';
import { buildHelper, run, type BuiltHelper } from '../support/built-helper';
import { FAKE_SESSION, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { writeLoginCache } from '../support/login-cache';

// The credential_process JSON now carries AccountId (from the cache's accessToken.accountId), printed
// by the native fast path and by Node alike: the real AWS CLI 2.9 and botocore must accept it.
let built: BuiltHelper;
beforeAll(() => {
  built = buildHelper();
}, 120_000);

async function enabled(): Promise<AwsSandbox> {
  const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\n\n[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`, { AWS_LOGIN_TRAY_HELPER_SCRIPT: built.helper });
  writeLoginCache(sb.loginCacheDir, FAKE_SESSION, { expiresAt: Date.now() + 30 * 60_000, accountId: '210987654321' });
  expect((await run(process.execPath, [built.cli, 'enable-auto-login', 'dev'], sb.env)).code).toBe(0);
  return sb;
}

describe('AccountId in the credential_process output', () => {
  it('is printed by the helper (Node, then the native fast path) and accepted by /usr/bin/aws and botocore', async () => {
    const sb = await enabled();
    const [launcher, ...args] = splitCommandLine(/credential_process = (.*)/.exec(readFileSync(sb.configFile, 'utf8'))![1]!);
    const first = await run(launcher!, args, sb.env); // Node (it writes the fast-path record)
    const second = await run(launcher!, args, sb.env); // native
    expect(first.stdout).toBe(second.stdout);
    const creds = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(creds)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    expect(creds.AccountId).toBe('210987654321');

    const cli = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'], sb.env);
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    expect((JSON.parse(cli.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(creds.AccessKeyId);

    const script = join(sb.root, 'botocore-creds.py');
    writeFileSync(script, [
      'import json, botocore.session',
      "c = botocore.session.Session(profile='dev').get_credentials()",
      'f = c.get_frozen_credentials()',
      "print(json.dumps({'key': f.access_key, 'hasSecret': bool(f.secret_key), 'hasToken': bool(f.token), 'accountId': getattr(f, 'account_id', None)}))",
      '',
    ].join('\n'));
    const py = await run('/usr/bin/python3', [script], sb.env);
    expect({ code: py.code, stderr: py.stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(py.stdout) as { key: string; hasSecret: boolean; hasToken: boolean; accountId: string | null };
    expect(out.key).toBe(creds.AccessKeyId);
    expect(out.hasSecret && out.hasToken).toBe(true);
    // botocore releases that read AccountId expose it; Debian's 1.43 ignores the field without complaint.
    if (out.accountId !== null) expect(out.accountId).toBe('210987654321');
  });
});
