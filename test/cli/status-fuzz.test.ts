import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { buildHelper } from '../support/built-helper';
import { capturedContext } from '../support/cli-context';
import { FUZZ_SEED, wildHome, writeWildHome, type WildHome } from '../support/fuzz-home';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const TIME_FIELDS = ['accessTokenExpiresAt', 'sessionStartedAt', 'sessionExpiresAt'] as const;

/** What `status --json` promises (README, "The CLI"): exit 0 with the whole JSON, or exit 2 with one line and no stdout. */
function checkJsonRun(code: number, stdout: string, stderr: string): void {
  expect([0, 2]).toContain(code);
  expect(stderr).not.toMatch(/internal error|\n\s+at |Please report/);
  if (code === 2) {
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    return;
  }
  expect(stdout.endsWith('\n')).toBe(true);
  const json = JSON.parse(stdout) as { profiles: Record<string, unknown>[] };
  expect(Array.isArray(json.profiles)).toBe(true);
  for (const p of json.profiles) {
    for (const f of TIME_FIELDS) if (p[f] !== null) expect(p[f]).toMatch(ISO);
    expect(p.error === null || (typeof p.error === 'string' && !p.error.includes('\n'))).toBe(true);
  }
}

const cleanup = (env: Record<string, string>) => rmSync(dirname(env.HOME!), { recursive: true, force: true });

describe('status over fuzzed homes (fixed seed)', () => {
  // Each home is real files and two CLI runs in this process; the readers alone get 2,000 cases each in test/core/readers-fuzz.test.ts.
  it('status --json and the table: 500 generated homes, never a crash, partial JSON or absurd countdown', async () => {
    await fc.assert(
      fc.asyncProperty(wildHome, async (h: WildHome) => {
        const env = writeWildHome(h);
        try {
          const json = capturedContext(env);
          checkJsonRun(await runCli(['status', '--json'], json), json.out(), json.err());
          const table = capturedContext(env);
          const code = await runCli(['status'], table);
          expect([0, 2]).toContain(code);
          expect(table.err()).not.toMatch(/internal error|\n\s+at /);
          // "Ends in 27777777777278856:32 h" was the 1e20 auth_time (no time we believe gets near 11 digits of minutes).
          expect(table.out()).not.toMatch(/NaN|Infinity|\d{11,}:\d\d/);
        } finally {
          cleanup(env);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 500 },
    );
  }, 120_000);

  it('one cache file with an idToken auth_time of 1e20 is that profile\'s problem only', async () => {
    const session = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
    const cache = JSON.stringify({
      accessToken: { accessKeyId: 'ASIAFAKEFAKEFAKEFAKE', secretAccessKey: 'FAKEsecret', sessionToken: 'FAKEsession', accountId: '123456789012', expiresAt: '2025-12-05T10:10:00Z' },
      clientId: 'arn:aws:signin:::devtools/same-device', refreshToken: 'FAKErefresh', dpopKey: 'FAKEdpop',
      idToken: `e30.${Buffer.from('{"auth_time":1e20}').toString('base64url')}.c2ln`,
    });
    const env = writeWildHome({ config: `[profile dev]\nlogin_session = ${session}\n\n[profile other]\nregion = eu-west-1\n`, credentials: null, caches: { [session]: cache }, settings: null, recordedLogins: JSON.stringify({ [session]: 1e20 }), factsIndex: null, loginResults: null });
    try {
      const ctx = capturedContext(env);
      expect(await runCli(['status', '--json'], ctx)).toBe(0);
      const profiles = (JSON.parse(ctx.out()) as { profiles: { name: string; sessionStartedAt: string | null }[] }).profiles;
      expect(profiles.map((p) => p.name)).toEqual(['dev', 'other']);
      // The claim and the recorded login are ignored; the session is dated from the cache file instead.
      expect(profiles[0]!.sessionStartedAt).toMatch(ISO);
    } finally {
      cleanup(env);
    }
  });

  it('status --json end to end (a real child process) on a handful of generated homes', async () => {
    const { cli } = buildHelper();
    const homes = fc.sample(wildHome, { seed: FUZZ_SEED, numRuns: 6 });
    for (const h of homes) {
      const env = writeWildHome(h);
      try {
        const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, [cli, 'status', '--json'], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
            resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
          });
        });
        checkJsonRun(r.code, r.stdout, r.stderr);
      } finally {
        cleanup(env);
      }
    }
  }, 120_000);
});
