import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliBin, runCliBin } from '../../support/cli-process';
import { makeAwsSandbox } from '../../support/fake-aws';
import { loginThroughStandIn } from '../../support/signin-session';
import { startSigninStandIn } from '../../support/signin-stand-in';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
let bin: string;
beforeAll(() => {
  bin = buildCliBin();
});

type Row = { name: string; state: string; sessionExpiresAt: string | null; sessionEndSource: string | null };
const rows = (stdout: string): Record<string, Row> => Object.fromEntries((JSON.parse(stdout) as { profiles: Row[] }).profiles.map((p) => [p.name, p]));

describe('aws-login-tray status --refresh', () => {
  it("shows Sign-In's exp, marked introspected, after one introspection; plain status keeps it without a call", async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${ROLE}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      const start = Math.floor((Date.now() - 20 * 60_000) / 1000) * 1000;
      const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE, startedAt: start, sessionSeconds: 6 * 3600 });
      const before = rows((await runCliBin(bin, ['status', '--json'], sb.env)).stdout);
      expect(before.dev).toMatchObject({ sessionEndSource: 'default', sessionExpiresAt: new Date(start + 3_600_000).toISOString() });
      expect(standIn.requests).toHaveLength(0); // plain status never calls out

      const r = await runCliBin(bin, ['status', '--json', '--refresh'], sb.env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(rows(r.stdout).dev).toMatchObject({ state: 'active', sessionEndSource: 'introspected', sessionExpiresAt: new Date(start + 6 * 3_600_000).toISOString() });
      expect(standIn.calls('/v1/introspect')).toHaveLength(1);

      const table = await runCliBin(bin, ['status'], sb.env);
      expect(table.stdout).not.toContain('~ estimated');
      expect(rows((await runCliBin(bin, ['status', '--json'], sb.env)).stdout).dev!.sessionEndSource).toBe('introspected');
      expect(standIn.calls('/v1/introspect')).toHaveLength(1);
      for (const secret of [seeded.refreshToken, seeded.secretAccessKey, seeded.sessionToken]) expect(r.stdout + r.stderr + table.stdout).not.toContain(secret);
    } finally {
      await standIn.close();
    }
  });

  it('keeps the estimate and says why, on stderr, when the principal may not introspect', async () => {
    const standIn = await startSigninStandIn({ region: 'eu-west-1' });
    try {
      const sb = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${ROLE}\n`, { AWS_ENDPOINT_URL_SIGNIN: standIn.url });
      standIn.introspectDenied.add(ROLE);
      loginThroughStandIn(standIn, sb.loginCacheDir, { sub: ROLE });
      const r = await runCliBin(bin, ['status', '--json', '--refresh'], sb.env);
      expect(r.code).toBe(0);
      expect(rows(r.stdout).dev!.sessionEndSource).toBe('default');
      expect(r.stderr).toBe(
        "dev: Sign-In refused to tell the session's end (AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/Admin/alice is not authorized to perform: signin:IntrospectOAuth2Token); showing an estimate. Allow signin:IntrospectOAuth2Token to see the exact end.\n",
      );
    } finally {
      await standIn.close();
    }
  });
});
