import { describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/core/config/ini';
import { AwsConfigError } from '../../../src/core/config/types';

// The 65 SDK conformance cases run in profiles.test.ts (they need parseIni + buildProfiles).

const sample = [
  '# top comment', // 1
  '[default]', // 2
  'region = us-east-1', // 3
  '', // 4
  '[profile dev] ; note', // 5
  'Login_Session = arn:aws:iam::123456789012:user/alice', // 6
  's3 =', // 7
  '  max_concurrent_requests = 10', // 8
  '', // 9
  '  addressing_style = path', // 10
  'note = first', // 11
  '  -continued', // 12
  '; trailing comment', // 13
  '[sso-session corp]', // 14
  'sso_region = eu-west-1', // 15
].join('\n');

describe('parseIni: layout and line numbers', () => {
  const doc = parseIni(sample, '/home/u/.aws/config', 'config');

  it('keeps sections with 1-based header lines and body end lines', () => {
    expect(doc.sections.map((s) => [s.header, s.kind, s.name, s.hasProfilePrefix, s.valid, s.line, s.endLine])).toEqual([
      ['default', 'profile', 'default', false, true, 2, 4],
      ['profile dev', 'profile', 'dev', true, true, 5, 13],
      ['sso-session corp', 'sso-session', 'corp', false, true, 14, 15],
    ]);
  });

  it('keeps each property with its line span, lower-cased key and SDK value', () => {
    expect(doc.sections[1]!.properties).toEqual([
      { key: 'login_session', value: 'arn:aws:iam::123456789012:user/alice', line: 6, endLine: 6, valid: true },
      { key: 's3', value: '\nmax_concurrent_requests = 10\naddressing_style = path', line: 7, endLine: 10, valid: true },
      { key: 'note', value: 'first\n-continued', line: 11, endLine: 12, valid: true },
    ]);
  });

  it('records lines, EOL, BOM and final newline', () => {
    expect(doc.lines).toHaveLength(15);
    expect(doc.eol).toBe('\n');
    expect(doc.bom).toBe(false);
    expect(doc.finalNewline).toBe(false);
    expect(doc.file).toBe('/home/u/.aws/config');
    expect(doc.fileKind).toBe('config');
  });
});

describe('parseIni: encodings and line endings', () => {
  it('strips a UTF-8 BOM and reads CRLF the same as LF', () => {
    const text = '\uFEFF[profile a]\r\nregion = eu-west-1\r\n\r\n[profile b]\r\nx = 1\r\n';
    const doc = parseIni(text, 'c', 'config');
    expect(doc.bom).toBe(true);
    expect(doc.eol).toBe('\r\n');
    expect(doc.finalNewline).toBe(true);
    expect(doc.lines).toEqual(['[profile a]', 'region = eu-west-1', '', '[profile b]', 'x = 1']);
    expect(doc.sections.map((s) => s.name)).toEqual(['a', 'b']);
    expect(doc.sections[0]!.properties[0]!.value).toBe('eu-west-1');
    expect(doc.sections[1]!.endLine).toBe(5);
  });

  it('reads an empty file and a file without a final newline', () => {
    expect(parseIni('', 'c', 'config')).toMatchObject({ lines: [], sections: [], finalNewline: false, bom: false });
    const doc = parseIni('[default]\nregion = x', 'c', 'config');
    expect(doc.finalNewline).toBe(false);
    expect(doc.sections[0]!.properties[0]).toMatchObject({ value: 'x', line: 2 });
  });
});

describe('parseIni: which sections the SDKs read', () => {
  it('marks [default] ignored when [profile default] is in the same config file', () => {
    const doc = parseIni('[default]\na = 1\n[profile default]\nb = 2\n', 'c', 'config');
    expect(doc.sections.map((s) => s.valid)).toEqual([false, true]);
  });

  it('needs the profile prefix in config and forbids it in credentials', () => {
    expect(parseIni('[foo]\n[profile foo]\n', 'c', 'config').sections.map((s) => s.valid)).toEqual([false, true]);
    expect(parseIni('[foo]\n[profile foo]\n[sso-session x]\n', 'k', 'credentials').sections.map((s) => s.valid)).toEqual([true, false, false]);
  });

  it('accepts a quoted name (as the JS SDK and botocore do) but not one with spaces', () => {
    const doc = parseIni('[profile "foo"]\n[profile \'bar\']\n[profile "a b"]\n', 'c', 'config');
    expect(doc.sections.map((s) => [s.name, s.valid])).toEqual([['foo', true], ['bar', true], ['a b', false]]);
  });

  it('classifies services and unknown sections', () => {
    const doc = parseIni('[services my-svc]\n[plugins x]\n', 'c', 'config');
    expect(doc.sections.map((s) => [s.kind, s.valid])).toEqual([['services', true], ['other', false]]);
  });

  it('keeps properties with names the SDKs ignore, flagged invalid', () => {
    const doc = parseIni('[profile a]\nin valid = 1\n', 'c', 'config');
    expect(doc.sections[0]!.properties[0]).toMatchObject({ key: 'in valid', valid: false });
  });
});

describe('parseIni: errors name the file and line', () => {
  const cases: [string, number, string][] = [
    ['region = x\n', 1, "Expected a profile definition"],
    ['[default]\nregion = x\nkey : value\n', 3, "Expected an '=' sign defining a property"],
    ['[default]\n\n= value\n', 3, 'Property did not have a name'],
    ['# c\n[profile foo\n', 2, "Profile definition must end with ']'"],
    ['[default]\n  -continued\n', 2, 'Expected a property definition, found continuation'],
    ['[default]\ns3 =\n  oops\n', 3, "Expected an '=' sign defining a sub-property"],
  ];
  for (const [text, line, wording] of cases) {
    it(`line ${line}: ${wording}`, () => {
      let error: unknown;
      try {
        parseIni(text, '/home/u/.aws/config', 'config');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AwsConfigError);
      const e = error as AwsConfigError;
      expect(e.file).toBe('/home/u/.aws/config');
      expect(e.line).toBe(line);
      expect(e.reason).toContain(wording);
      expect(e.message).toMatch(new RegExp(`^/home/u/\\.aws/config:${line}: `));
      expect(e.message).toContain('Fix or remove that line');
    });
  }

  it('counts lines after a BOM and CRLF correctly', () => {
    expect(() => parseIni('\uFEFF[default]\r\n\r\nbad line\r\n', 'f', 'config')).toThrow('f:3: ');
  });
});
