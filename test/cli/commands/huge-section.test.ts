import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disableAutoLoginCommand } from '../../../src/cli/commands/disable-auto-login';
import { enableAutoLoginCommand } from '../../../src/cli/commands/enable-auto-login';
import { runCli } from '../../../src/cli/main';
import { applyLineHunks, diffLines } from '../../../src/core/auto-login/line-patch';
import { capturedContext } from '../../support/cli-context';
import { FAKE_SESSION, makeAwsSandbox } from '../../support/fake-aws';

/** A config whose dev section is ~150k lines long (the size that overflowed the stack), last in the file or not. */
function hugeConfig(last = true): string {
  const filler = Array.from({ length: 150_000 }, (_, i) => `# note ${i}\n`).join('');
  return `[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n${filler}${last ? '' : '\n[profile other]\nregion = us-east-1\n'}`;
}

function sandbox(config: string) {
  const sb = makeAwsSandbox(config);
  const helper = join(sb.root, 'helper.cjs');
  writeFileSync(helper, '');
  return { sb, ctx: () => capturedContext({ ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: helper }) };
}

describe('a section of ~150k lines', () => {
  it.each([true, false])('status reads it; enable then disable gives the file back byte for byte (last section: %s)', async (last) => {
    const original = hugeConfig(last);
    const { sb, ctx } = sandbox(original);
    const s = ctx();
    expect(await runCli(['status', '--json'], s), s.err()).toBe(0);
    const on = ctx();
    expect(await enableAutoLoginCommand.run(['dev'], on), on.err()).toBe(0);
    const off = ctx();
    expect(await disableAutoLoginCommand.run(['dev'], off), off.err()).toBe(0);
    expect(readFileSync(sb.configFile, 'utf8') === original).toBe(true);
  }, 60_000);

  it('disable after another change to the file undoes each change instead, without overflowing', async () => {
    const { sb, ctx } = sandbox(hugeConfig());
    expect(await enableAutoLoginCommand.run(['dev'], ctx())).toBe(0);
    appendFileSync(sb.configFile, '\n[profile added-later]\nregion = eu-north-1\n');
    const off = ctx();
    expect(await disableAutoLoginCommand.run(['dev'], off), off.err()).toBe(0);
    const after = readFileSync(sb.configFile, 'utf8');
    expect(after).toContain(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    expect(after).toContain('[profile added-later]');
    expect(after).not.toContain('credential_process');
  }, 60_000);

  it('line hunks of 150k lines apply without spreading them onto the stack', () => {
    const big = Array.from({ length: 150_000 }, (_, i) => `line ${i}\n`).join('');
    const original = `a\n${big}z\n`;
    const edited = 'a\nz\n';
    const hunks = diffLines(original, edited, 1_000);
    expect(applyLineHunks(edited, hunks) === original).toBe(true);
  });
});
