import { describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/core/config/ini';
import { buildProfiles } from '../../../src/core/config/profiles';
import { parserCases } from './conformance';

/** Parses both inputs and merges them into the shape the conformance file expects. */
function load(input: { configFile?: string; credentialsFile?: string }) {
  const config = input.configFile === undefined ? null : parseIni(input.configFile, '/home/u/.aws/config', 'config');
  const creds = input.credentialsFile === undefined ? null : parseIni(input.credentialsFile, '/home/u/.aws/credentials', 'credentials');
  const merged = buildProfiles(config, creds);
  const profiles: Record<string, Record<string, string>> = {};
  for (const p of merged.profiles) profiles[p.name] = { ...p.properties };
  const ssoSessions: Record<string, Record<string, string>> = {};
  for (const [name, props] of Object.entries(merged.ssoSessions)) ssoSessions[name] = { ...props };
  return { profiles, sso_sessions: ssoSessions };
}

describe('SDK conformance: profile-parser-tests.json (all 65 cases)', () => {
  const cases = parserCases();
  it('has all 65 cases', () => expect(cases).toHaveLength(65));
  cases.forEach((c, i) => {
    it(`#${i + 1} ${c.name}`, () => {
      if (c.output.errorContaining !== undefined) {
        expect(() => load(c.input)).toThrow(c.output.errorContaining);
        return;
      }
      const got = load(c.input);
      expect(got.profiles).toEqual(c.output.config!.profiles);
      if (c.output.config!.sso_sessions) expect(got.sso_sessions).toEqual(c.output.config!.sso_sessions);
    });
  });
});

describe('buildProfiles', () => {
  const config = parseIni(
    '[profile foo]\nregion = eu-west-1\nname = a\n[sso-session corp]\nsso_start_url = https://x\n[services s]\ns3 =\n  endpoint_url = http://l\n[profile foo]\noutput = json\n',
    '/c',
    'config',
  );
  const creds = parseIni('[foo]\nname = b\n[bar]\naws_access_key_id = AKIAFAKE\n', '/k', 'credentials');

  it('lets the credentials file win and records where each winning value came from', () => {
    const { profiles } = buildProfiles(config, creds);
    expect(profiles.map((p) => p.name)).toEqual(['foo', 'bar']);
    const foo = profiles[0]!;
    expect(foo.properties).toEqual({ region: 'eu-west-1', name: 'b', output: 'json' });
    expect(foo.sources).toEqual({
      region: { file: '/c', line: 2, fileKind: 'config' }, name: { file: '/k', line: 2, fileKind: 'credentials' }, output: { file: '/c', line: 10, fileKind: 'config' },
    });
    expect(foo.sections).toEqual([{ file: '/c', line: 1 }, { file: '/c', line: 9 }, { file: '/k', line: 1 }]);
  });

  it('collects sso-session and services sections', () => {
    const merged = buildProfiles(config, null);
    expect(merged.ssoSessions).toEqual({ corp: { sso_start_url: 'https://x' } });
    expect(merged.services).toEqual({ s: { s3: '\nendpoint_url = http://l' } });
  });

  it('treats a profile called __proto__ as plain data', () => {
    const merged = buildProfiles(parseIni('[profile __proto__]\nregion = x\n', '/c', 'config'), null);
    expect(merged.profiles[0]!.name).toBe('__proto__');
    expect(merged.profiles[0]!.properties.region).toBe('x');
    expect(({} as Record<string, unknown>).region).toBeUndefined();
  });

  it('returns nothing for no files', () => {
    expect(buildProfiles(null, null).profiles).toEqual([]);
  });
});
