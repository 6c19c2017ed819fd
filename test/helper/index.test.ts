import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { buildHelper, run } from '../support/built-helper';

/** An `aws` that records, per call, its first argument and whether ELECTRON_RUN_AS_NODE reached it. */
function envRecordingAws(dir: string): { path: string; log: string } {
  const path = join(dir, 'aws-env-recorder');
  const log = join(dir, 'aws-env.log');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `echo "$1 ELECTRON_RUN_AS_NODE=\${ELECTRON_RUN_AS_NODE-unset}" >> '${log}'`,
      'if [ "$1" = "--version" ]; then echo "aws-cli/2.32.0 Python/3.13.7 Linux/6.1.0 exe/x86_64.debian.12"; exit 0; fi',
      'echo "login failed on purpose (test)" >&2',
      'exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return { path, log };
}

describe('dist/helper.cjs (src/helper/index.ts)', () => {
  it('does not pass ELECTRON_RUN_AS_NODE (set by the packaged launcher) on to aws or the browser it opens', async () => {
    const { helper } = buildHelper();
    const sandbox = makeAwsSandbox(`[profile dev-signin]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const aws = envRecordingAws(sandbox.root);
    const env = { ...sandbox.env, AWS_LOGIN_TRAY_AWS_CLI: aws.path, ELECTRON_RUN_AS_NODE: '1', DISPLAY: ':99' };
    const out = await run(process.execPath, [helper, '--profile', 'dev-signin'], env);
    expect(out.code, out.stderr).not.toBe(0); // the recorder fails the login on purpose
    if (!existsSync(aws.log)) throw new Error(`aws never ran: ${out.stderr}`);
    const calls = readFileSync(aws.log, 'utf8').trim().split('\n');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/ ELECTRON_RUN_AS_NODE=unset$/);
  });
});
