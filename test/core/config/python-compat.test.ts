import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/core/config/ini';
import { pythonCompatFindings } from '../../../src/core/config/python-compat';

/** What Debian's botocore makes of a config file: its profiles, or that it refuses the file. */
function botocore(text: string): { refused: true } | { refused: false; profiles: Record<string, Record<string, string>> } {
  const dir = mkdtempSync(join(tmpdir(), 'alt-py-'));
  const file = join(dir, 'config');
  writeFileSync(file, text);
  const script = [
    'import json, sys, botocore.session',
    's = botocore.session.Session()',
    `s.set_config_variable('config_file', ${JSON.stringify(file)})`,
    "s.set_config_variable('credentials_file', '/nonexistent')",
    'try:',
    "    print(json.dumps({'refused': False, 'profiles': s.full_config.get('profiles', {})}))",
    'except Exception:',
    "    print(json.dumps({'refused': True}))",
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as ReturnType<typeof botocore>;
}

const SESSION = 'arn:aws:iam::123456789012:user/alice';
const findings = (text: string) => pythonCompatFindings(parseIni(text, '/h/.aws/config', 'config'));

describe('pythonCompatFindings, checked against the real botocore', () => {
  it('flags a BOM, repeated sections and repeated keys: botocore refuses the whole file', () => {
    for (const text of [
      `\uFEFF[profile dev]\nregion = eu-west-1\n`,
      `[profile dev]\nregion = eu-west-1\n[profile dev]\noutput = json\n`,
      `[profile dev]\nregion = eu-west-1\nregion = us-east-1\n`,
    ]) {
      expect(botocore(text)).toEqual({ refused: true });
      const f = findings(text);
      expect(f).toHaveLength(1);
      expect(f[0]!.effect).toBe('refused');
      expect(f[0]!.message).toMatch(/^\/h\/\.aws\/config:\d+ .*refuse the whole file/);
    }
    expect(findings(`[profile dev]\nregion = eu-west-1\nregion = us-east-1\n`)[0]).toMatchObject({ line: 3, profile: 'dev' });
  });

  it('flags spaces inside the brackets: botocore does not see the profile', () => {
    const text = `[  profile dev  ]\nregion = eu-west-1\n`;
    const py = botocore(text);
    expect(py.refused === false && Object.keys(py.profiles)).toEqual([]);
    expect(findings(text)).toMatchObject([{ line: 1, profile: 'dev', effect: 'differs' }]);
  });

  it('flags a comment after login_session: botocore keeps it in the session name', () => {
    const text = `[profile dev]\nregion = eu-west-1\nlogin_session = ${SESSION} # mine\n`;
    const py = botocore(text);
    expect(py.refused === false && py.profiles.dev!.login_session).toBe(`${SESSION} # mine`);
    expect(parseIni(text, 'c', 'config').sections[0]!.properties[1]!.value).toBe(SESSION);
    expect(findings(text)).toMatchObject([{ line: 3, profile: 'dev', effect: 'differs' }]);
  });

  it('names profiles Python reads but the JS SDK drops (quoted with a space, non-ASCII), and not those both ignore', () => {
    const text = `[profile "a b"]\nregion = eu-west-1\n[profile café]\nregion = eu-west-1\n[profile c d]\nregion = eu-west-1\n[profile ok]\nregion = eu-west-1\n`;
    const py = botocore(text);
    expect(py.refused === false && Object.keys(py.profiles).sort()).toEqual(['a b', 'café', 'ok']);
    expect(findings(text).map((f) => [f.profile, f.line, f.effect])).toEqual([['a b', 1, 'js-only-drops'], ['café', 3, 'js-only-drops']]);
  });

  it('finds nothing in a config both read alike', () => {
    const text = `[default]\nregion = eu-west-1\n\n[profile dev]\n# a comment\nregion = eu-west-1\nlogin_session = ${SESSION}\n[sso-session corp]\nsso_region = us-east-1\n`;
    const py = botocore(text);
    expect(py.refused).toBe(false);
    expect(findings(text)).toEqual([]);
  });
});
