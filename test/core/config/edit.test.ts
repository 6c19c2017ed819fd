import fc from 'fast-check';
import { toRawLines } from '../../../src/core/config/raw-lines';
import { parseSectionKey } from '../../../src/core/config/section-key';
import type { AwsProfiles } from '../../../src/core/config/types';
import { editKeyArb, fileArb, targetArb, valueArb } from './arbitrary-config';
import { describe, expect, it } from 'vitest';
import { ensureSection, profileSectionHeader, removeProperty, setProperty } from '../../../src/core/config/edit';
import { parseIni } from '../../../src/core/config/ini';
import { buildProfiles } from '../../../src/core/config/profiles';

const CONFIG = [
  '# my settings', // 1
  '[default]', // 2
  'Region = us-east-1 # home', // 3
  'output=json', // 4
  '', // 5
  '[profile dev]', // 6
  's3 =', // 7
  '  max_concurrent_requests = 10', // 8
  'region = eu-west-1', // 9
  '; keep me', // 10
  '', // 11
  '[plugins]', // 12
  'cli_legacy_plugin_path = /x', // 13
  '', // 14
].join('\n');

const props = (text: string, name: string) => ({ ...buildProfiles(parseIni(text, 'c', 'config'), null).profiles.find((p) => p.name === name)?.properties });

describe('setProperty', () => {
  it('replaces a value in place, keeping key spelling, spacing and comment', () => {
    const out = setProperty(CONFIG, 'config', 'default', 'region', 'ap-northeast-1');
    expect(out).toBe(CONFIG.replace('Region = us-east-1 # home', 'Region = ap-northeast-1 # home'));
    expect(setProperty(CONFIG, 'config', 'default', 'output', 'text')).toBe(CONFIG.replace('output=json', 'output=text'));
  });

  it('inserts a new key after the section\'s last property, before its trailing comment', () => {
    const out = setProperty(CONFIG, 'config', 'profile dev', 'login_session', 'arn:aws:iam::123456789012:user/alice');
    expect(out.split('\n').slice(8, 11)).toEqual(['region = eu-west-1', 'login_session = arn:aws:iam::123456789012:user/alice', '; keep me']);
  });

  it('replaces a value that had sub-properties with one line', () => {
    const out = setProperty(CONFIG, 'config', 'profile dev', 's3', 'none');
    expect(out).toBe(CONFIG.replace('s3 =\n  max_concurrent_requests = 10', 's3 = none'));
  });

  it('edits the last duplicate, which is the one the SDKs use', () => {
    const text = '[profile a]\nregion = one\n[profile a]\nregion = two\n';
    expect(setProperty(text, 'config', 'profile a', 'region', 'three')).toBe('[profile a]\nregion = one\n[profile a]\nregion = three\n');
  });

  it('edits [profile default] when it hides [default]', () => {
    const text = '[default]\nregion = a\n[profile default]\noutput = json\n';
    expect(setProperty(text, 'config', 'default', 'region', 'b')).toBe('[default]\nregion = a\n[profile default]\noutput = json\nregion = b\n');
  });

  it('appends a missing section after a blank line', () => {
    expect(setProperty('[default]\nregion = a\n', 'config', 'profile x', 'region', 'b')).toBe('[default]\nregion = a\n\n[profile x]\nregion = b\n');
    expect(setProperty('', 'config', 'profile x', 'region', 'b')).toBe('[profile x]\nregion = b\n');
    expect(setProperty('[default]\r\nregion = a', 'config', 'profile x', 'k', 'v')).toBe('[default]\r\nregion = a\r\n\r\n[profile x]\r\nk = v');
  });

  it('keeps CRLF, a BOM and a missing final newline', () => {
    const text = '\uFEFF[profile a]\r\nregion = x';
    expect(setProperty(text, 'config', 'profile a', 'output', 'json')).toBe('\uFEFF[profile a]\r\nregion = x\r\noutput = json');
    expect(setProperty(text, 'config', 'profile a', 'region', 'y')).toBe('\uFEFF[profile a]\r\nregion = y');
  });

  it('writes and finds a profile whose name needs quoting, with the quotes the AWS CLI\'s writer finds (recorded: login-quoted-header-*)', () => {
    const header = profileSectionHeader('my team', 'config');
    expect(header).toBe('profile "my team"');
    const once = setProperty('', 'config', header, 'region', 'a');
    expect(once).toBe('[profile "my team"]\nregion = a\n');
    expect(setProperty(once, 'config', "profile 'my team'", 'region', 'b')).toBe('[profile "my team"]\nregion = b\n');
    expect(profileSectionHeader('default', 'config')).toBe('default');
    expect(profileSectionHeader('x', 'credentials')).toBe('x');
  });

  it('rejects values and keys that would not read back', () => {
    expect(() => setProperty(CONFIG, 'config', 'default', 'region', 'a\nb')).toThrow('cannot contain a line break');
    expect(() => setProperty(CONFIG, 'config', 'default', 'bad\nkey', 'a')).toThrow('cannot contain a line break');
    expect(() => setProperty(CONFIG, 'config', 'default', 'region', ' a')).toThrow('cannot start or end with a space');
    expect(() => setProperty(CONFIG, 'config', 'default', 'region', 'a # b')).toThrow('comment');
    expect(() => setProperty(CONFIG, 'config', 'default', 'region', ';a')).toThrow('comment');
    expect(setProperty('[default]\n', 'config', 'default', 'region', 'a#b;c')).toBe('[default]\nregion = a#b;c\n');
    expect(() => setProperty(CONFIG, 'config', 'default', 'in valid', 'a')).toThrow('not a property name');
    expect(() => setProperty(CONFIG, 'config', 'foo', 'region', 'a')).toThrow('ignore a [foo] section in the config file');
    expect(() => setProperty('', 'credentials', 'profile foo', 'region', 'a')).toThrow('credentials file');
    expect(() => setProperty('', 'config', 'profile a]', 'region', 'a')).toThrow('not a section name');
  });

  it('refuses to edit a file the SDKs cannot read, naming the line', () => {
    expect(() => setProperty('[default]\nbroken\n', 'config', 'default', 'a', 'b', '/home/u/.aws/config')).toThrow(
      "/home/u/.aws/config:2: Expected an '=' sign defining a property",
    );
  });

  it('writes to the credentials file without the profile prefix', () => {
    expect(setProperty('[a]\nx = 1\n', 'credentials', 'b', 'x', '2')).toBe('[a]\nx = 1\n\n[b]\nx = 2\n');
  });
});

describe('removeProperty', () => {
  it('removes every occurrence with its sub-property lines and nothing else', () => {
    const text = '[profile a]\nregion = x\ns3 =\n  a = 1\n\n  b = 2\nregion = y\n# c\n[profile b]\nregion = z\n';
    expect(removeProperty(text, 'config', 'profile a', 'region')).toBe('[profile a]\ns3 =\n  a = 1\n\n  b = 2\n# c\n[profile b]\nregion = z\n');
    expect(removeProperty(text, 'config', 'profile a', 'S3')).toBe('[profile a]\nregion = x\nregion = y\n# c\n[profile b]\nregion = z\n');
  });

  it('returns the text unchanged when there is nothing to remove', () => {
    expect(removeProperty(CONFIG, 'config', 'profile nope', 'region')).toBe(CONFIG);
    expect(removeProperty(CONFIG, 'config', 'default', 'nope')).toBe(CONFIG);
  });

  it('keeps a missing final newline missing', () => {
    expect(removeProperty('[a]\nx = 1\ny = 2', 'credentials', 'a', 'y')).toBe('[a]\nx = 1');
    expect(props(removeProperty(CONFIG, 'config', 'default', 'REGION'), 'default')).toEqual({ output: 'json' });
  });
});

describe('ensureSection', () => {
  it('adds a missing section and leaves an existing one alone', () => {
    expect(ensureSection(CONFIG, 'config', 'profile dev')).toBe(CONFIG);
    expect(ensureSection('[default]\n', 'config', 'sso-session corp')).toBe('[default]\n\n[sso-session corp]\n');
    expect(ensureSection('# only a comment', 'config', 'profile a')).toBe('# only a comment\n\n[profile a]');
  });
});


type Plain = Record<string, Record<string, Record<string, string>>>;

/** The SDK's view of a file as plain nested records: profiles, sso-sessions, services. */
function view(text: string, fileKind: 'config' | 'credentials'): Plain {
  const doc = parseIni(text, 'f', fileKind);
  const merged: AwsProfiles = fileKind === 'config' ? buildProfiles(doc, null) : buildProfiles(null, doc);
  const plain = (r: Record<string, Record<string, string>>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v }]));
  return {
    profile: Object.fromEntries(merged.profiles.map((p) => [p.name, { ...p.properties }])),
    'sso-session': plain(merged.ssoSessions),
    services: plain(merged.services),
  };
}

/** Lines outside the changed run are identical; returns the changed runs [before, after]. */
function changedRun(before: string, after: string): [string[], string[]] {
  const a = toRawLines(before).lines;
  const b = toRawLines(after).lines;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [a.slice(p, a.length - s), b.slice(p, b.length - s)];
}

const endsWithNewline = (t: string) => t.endsWith('\n');

describe('setProperty / removeProperty: properties over generated files', () => {
  for (const fileKind of ['config', 'credentials'] as const) {
    it(`${fileKind}: set changes exactly that value and only the lines that must change`, () => {
      fc.assert(
        fc.property(fileArb(fileKind), targetArb(fileKind), editKeyArb, valueArb, ({ text }, header, key, value) => {
          const before = view(text, fileKind);
          const out = setProperty(text, fileKind, header, key, value);
          const target = parseSectionKey(header, fileKind);
          const expected = structuredClone(before);
          (expected[target.kind] ??= {})[target.name] = { ...expected[target.kind]![target.name], [key.toLowerCase()]: value };
          expect(view(out, fileKind)).toEqual(expected);

          const [removed, added] = changedRun(text, out);
          const created = !Object.hasOwn(before[target.kind]!, target.name);
          if (created) expect(added.slice(-2)).toEqual([`[${header}]`, `${key} = ${value}`]);
          else expect(added.length).toBeLessThanOrEqual(1);
          // Only the key's own line and its continuation / sub-property lines may go.
          for (const line of removed) {
            if (/^[ \t#;]/.test(line) || line.trim() === '') continue;
            expect(line.toLowerCase()).toMatch(new RegExp(`^${key.toLowerCase()}[ \\t]*=`));
          }
          expect(out.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
          if (text.replace(/^\uFEFF/, '') !== '') expect(endsWithNewline(out)).toBe(endsWithNewline(text));
        }),
        { numRuns: 400 },
      );
    });

    it(`${fileKind}: set then remove of a new key gives the original text byte for byte`, () => {
      fc.assert(
        fc.property(fileArb(fileKind), targetArb(fileKind), valueArb, ({ text }, header, value) => {
          const target = parseSectionKey(header, fileKind);
          fc.pre(Object.hasOwn(view(text, fileKind)[target.kind]!, target.name));
          const out = setProperty(text, fileKind, header, 'brand_new_key', value);
          expect(removeProperty(out, fileKind, header, 'brand_new_key')).toBe(text);
        }),
        { numRuns: 300 },
      );
    });

    it(`${fileKind}: remove drops exactly that key and keeps every other line`, () => {
      fc.assert(
        fc.property(fileArb(fileKind), targetArb(fileKind), editKeyArb, ({ text }, header, key) => {
          const before = view(text, fileKind);
          const out = removeProperty(text, fileKind, header, key);
          const target = parseSectionKey(header, fileKind);
          const expected = structuredClone(before);
          const props = expected[target.kind]![target.name];
          if (props) delete props[key.toLowerCase()];
          expect(view(out, fileKind)).toEqual(expected);
          // The result is the original minus whole lines: the key's own lines and their indented
          // continuation / sub-property lines (with blank or comment lines between them).
          const a = toRawLines(text).lines;
          const b = toRawLines(out).lines;
          const dropped: string[] = [];
          let j = 0;
          for (const line of a) {
            if (j < b.length && b[j] === line) j++;
            else dropped.push(line);
          }
          expect(j).toBe(b.length);
          for (const line of dropped) {
            if (/^[ \t#;]/.test(line) || line.trim() === '') continue;
            expect(line.toLowerCase()).toMatch(new RegExp(`^${key.toLowerCase()}[ \\t]*=`));
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
