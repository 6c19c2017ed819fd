import { describe, expect, it } from 'vitest';
import type { FilePort, Platform } from '../../src/core/ports';
import type { StatusReport } from '../../src/core/session/types';
import { nodeFilePort } from '../../src/node/fs-port';
import { createTrayService } from '../../src/node/tray-service';
import { fakeAwsCalls, makeAwsSandbox } from '../support/fake-aws';

/** The real tray service over a sandbox, counting every read of the config file. */
function counted(config: string) {
  const sb = makeAwsSandbox(config);
  const reads: string[] = [];
  const files: FilePort = {
    readText: (p) => (reads.push(p), nodeFilePort.readText(p)),
    stat: (p) => nodeFilePort.stat(p),
    signature: (p) => nodeFilePort.signature!(p),
  };
  const service = createTrayService({ env: sb.env, platform: process.platform as Platform, homeDir: sb.home, files });
  const pushes: StatusReport[] = [];
  service.onStatusChanged((r) => pushes.push(r));
  return { sb, service, pushes, configReads: () => reads.filter((p) => p === sb.configFile).length };
}

describe('one read per request', () => {
  it('a tray login reads the config twice (the check, then after aws login wrote it), however many progress pushes it makes', async () => {
    const t = counted('[profile dev]\nregion = eu-west-1\n');
    const r = await t.service['profile:login']('dev');
    expect(r.ok).toBe(true);
    expect(fakeAwsCalls(t.sb.logFile, 'login')).toHaveLength(1);
    expect(t.configReads()).toBe(2);
    // Progress (the login starting, its URL), then one push with the result.
    expect(t.pushes.length).toBeGreaterThanOrEqual(2);
    expect(t.pushes[0]!.profiles.find((p) => p.name === 'dev')!.loginInProgress).toBeDefined();
    expect(t.pushes.at(-1)!.profiles.find((p) => p.name === 'dev')).toMatchObject({ state: 'active' });
    expect(t.pushes.at(-1)!.profiles.find((p) => p.name === 'dev')!.loginInProgress).toBeUndefined();
    t.service.close();
  });

  it('a refused request reads the config once and pushes nothing (nothing changed)', async () => {
    const t = counted('[profile dev]\nregion = eu-west-1\n');
    expect(await t.service['profile:login']('nope')).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
    expect(t.configReads()).toBe(1);
    expect(t.pushes).toHaveLength(0);
    t.service.close();
  });
});
